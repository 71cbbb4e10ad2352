// Arithmetic on the right of a working line: numbers, + - * / ^, parentheses, exp, log (natural),
// ln, sqrt, abs, sigmoid, tanh, and variables. The rest of the tutor sees only this interface;
// muparser (Debian's libmuparser-dev) does the parsing, behind it in expr.cpp.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace gf::tutor {

struct ExprError {
    std::string message; // what was wrong, in words
    int column = 0;      // 0-based byte offset into the expression
};

// The variable names `expr` uses, sorted. False (and `err`) when it cannot be read.
bool expr_variables(const std::string& expr, std::vector<std::string>& names, ExprError& err);

// The value of `expr` with `vars` bound. False (and `err`) when it cannot be read, uses a name not
// in `vars`, or is not a finite number.
bool expr_evaluate(const std::string& expr, const std::vector<std::pair<std::string, double>>& vars, double& value,
                   ExprError& err);

} // namespace gf::tutor
