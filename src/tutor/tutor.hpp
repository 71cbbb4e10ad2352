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
// check_working() gives the report, working_json() / format_working() its two renderings.
#pragma once

#include "core/names.hpp"
#include "core/network.hpp"
#include "tutor/working.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gf::tutor {

enum class Verdict { right, follows_through, slip, error };

enum class SlipKind {
    none,
    arithmetic,                // no pattern fits; the right value is given
    missing_paths,             // a gradient summed over fewer chain-rule paths than exist
    extra_paths,               // … over a path counted twice
    activation_not_derivative, // σ(a) written for σ′(a) = σ(a)(1 − σ(a)); likewise tanh, softmax
    weight_not_input,          // ∂a/∂w written as w or w·h instead of h
    sign,                      // y − ŷ for ŷ − y, a lost minus
    factor,                    // the 2 of the square missing, a ½ the loss does not have, a 1/n
    index_swap,                // another neuron's value, or w_jk read as w_kj
    softmax_diagonal,          // ŷ_i(1 − ŷ_i) for a cross term, or −ŷ_i ŷ_k for a diagonal one
    wrong_target,              // a target paired with the wrong output (y_1 and y_2 swapped)
    rounding,                  // right to the digits written, but outside the tolerance
};

std::string_view to_string(Verdict v);
std::string_view to_string(SlipKind k);

struct LineVerdict {
    int line = 0;           // 1-based line in the working text
    std::string name;       // the quantity, as the app names it (∂L/∂w_212); empty if unread
    bool has_value = false; // false for `error` lines
    double value = 0.0;     // the student's right side, evaluated
    double expected = 0.0;  // the network's value
    Verdict verdict = Verdict::error;
    SlipKind slip = SlipKind::none;
    std::string why;               // one sentence: why this verdict (with the tolerance when it matters)
    std::vector<int> follows_from; // lines whose wrong values this line carries (JSON: absent when empty)
    int column = 0;                // error lines: 1-based column of the problem
    Quantity quantity;             // what the line is about: the canvas focuses it
    std::vector<NodeRef> hop;      // where the slip happened: a node, an edge (start, end) or a path
};

struct WorkingSummary {
    int lines = 0, right = 0, follows_through = 0, slips = 0, errors = 0;
    std::string text; // "5 of 6 lines right; 1 slip: missing_paths at line 6"
};

struct WorkingReport {
    double tolerance = 1e-3; // relative
    std::vector<LineVerdict> lines;
    WorkingSummary summary;
};

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
