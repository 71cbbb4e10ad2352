// The student's working, read line by line: `LEFT = RIGHT  # comment`, one quantity per line.
//
// LEFT names one quantity in the app's names (names.hpp): a value (a_12, h_13, ŷ_1 / yhat_1, L,
// w_212, x_1, y_1 for a target), a gradient (dL/dw_212, ∂L/∂h_13) or a local derivative along
// one hop of the network (dyhat_1/da_21, dh_13/da_13, da_21/dw_212, da_21/dh_12, da_21/db_21).
// RIGHT is arithmetic (expr.hpp) over numbers and the names of quantities, which are replaced by
// variables q0, q1, … before it is evaluated.
#pragma once

#include "core/names.hpp"
#include "core/network.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gf::tutor {

enum class QuantityKind {
    value,      // num's value (a node or a parameter)
    target,     // y_j: the sample's target for output num.j
    derivative, // ∂num/∂den; num = L makes it a gradient
};

struct Quantity {
    QuantityKind kind = QuantityKind::value;
    NodeRef num; // the node (value), the output (target), the numerator (derivative)
    NodeRef den; // derivative only
    bool operator==(const Quantity&) const = default;
    bool is_gradient() const { return kind == QuantityKind::derivative && num.kind == NodeKind::loss; }
};

// "a_12", "y_1", "∂L/∂w_212" (text) / "dL/dw_212" (ascii).
std::string quantity_name(const Network& net, const Quantity& q, NameStyle style = NameStyle::text);

// Reads a left side or a name on the right. False with `error` saying why and, for a name that
// is close to valid ones, the nearest of them ("did you mean a_21?").
bool parse_quantity(const Network& net, std::string_view text, Quantity& out, std::string& error);

struct WorkingLine {
    int line = 0;                  // 1-based line number in the text
    std::string text;              // the line as written
    bool ok = false;               // false: `error` at `column`
    std::string error;             // why the line cannot be read, and what to write instead
    int column = 0;                // 1-based byte column of the problem
    Quantity q;                    // the left side
    std::string expr;              // the right side for expr.hpp, names replaced by q0, q1, …
    std::vector<int> expr_columns; // expr_columns[i]: the 1-based column expr[i] came from
    std::vector<Quantity> refs;    // refs[i] is the quantity named by variable "q<i>"
    bool literal = false;          // the right side is one plain number …
    double literal_unit = 0.0;     // … written to this unit in its last digit (0.97 → 0.01)
};

// Every line holding a `=`; blank lines and lines that are only a # comment are skipped.
std::vector<WorkingLine> parse_working(const Network& net, std::string_view text);

} // namespace gf::tutor
