#include "tutor/expr.hpp"

#include <muParser.h>

#include <cmath>

namespace gf::tutor {

namespace {

double sigmoid(double a) { return a >= 0.0 ? 1.0 / (1.0 + std::exp(-a)) : std::exp(a) / (1.0 + std::exp(a)); }

// muparser already has exp, ln, log (natural in 2.3), sqrt, abs, tanh and ^; sigmoid is ours.
void define_functions(mu::Parser& p) { p.DefineFun("sigmoid", sigmoid); }

ExprError error_of(const mu::Parser::exception_type& e)
{
    ExprError err;
    err.message = e.GetMsg();
    err.column = e.GetPos() >= 0 ? int(e.GetPos()) : 0;
    return err;
}

} // namespace

bool expr_variables(const std::string& expr, std::vector<std::string>& names, ExprError& err)
{
    names.clear();
    try {
        mu::Parser p;
        define_functions(p);
        p.SetExpr(expr);
        for (const auto& [name, ptr] : p.GetUsedVar()) names.push_back(name);
        return true;
    } catch (const mu::Parser::exception_type& e) {
        err = error_of(e);
        return false;
    }
}

bool expr_evaluate(const std::string& expr, const std::vector<std::pair<std::string, double>>& vars, double& value,
                   ExprError& err)
{
    try {
        mu::Parser p;
        define_functions(p);
        std::vector<double> store(vars.size());
        for (std::size_t i = 0; i < vars.size(); ++i) {
            store[i] = vars[i].second;
            p.DefineVar(vars[i].first, &store[i]);
        }
        p.SetExpr(expr);
        value = p.Eval();
    } catch (const mu::Parser::exception_type& e) {
        err = error_of(e);
        return false;
    }
    if (!std::isfinite(value)) {
        err = {"the value is not a finite number (" + std::string(std::isnan(value) ? "NaN" : "infinite") +
                   "): check for a division by zero or the log of a number ≤ 0",
               0};
        return false;
    }
    return true;
}

} // namespace gf::tutor
