#include "core/gradcheck.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace gf {

namespace {

double step_for(double v) { return kFdStep * std::max(1.0, std::abs(v)); }

// Perturbs one parameter of `n` in place and restores it exactly afterwards.
double param_difference(Network& n, const Sample& s, const NodeRef& ref)
{
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

double central_difference(const Network& net, const Sample& s, const NodeRef& ref)
{
    if (ref.is_param()) {
        Network n = net;
        return param_difference(n, s, ref);
    }
    Nudge nudge;
    nudge.layer = ref.layer;
    nudge.j = ref.j;
    double v0 = 0.0;
    switch (ref.kind) {
    case NodeKind::input:
        nudge.at = Nudge::At::input;
        v0 = s.x[std::size_t(ref.j)];
        break;
    case NodeKind::pre: nudge.at = Nudge::At::pre; break;
    case NodeKind::post: nudge.at = Nudge::At::post; break;
    default: return 1.0; // ∂L/∂L
    }
    const double h = step_for(v0);
    nudge.delta = h;
    const double up = loss_of(net, s, nudge);
    nudge.delta = -h;
    const double down = loss_of(net, s, nudge);
    return (up - down) / (2.0 * h);
}

namespace {
FdCheck compare(const Trace& t, const NodeRef& ref, double numeric)
{
    FdCheck c;
    c.ref = ref;
    c.backprop = node_gradient(t, ref);
    c.numeric = numeric;
    if (!std::isfinite(c.backprop) || !std::isfinite(c.numeric)) {
        // No error can be measured: say it is unbounded, so the summary cannot read 0 (NaN
        // would drop out of every max below).
        c.abs_err = c.rel_err = INFINITY;
        c.ok = false;
        return c;
    }
    c.abs_err = std::abs(c.backprop - c.numeric);
    const double scale = std::max(std::abs(c.backprop), std::abs(c.numeric));
    c.rel_err = scale > 0.0 ? c.abs_err / scale : 0.0;
    c.ok = c.abs_err <= kFdAbsTol + kFdRelTol * scale;
    return c;
}
} // namespace

FdCheck check_one(const Network& net, const Sample& s, const Trace& t, const NodeRef& ref)
{
    return compare(t, ref, central_difference(net, s, ref));
}

namespace {
// Parameter number i in storage order (per layer, per row: the row's weights, then its bias).
NodeRef param_at(const Network& net, std::size_t i)
{
    for (int l = 0; l < net.layers(); ++l) {
        const Matrix& W = net.W[std::size_t(l)];
        const std::size_t row = std::size_t(W.cols) + 1, n = std::size_t(W.rows) * row;
        if (i < n) {
            const int j = int(i / row), k = int(i % row);
            return k == W.cols ? NodeRef{NodeKind::bias, l, j, 0} : NodeRef{NodeKind::weight, l, j, k};
        }
        i -= n;
    }
    assert(false && "param_at: index past the last parameter; count with Network::param_count()");
    return {};
}

std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
} // namespace

GradCheckReport gradient_check(const Network& net, const Sample& s, const GradCheckOptions& options)
{
    GradCheckReport r;
    const Trace t = forward_backward(net, s);
    Network scratch = net;
    double worst = -1.0;
    auto add = [&](const NodeRef& ref) {
        FdCheck c = compare(t, ref, param_difference(scratch, s, ref));
        r.max_abs_err = std::max(r.max_abs_err, c.abs_err);
        r.non_finite += std::isinf(c.rel_err) ? 1 : 0;
        if ((std::isinf(c.rel_err) || std::max(std::abs(c.backprop), std::abs(c.numeric)) > kFdAbsTol) &&
            c.rel_err > worst) {
            worst = c.rel_err;
            r.worst = ref;
        }
        r.ok = r.ok && c.ok;
        r.entries.push_back(c);
    };
    r.param_count = net.param_count();
    r.sampled = !options.all && r.param_count > kFdSampleSize;
    const std::size_t n = r.sampled ? kFdSampleSize : r.param_count;
    r.entries.reserve(n);
    std::uint64_t rng = 1;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t index = i;
        if (r.sampled) { // one pick in slice [i·P/n, (i+1)·P/n)
            const std::size_t lo = i * r.param_count / n, hi = (i + 1) * r.param_count / n;
            index = lo + std::size_t(splitmix64(rng) % (hi - lo));
        }
        add(param_at(net, index));
        if (options.progress && !options.progress(i + 1, n)) {
            r.stopped = true;
            break;
        }
    }
    r.max_rel_err = std::max(worst, 0.0);
    return r;
}

} // namespace gf
