// "Check my working": the verdict on each line of a student's hand derivation.
//
//   right            the value matches the network's (relative tolerance, 1e-3 by default)
//   follows_through  wrong against the network, but right given the student's own other lines
//                    (the slip is charged once, on the line where it happened)
//   slip             wrong, and named: each kind is recognised by recomputing the line with that
//                    mistake applied and finding the student's value; `arithmetic` when none fits
//   error            the line cannot be read; the other lines are still checked
//
// One engine for the CLI (`gradflow-cli tutor`), and later the app's panel and the page's API:
// check_working() gives the report, working_json() / format_working() its two renderings. The
// report's types live in tutor/report.hpp (gradflow_tutor_report: no muparser), which the page links.
#pragma once

#include "core/names.hpp"
#include "core/network.hpp"
#include "tutor/report.hpp"
#include "tutor/working.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gf::tutor {

struct TutorOptions {
    double rel_tol = 1e-3;
};

// Checks `text` against `net` on `sample`. Never throws on bad working: unreadable lines are
// `error` verdicts. Precondition: the network and sample are valid (validate_network/sample).
WorkingReport check_working(const Network& net, const Sample& sample, std::string_view text,
                            const TutorOptions& options = {});

// {"tolerance": …, "lines": [{"line", "name", "value", "expected", "verdict", "slip", "why",
// "follows_from", "column", "hop"}], "summary": {…}}; a key that does not apply to a line (slip on
// a right line, follows_from with nothing to follow, column without an error) is left out, not null.
std::string working_json(const Network& net, const WorkingReport& r, int indent = 2);

// Two lines per verdict for a terminal: "line 6  slip: missing_paths  ∂L/∂w_212 = …", then why.
// Words, not ✓/✗ marks: the UI may draw these strings, and its subset font has no such glyphs.
std::string format_working(const WorkingReport& r);

} // namespace gf::tutor
