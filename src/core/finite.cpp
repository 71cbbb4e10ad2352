#include "core/finite.hpp"

#include "core/names.hpp"

#include <cmath>

namespace gf {

namespace {

const char* spelling(double v) { return std::isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf"; }

// Calls f(ref, value) over a layer's parameters; stops at the first f that returns true.
template <class F>
bool any_param(const Network& net, const std::vector<Matrix>& W, const std::vector<Vec>& b, F&& f)
{
    for (int l = 0; l < net.layers(); ++l) {
        const Matrix& m = W[std::size_t(l)];
        for (int j = 0; j < m.rows; ++j)
            for (int k = 0; k < m.cols; ++k)
                if (f(NodeRef{NodeKind::weight, l, j, k}, m(j, k))) return true;
        for (int j = 0; j < int(b[std::size_t(l)].size()); ++j)
            if (f(NodeRef{NodeKind::bias, l, j, 0}, b[std::size_t(l)][std::size_t(j)])) return true;
    }
    return false;
}

} // namespace

std::string non_finite_in_trace(const Network& net, const Trace& t)
{
    const std::string fix = "; the weights, biases or inputs are too large for double precision "
                            "(about 1.8e308): use smaller values";
    for (int l = 0; l < net.layers(); ++l) {
        for (int j = 0; j < net.width(l); ++j) {
            const double a = t.a[std::size_t(l)][std::size_t(j)], h = t.h[std::size_t(l)][std::size_t(j)];
            if (!std::isfinite(a)) return node_name(net, NodeRef{NodeKind::pre, l, j, 0}) + " is " + spelling(a) + fix;
            if (!std::isfinite(h)) return node_name(net, NodeRef{NodeKind::post, l, j, 0}) + " is " + spelling(h) + fix;
        }
    }
    if (!std::isfinite(t.loss)) return "the loss L is " + std::string(spelling(t.loss)) + fix;

    std::string found;
    auto check = [&](const NodeRef& ref, double g) {
        if (std::isfinite(g)) return false;
        found = gradient_name(net, ref) + " is " + spelling(g) + fix;
        return true;
    };
    // Backward, in the order backprop finds them. ∂L/∂ŷ itself is left out: for cross-entropy it
    // is ±inf where ŷ_i underflows while every gradient below it stays finite (Trace::out_grad).
    for (int l = net.layers() - 1; l >= 0; --l) {
        if (l < net.layers() - 1)
            for (int j = 0; j < net.width(l); ++j)
                if (check(NodeRef{NodeKind::post, l, j, 0}, t.dh[std::size_t(l)][std::size_t(j)])) return found;
        for (int j = 0; j < net.width(l); ++j)
            if (check(NodeRef{NodeKind::pre, l, j, 0}, t.da[std::size_t(l)][std::size_t(j)])) return found;
    }
    if (any_param(net, t.dW, t.db, check)) return found;
    for (int k = 0; k < net.inputs(); ++k)
        if (check(NodeRef{NodeKind::input, 0, k, 0}, t.dx[std::size_t(k)])) return found;
    return {};
}

std::string non_finite_in_step(const Network& next, double loss_next)
{
    const std::string fix = " after one step: the learning rate times the gradient is too large "
                            "for double precision; use a smaller learning_rate";
    std::string found;
    auto check = [&](const NodeRef& ref, double v) {
        if (std::isfinite(v)) return false;
        found = node_name(next, ref) + " would be " + spelling(v) + fix;
        return true;
    };
    if (any_param(next, next.W, next.b, check)) return found;
    if (!std::isfinite(loss_next)) return "the loss L would be " + std::string(spelling(loss_next)) + fix;
    return {};
}

} // namespace gf
