#include "anim/narrate.hpp"

#include "core/derive.hpp"
#include "core/names.hpp"

#include <algorithm>
#include <string_view>

namespace gf::anim {

namespace {

// 4 significant digits with a real minus sign (U+2212), as the panels show numbers; screen
// readers say "minus" for it.
std::string num(double v)
{
    std::string s = format_number(v, 4);
    if (!s.empty() && s[0] == '-') s.replace(0, 1, "−");
    return s;
}

// The value revealed by a non-major event at `at`: which node's which field has that reveal
// time (the builder writes the same double to both). Empty when none does (a hop, the update).
std::string revealed(const Timeline& tl, const Network& net, double at)
{
    const Graph& g = tl.graph;
    for (std::size_t n = 0; n < tl.node_tracks.size(); ++n) {
        const NodeTrack& tr = tl.node_tracks[n];
        const NodeRef ref = g.node_ref(int(n));
        const GraphNode& gn = g.nodes[n];
        // A hidden neuron's h and ∂L/∂h belong to its post-activation name (h_lj).
        const NodeRef post = gn.role == NodeRole::neuron ? NodeRef{NodeKind::post, ref.layer, ref.j, 0} : ref;
        if (tr.t_a == at) return node_name(net, ref) + " = " + num(tr.a);
        if (tr.t_h == at) return node_name(net, post) + " = " + num(tr.h);
        if (tr.t_da == at) return gradient_name(net, ref) + " = " + num(tr.da);
        if (tr.t_dh == at) return gradient_name(net, post) + " = " + num(tr.dh);
    }
    return {};
}

std::string plural(std::size_t n, std::string_view one, std::string_view many)
{
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

} // namespace

std::string narration(const Timeline& tl, const Network& net, double t)
{
    const int ph = phase_index(tl, t);
    if (ph < 0) return "Ready. Press Space to play, or the right arrow to step.";
    const Event& major = tl.events[std::size_t(ph)];

    // The latest minor event of this phase that has started.
    const Event* last = nullptr;
    for (std::size_t i = std::size_t(ph) + 1; i < tl.events.size() && tl.events[i].start <= t; ++i)
        if (!tl.events[i].major) last = &tl.events[i];

    std::string head;
    switch (major.section) {
    case Section::inputs: {
        head = "Inputs: ";
        const GraphColumn& c = tl.graph.columns[0];
        for (int i = 0; i < c.count && i < 4; ++i) {
            const int n = c.first + i;
            head +=
                (i ? ", " : "") + node_name(net, tl.graph.node_ref(n)) + " = " + num(tl.node_tracks[std::size_t(n)].h);
        }
        if (c.size > 4) head += " and " + plural(std::size_t(c.size - 4), "more", "more");
        return head;
    }
    case Section::forward:
        if (major.name == "loss")
            head = "Forward, the loss";
        else if (major.name.rfind("output", 0) == 0)
            head = "Forward, the output (" + major.name.substr(7) + ")";
        else
            head = "Forward, layer " + std::to_string(major.layer + 1);
        break;
    case Section::backward:
        if (major.name.rfind("backward loss", 0) == 0)
            head = "Backward, from the loss";
        else if (major.name.rfind("backward output", 0) == 0)
            head = "Backward, through the output";
        else
            head = "Backward, layer " + std::to_string(major.layer + 1);
        break;
    case Section::walk: {
        const std::string target = gradient_name(net, tl.focus);
        if (t >= tl.t_walk_sum)
            return "Sum of the paths: " + target + " = " + num(tl.walk_sum) + " from " +
                   plural(tl.walk.size(), "path", "paths");
        int p = -1;
        for (std::size_t i = 0; i < tl.walk.size() && tl.walk[i].start <= t; ++i) p = int(i);
        if (p < 0) return "Paths to " + target;
        const WalkPath& wp = tl.walk[std::size_t(p)];
        head = "Path " + std::to_string(p + 1) + " of " + std::to_string(tl.walk.size()) + " for " + target;
        std::size_t hops = 0;
        for (const WalkHop& h : wp.hops)
            if (h.start + tl.timing.hop <= t) ++hops;
        if (hops == 0) return head;
        return head + ", hop " + std::to_string(hops) + ": product " + num(wp.hops[hops - 1].running);
    }
    case Section::update:
        if (t >= tl.t_loss_after)
            return "Update done: the loss went from " + num(tl.loss_before) + " to " + num(tl.loss_after);
        return "Update: every weight moves by minus the learning rate times its gradient";
    case Section::none:
    case Section::done: return std::string(major.name);
    }
    if (last) {
        const std::string what = revealed(tl, net, last->start);
        if (!what.empty()) return head + ": " + what;
    }
    return head;
}

} // namespace gf::anim
