// The tutor's report: the verdict on each line of a student's working, and its JSON read back.
//
// Split from tutor.hpp so the app can show a report without linking the engine: check_working()
// (gradflow_tutor) needs muparser, which the page does not carry; the page receives the report
// as working_json() text from the separately loaded checker and reads it with
// working_report_from_json(). Library gradflow_tutor_report: this, working.hpp's names, core.
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

// Reads working_json() text back into a report for `net` (the network it was checked against):
// each line's quantity from its name and its hop from the node names. False, `error` saying what
// was wrong, when the text is not such JSON or names something `net` does not have, or the
// checker's own sentence when the text is its failure, {"error": "…"}; `out` is then left as it
// was (the panel keeps its last good report).
bool working_report_from_json(const Network& net, std::string_view json, WorkingReport& out, std::string& error);

} // namespace gf::tutor
