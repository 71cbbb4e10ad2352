#include "core/gradcheck.hpp"

#include <algorithm>
#include <cmath>

namespace gf {

namespace {

double step_for(double v) { return kFdStep * std::max(1.0, std::abs(v)); }

// Perturbs one parameter of `n` in place and restores it exactly afterwards.
double param_difference(Network& n, const Sample& s, const NodeRef& ref) {
    double& v = ref.kind == NodeKind::weight ? n.W[std::size_t(ref.layer)](ref.j, ref.k)
                                             : n.b[std::size_t(ref.layer)][std::size_t(ref.j)];
    const double v0 = v, h = step_for(v0);
    v = v0 + h;
    const double up = loss_of(n, s);
    v = v0 - h;
    const double down = loss_of(n, s);
    v = v0;
    return (up - down) / (2.0 * h);
}

} // namespace

double central_difference(const Network& net, const Sample& s, const NodeRef& ref) {
    if (ref.is_param()) {
        Network n = net;
        return param_difference(n, s, ref);
    }
    Nudge nudge;
    nudge.layer = ref.layer;
    nudge.j = ref.j;
    double v0 = 0.0;
    switch (ref.kind) {
    case NodeKind::input: nudge.at = Nudge::At::input; v0 = s.x[std::size_t(ref.j)]; break;
    case NodeKind::pre:   nudge.at = Nudge::At::pre;   break;
    case NodeKind::post:  nudge.at = Nudge::At::post;  break;
    default:              return 1.0;  // ∂L/∂L
    }
    const double h = step_for(v0);
    nudge.delta = h;
    const double up = loss_of(net, s, nudge);
    nudge.delta = -h;
    const double down = loss_of(net, s, nudge);
    return (up - down) / (2.0 * h);
}

namespace {
FdCheck compare(const Trace& t, const NodeRef& ref, double numeric) {
    FdCheck c;
    c.ref = ref;
    c.backprop = node_gradient(t, ref);
    c.numeric = numeric;
    c.abs_err = std::abs(c.backprop - c.numeric);
    const double scale = std::max(std::abs(c.backprop), std::abs(c.numeric));
    c.rel_err = scale > 0.0 ? c.abs_err / scale : 0.0;
    c.ok = c.abs_err <= kFdAbsTol + kFdRelTol * scale;
    return c;
}
} // namespace

FdCheck check_one(const Network& net, const Sample& s, const Trace& t, const NodeRef& ref) {
    return compare(t, ref, central_difference(net, s, ref));
}

GradCheckReport gradient_check(const Network& net, const Sample& s) {
    GradCheckReport r;
    const Trace t = forward_backward(net, s);
    Network scratch = net;
    double worst = -1.0;
    auto add = [&](const NodeRef& ref) {
        FdCheck c = compare(t, ref, param_difference(scratch, s, ref));
        r.max_abs_err = std::max(r.max_abs_err, c.abs_err);
        if (std::max(std::abs(c.backprop), std::abs(c.numeric)) > kFdAbsTol && c.rel_err > worst) {
            worst = c.rel_err;
            r.worst = ref;
        }
        r.ok = r.ok && c.ok;
        r.entries.push_back(c);
    };
    for (int l = 0; l < net.layers(); ++l) {
        const Matrix& W = net.W[std::size_t(l)];
        for (int j = 0; j < W.rows; ++j) {
            for (int k = 0; k < W.cols; ++k) add(NodeRef{NodeKind::weight, l, j, k});
            add(NodeRef{NodeKind::bias, l, j, 0});
        }
    }
    r.max_rel_err = std::max(worst, 0.0);
    return r;
}

} // namespace gf
