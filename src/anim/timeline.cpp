// [SECTION] Helpers
// [SECTION] Values: what each node and edge will show
// [SECTION] Schedule: forward, backward, walk, update
// [SECTION] Focus and walk
// [SECTION] make_timeline
// [SECTION] sample
// [SECTION] Events and stepping
#include "anim/timeline.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace gf::anim {

// -----------------------------------------------------------------------------------------------
// [SECTION] Helpers
// -----------------------------------------------------------------------------------------------

namespace {

constexpr double kPast = -1e300; // a pulse window that has long passed (section "already done")
constexpr double kEps = 1e-9;    // stepping tolerance: t within kEps of an event is "at" it

// A value revealed at t0 fades in over [t0 - fade, t0], so stepping to the event shows it whole.
float reveal(double t, double t0, double fade, bool reduced)
{
    if (reduced || fade <= 0.0) return t >= t0 ? 1.0f : 0.0f;
    const double x = (t - (t0 - fade)) / fade;
    return float(std::clamp(x, 0.0, 1.0));
}

constexpr float kFocusHighlight = 0.35f; // an element on one of the focus's paths

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Values: what each node and edge will show
// -----------------------------------------------------------------------------------------------

namespace {

void fill_values(Timeline& tl, const Network& net, const Trace& tr, const Network* next)
{
    const Graph& g = tl.graph;
    const int L = net.layers();
    tl.node_tracks.assign(g.nodes.size(), NodeTrack{});
    tl.edge_tracks.assign(g.edges.size(), EdgeTrack{});
    for (std::size_t n = 0; n < g.nodes.size(); ++n) {
        const GraphNode& gn = g.nodes[n];
        NodeTrack& v = tl.node_tracks[n];
        const std::size_t j = std::size_t(gn.j), l = std::size_t(gn.layer);
        switch (gn.role) {
        case NodeRole::input:
            v.h = tr.x[j];
            v.dh = tr.dx.empty() ? 0.0 : tr.dx[j];
            break;
        case NodeRole::neuron:
            v.a = tr.a[l][j];
            v.da = tr.da[l][j];
            if (gn.layer < L - 1) {
                v.h = tr.h[l][j];
                v.dh = tr.dh[l][j];
            }
            v.b_old = net.b[l][j];
            v.b_new = next ? next->b[l][j] : v.b_old;
            break;
        case NodeRole::output:
            v.h = tr.h[l][j];
            v.dh = tr.dL_dyhat[j];
            break;
        case NodeRole::loss: v.h = tr.loss; break;
        }
    }
    for (std::size_t e = 0; e < g.edges.size(); ++e) {
        const GraphEdge& ge = g.edges[e];
        EdgeTrack& v = tl.edge_tracks[e];
        v.gap = g.gap_of(int(e));
        const std::size_t l = std::size_t(ge.layer);
        switch (ge.role) {
        case EdgeRole::weight: {
            const double w = net.W[l](ge.j, ge.k);
            v.value_old = w;
            v.value_new = next ? next->W[l](ge.j, ge.k) : w;
            v.grad = tr.dW[l](ge.j, ge.k);
            v.fwd_carry = w * tr.input_to(ge.layer)[std::size_t(ge.k)];
            v.bwd_carry = tr.da[l][std::size_t(ge.j)] * w;
            break;
        }
        case EdgeRole::activation:
            v.value_old = v.value_new = tr.J[l].at(ge.j, ge.k);
            v.grad = tr.out_grad(ge.j, ge.k);
            v.fwd_carry = tr.a[l][std::size_t(ge.k)];
            v.bwd_carry = v.grad;
            break;
        case EdgeRole::loss:
            v.value_old = v.value_new = v.grad = v.bwd_carry = tr.dL_dyhat[std::size_t(ge.j)];
            v.fwd_carry = tr.h[l][std::size_t(ge.j)];
            break;
        }
    }
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Schedule: forward, backward, walk, update
// -----------------------------------------------------------------------------------------------
// A Builder walks a clock T forward and records reveal times and events as it goes. A section
// that is switched off but followed by one that is on "has already happened": its values are
// revealed at the current T in no time and its pulses never show.

namespace {

struct Builder {
    Timeline& tl;
    const Network& net;
    const Timing& tm;
    double T = 0.0;
    bool instant = false; // the section being laid out has already happened

    std::string name(const NodeRef& n) const { return node_name(net, n); }
    std::string grad_name(const NodeRef& n) const { return gradient_name(net, n); }

    int major(std::string nm, Section s, int layer = -1)
    {
        if (instant) return -1;
        tl.events.push_back(Event{std::move(nm), T, T, s, true, layer});
        return int(tl.events.size()) - 1;
    }
    void close(int ev)
    {
        if (ev >= 0) tl.events[std::size_t(ev)].end = T;
    }
    void instant_event(std::string nm, double at, Section s, int layer)
    {
        if (instant) return;
        tl.events.push_back(Event{std::move(nm), at, at, s, false, layer});
    }
    void travel(double& gap_start)
    {
        gap_start = instant ? kPast : T;
        if (!instant) T += tm.travel;
    }
    void pause()
    {
        if (!instant) T += tm.pause;
    }

    // Reveals one field of every node in `column`, neuron by neuron across one reveal window.
    // `field` picks the time to set; `label` names the event for node n.
    template <class Field, class Label>
    void reveal_column(int column, Section s, int layer, Field field, Label label)
    {
        const GraphColumn& c = tl.graph.columns[std::size_t(column)];
        for (int i = 0; i < c.count; ++i) {
            const int node = c.first + i;
            const double at = instant ? T : T + tm.reveal * double(i + 1) / double(c.count);
            field(tl.node_tracks[std::size_t(node)]) = at;
            instant_event(label(node), at, s, layer);
        }
        if (!instant) T += tm.reveal;
    }
};

void schedule_forward(Builder& b)
{
    Timeline& tl = b.tl;
    const Graph& g = tl.graph;
    const int L = g.layers;
    const Section S = Section::forward;

    for (int k = 0; k < g.columns[0].count; ++k) tl.node_tracks[std::size_t(k)].t_h = kPast;
    if (!b.instant) {
        const int ev = b.major("inputs", Section::inputs);
        b.T += b.tm.intro;
        b.close(ev);
    }
    for (int l = 0; l < L; ++l) {
        const int ev = b.major("forward layer " + std::to_string(l + 1), S, l);
        b.travel(tl.gap_tracks[std::size_t(l)].fwd_start);
        b.reveal_column(
            l + 1, S, l, [](NodeTrack& v) -> double& { return v.t_a; },
            [&](int n) { return b.name(g.node_ref(n)) + " revealed"; });
        if (l < L - 1)
            b.reveal_column(
                l + 1, S, l, [](NodeTrack& v) -> double& { return v.t_h; },
                [&](int n) {
                    const NodeRef a = g.node_ref(n);
                    return b.name(NodeRef{NodeKind::post, a.layer, a.j, 0}) + " revealed";
                });
        b.pause();
        b.close(ev);
    }
    {
        const int ev = b.major("output " + std::string(to_string(b.net.act.back())), S, L - 1);
        b.travel(tl.gap_tracks[std::size_t(L)].fwd_start);
        b.reveal_column(
            L + 1, S, L - 1, [](NodeTrack& v) -> double& { return v.t_h; },
            [&](int n) { return b.name(g.node_ref(n)) + " revealed"; });
        b.pause();
        b.close(ev);
    }
    {
        const int ev = b.major("loss", S);
        b.travel(tl.gap_tracks[std::size_t(L) + 1].fwd_start);
        b.reveal_column(
            L + 2, S, -1, [](NodeTrack& v) -> double& { return v.t_h; }, [](int) { return std::string("L revealed"); });
        b.pause();
        b.close(ev);
    }
}

void schedule_backward(Builder& b)
{
    Timeline& tl = b.tl;
    const Graph& g = tl.graph;
    const int L = g.layers;
    const Section S = Section::backward;
    auto grad_label = [&](int n) { return b.grad_name(g.node_ref(n)) + " revealed"; };
    {
        const int ev = b.major("backward loss → ŷ", S);
        b.travel(tl.gap_tracks[std::size_t(L) + 1].bwd_start);
        b.reveal_column(
            L + 1, S, L - 1, [](NodeTrack& v) -> double& { return v.t_dh; }, grad_label);
        b.pause();
        b.close(ev);
    }
    {
        const int ev = b.major("backward output " + std::string(to_string(b.net.act.back())), S, L - 1);
        b.travel(tl.gap_tracks[std::size_t(L)].bwd_start);
        b.reveal_column(
            L, S, L - 1, [](NodeTrack& v) -> double& { return v.t_da; }, grad_label);
        b.pause();
        b.close(ev);
    }
    for (int l = L - 1; l >= 0; --l) {
        const int ev = b.major("backward layer " + std::to_string(l + 1), S, l);
        b.travel(tl.gap_tracks[std::size_t(l)].bwd_start);
        if (l > 0) {
            b.reveal_column(
                l, S, l - 1, [](NodeTrack& v) -> double& { return v.t_dh; },
                [&](int n) {
                    const NodeRef a = g.node_ref(n);
                    return b.grad_name(NodeRef{NodeKind::post, a.layer, a.j, 0}) + " revealed";
                });
            b.reveal_column(
                l, S, l - 1, [](NodeTrack& v) -> double& { return v.t_da; }, grad_label);
        } else {
            b.reveal_column(
                0, S, -1, [](NodeTrack& v) -> double& { return v.t_dh; }, grad_label);
        }
        b.pause();
        b.close(ev);
    }
}

void schedule_update(Builder& b)
{
    Timeline& tl = b.tl;
    const int ev = b.major("update", Section::update);
    tl.update_start = b.T;
    if (!b.instant) b.T += b.tm.update;
    tl.update_end = b.T;
    if (!b.instant) b.T += b.tm.fade;
    tl.t_loss_after = b.T;
    b.instant_event("loss after update", b.T, Section::update, -1);
    b.pause();
    b.close(ev);
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Focus and walk
// -----------------------------------------------------------------------------------------------

namespace {

// The graph element a path node stands on.
struct Spot {
    int edge = -1;
    int node = -1;
};

Spot spot_of(const Graph& g, const NodeRef& n)
{
    switch (n.kind) {
    case NodeKind::weight: return {g.weight_edge(n.layer, n.j, n.k), -1};
    case NodeKind::bias: return {-1, g.neuron_node(n.layer, n.j)};
    case NodeKind::input: return {-1, g.input_node(n.j)};
    case NodeKind::pre: return {-1, g.neuron_node(n.layer, n.j)};
    case NodeKind::post: return {-1, n.layer == g.layers - 1 ? g.output_node(n.j) : g.neuron_node(n.layer, n.j)};
    case NodeKind::loss: return {-1, g.loss_node()};
    }
    return {};
}

// The edge a hop from → to runs along (-1 for a hop inside one node: b → a, a → h hidden).
int hop_edge(const Graph& g, const NodeRef& from, const NodeRef& to)
{
    switch (to.kind) {
    case NodeKind::pre:
        switch (from.kind) {
        case NodeKind::weight: return g.weight_edge(from.layer, from.j, from.k);
        case NodeKind::input: return g.weight_edge(0, to.j, from.j);
        case NodeKind::post: return g.weight_edge(to.layer, to.j, from.j);
        default: return -1;
        }
    case NodeKind::post: return to.layer == g.layers - 1 ? g.activation_edge(to.j, from.j) : -1;
    case NodeKind::loss: return g.loss_edge(from.j);
    default: return -1;
    }
}

void mark_focus(Timeline& tl, const PathSet& ps)
{
    const Graph& g = tl.graph;
    tl.has_focus = true;
    tl.focus = ps.start;
    tl.focus_node.assign(g.nodes.size(), 0.0f);
    tl.focus_edge.assign(g.edges.size(), 0.0f);
    auto mark = [&](const Spot& s, float level) {
        if (s.edge >= 0) tl.focus_edge[std::size_t(s.edge)] = std::max(tl.focus_edge[std::size_t(s.edge)], level);
        if (s.node >= 0) tl.focus_node[std::size_t(s.node)] = std::max(tl.focus_node[std::size_t(s.node)], level);
    };
    for (const Path& p : ps.paths)
        for (std::size_t i = 0; i + 1 < p.nodes.size(); ++i) {
            mark(spot_of(g, p.nodes[i + 1]), kFocusHighlight);
            mark(Spot{hop_edge(g, p.nodes[i], p.nodes[i + 1]), -1}, kFocusHighlight);
        }
    // The focus itself stays fully lit: it is what the person chose.
    mark(spot_of(g, ps.start), 1.0f);
}

void schedule_walk(Builder& b, const PathSet& ps, int max_paths)
{
    Timeline& tl = b.tl;
    const Graph& g = tl.graph;
    const std::size_t n = std::min(ps.paths.size(), std::size_t(std::max(max_paths, 0)));
    if (n == 0) return;
    tl.walk_sum = 0.0;
    for (std::size_t p = 0; p < n; ++p) {
        const Path& path = ps.paths[p];
        WalkPath wp;
        const Spot s0 = spot_of(g, path.nodes.front());
        wp.start_edge = s0.edge;
        wp.start_node = s0.node;
        wp.product = path.product;
        const int ev = b.major("walk path " + std::to_string(p + 1) + " of " + std::to_string(n), Section::walk);
        wp.start = b.T;
        double running = 1.0;
        for (std::size_t i = 0; i < path.local.size(); ++i) {
            // The last hop takes the path's own product: core multiplies the final pair
            // ∂L/∂ŷ_i · ∂ŷ_i/∂a_Lk as Trace::out_grad, stable where ∂L/∂ŷ_i is huge.
            running = i + 1 == path.local.size() ? path.product : running * path.local[i];
            WalkHop hop;
            hop.edge = hop_edge(g, path.nodes[i], path.nodes[i + 1]);
            hop.node = spot_of(g, path.nodes[i + 1]).node;
            hop.running = running;
            hop.start = b.T;
            b.T += b.tm.hop;
            b.instant_event("path " + std::to_string(p + 1) + " hop " + std::to_string(i + 1), b.T, Section::walk, -1);
            wp.hops.push_back(hop);
        }
        wp.end = b.T;
        tl.walk_sum += path.product; // in list order, as PathSet::listed_sum
        tl.walk.push_back(std::move(wp));
        b.pause();
        b.close(ev);
    }
    const int ev = b.major("sum of paths", Section::walk);
    b.T += b.tm.fade;
    tl.t_walk_sum = b.T;
    b.T += b.tm.pause;
    b.close(ev);
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] make_timeline
// -----------------------------------------------------------------------------------------------

Timeline make_timeline(const TimelineInput& in, const TimelineOptions& opt)
{
    assert(in.net && in.trace && "make_timeline: TimelineInput needs net and trace (forward_backward(*net, sample))");
    const Network& net = *in.net;
    const Trace& tr = *in.trace;
    assert(tr.a.size() == std::size_t(net.layers()) && "make_timeline: the trace is not from this network");

    Timeline tl;
    tl.timing = opt.timing;
    tl.graph = make_graph(net, opt.max_visible);
    tl.gap_tracks.assign(std::size_t(tl.graph.gap_count()), GapTrack{});
    const bool do_update = opt.update && in.next != nullptr;
    fill_values(tl, net, tr, do_update ? in.next : nullptr);
    tl.loss_before = tr.loss;
    if (do_update) tl.loss_after = in.loss_after ? *in.loss_after : loss_of(*in.next, Sample{tr.x, tr.y});
    if (in.focus) mark_focus(tl, *in.focus);

    const bool do_walk = opt.walk && in.focus && !in.focus->paths.empty() && opt.max_walk_paths > 0;
    const bool do_backward = opt.backward;
    const bool do_forward = opt.forward || do_backward;

    Builder b{tl, net, tl.timing};
    // An off section followed by an on one has already happened (instant at the current T).
    b.instant = !do_forward;
    if (do_forward || do_backward || do_walk || do_update) schedule_forward(b);
    b.instant = !do_backward;
    if (do_backward || do_walk || do_update) schedule_backward(b);
    b.instant = false;
    if (do_walk) schedule_walk(b, *in.focus, opt.max_walk_paths);
    if (do_update) schedule_update(b);
    tl.duration = b.T;

    std::stable_sort(tl.events.begin(), tl.events.end(), [](const Event& x, const Event& y) {
        if (x.start != y.start) return x.start < y.start;
        return x.major && !y.major; // a phase before the reveals that start with it
    });
    for (std::size_t i = 0; i < tl.events.size(); ++i)
        if (tl.events[i].major) tl.major_events.push_back(int(i));
    return tl;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] sample
// -----------------------------------------------------------------------------------------------

namespace {

// A pulse crossing one gap: travels over [start, start+travel), lingers fading at its arrival
// over [.., +linger). Reduced motion: it sits at its source while travelling, at its arrival
// while lingering, and never in between.
bool pulse_at(double t, double start, const Timing& tm, bool reduced, float& progress, float& alpha)
{
    const double u = t - start;
    if (u < 0.0) return false;
    if (u < tm.travel) {
        progress = reduced ? 0.0f : float(u / tm.travel);
        alpha = 1.0f;
        return true;
    }
    if (u < tm.travel + tm.linger) {
        progress = 1.0f;
        alpha = reduced ? 1.0f : float(1.0 - (u - tm.travel) / tm.linger);
        return true;
    }
    return false;
}

// The walked path in effect at t: the last one started, -1 before the first.
int walk_path_at(const Timeline& tl, double t)
{
    int p = -1;
    for (std::size_t i = 0; i < tl.walk.size() && tl.walk[i].start <= t; ++i) p = int(i);
    return p;
}

} // namespace

void sample(const Timeline& tl, double t, Frame& out)
{
    const Timing& tm = tl.timing;
    const bool rm = tl.reduced_motion;
    const double fade = tm.fade;
    t = std::clamp(t, 0.0, tl.duration);
    out.t = t;
    out.phase = phase_index(tl, t);
    out.section = out.phase >= 0 ? tl.events[std::size_t(out.phase)].section : Section::none;
    if (tl.duration > 0.0 && t >= tl.duration) out.section = Section::done;

    // The update: u = 0 before, 1 after; reduced motion jumps at its end.
    float u = 0.0f;
    if (t >= tl.update_end)
        u = 1.0f;
    else if (t >= tl.update_start && !rm)
        u = float((t - tl.update_start) / (tl.update_end - tl.update_start));
    const bool updating = t >= tl.update_start;
    out.update_progress = u;
    out.loss_before = tl.loss_before;
    out.loss_after = tl.loss_after;
    out.show_loss_after = reveal(t, tl.t_loss_after, fade, rm);

    // Nodes.
    const std::size_t nn = tl.node_tracks.size();
    out.nodes.resize(nn);
    const bool focus = tl.has_focus;
    for (std::size_t i = 0; i < nn; ++i) {
        const NodeTrack& v = tl.node_tracks[i];
        NodeFrame& f = out.nodes[i];
        f.a = v.a;
        f.h = v.h;
        f.da = v.da;
        f.dh = v.dh;
        f.b = v.b_old + (v.b_new - v.b_old) * double(u);
        f.show_a = reveal(t, v.t_a, fade, rm);
        f.show_h = reveal(t, v.t_h, fade, rm);
        f.show_da = reveal(t, v.t_da, fade, rm);
        f.show_dh = reveal(t, v.t_dh, fade, rm);
        f.highlight = focus ? tl.focus_node[i] : 0.0f;
    }
    out.show_loss = out.nodes.empty() ? 0.0f : out.nodes.back().show_h;

    // Edges: pulses per gap, computed once per gap rather than per edge.
    const std::size_t ng = tl.gap_tracks.size();
    struct GapNow {
        bool fwd, bwd, settled;
        float fp, fa, bp, ba;
    };
    GapNow gaps[kMaxLayers + 3]; // no allocation: layers ≤ kMaxLayers - 1, so gaps ≤ kMaxLayers + 1
    assert(ng <= std::size(gaps) && "sample: more layers than kMaxLayers; validate_network() the network first");
    for (std::size_t g = 0; g < ng; ++g) {
        const GapTrack& gt = tl.gap_tracks[g];
        GapNow& n = gaps[g];
        n.fwd = pulse_at(t, gt.fwd_start, tm, rm, n.fp, n.fa);
        n.bwd = pulse_at(t, gt.bwd_start, tm, rm, n.bp, n.ba);
        n.settled = t >= gt.bwd_start + tm.travel;
    }
    const std::size_t ne = tl.edge_tracks.size();
    out.edges.resize(ne);
    for (std::size_t e = 0; e < ne; ++e) {
        const EdgeTrack& v = tl.edge_tracks[e];
        const GapNow& gn = gaps[std::size_t(v.gap)];
        EdgeFrame& f = out.edges[e];
        f.value = v.value_old + (v.value_new - v.value_old) * double(u);
        f.grad = v.grad;
        f.shows = gn.settled && !updating ? EdgeShows::gradient : EdgeShows::value;
        f.highlight = focus ? tl.focus_edge[e] : 0.0f;
        if (gn.bwd)
            f.pulse = Pulse{1.0f - gn.bp, gn.ba, -1, v.bwd_carry};
        else if (gn.fwd)
            f.pulse = Pulse{gn.fp, gn.fa, +1, v.fwd_carry};
        else
            f.pulse = Pulse{};
    }

    // The walk.
    WalkFrame& w = out.walk;
    w.hops_revealed.resize(tl.walk.size());
    w.path = -1;
    w.hop = -1;
    w.hop_progress = 0.0f;
    w.paths_done = 0;
    w.partial_sum = 0.0;
    w.sum_revealed = t >= tl.t_walk_sum;
    for (std::size_t p = 0; p < tl.walk.size(); ++p) {
        const WalkPath& wp = tl.walk[p];
        int shown = 0;
        for (const WalkHop& h : wp.hops)
            if (t >= h.start + tm.hop) ++shown;
        w.hops_revealed[p] = shown;
        if (!wp.hops.empty() && shown == int(wp.hops.size())) {
            ++w.paths_done;
            w.partial_sum += wp.product;
        }
    }
    const int cur = walk_path_at(tl, t);
    if (cur >= 0 && t < tl.t_walk_sum) {
        const WalkPath& wp = tl.walk[std::size_t(cur)];
        w.path = cur;
        if (wp.start_edge >= 0) out.edges[std::size_t(wp.start_edge)].highlight = 1.0f;
        if (wp.start_node >= 0) out.nodes[std::size_t(wp.start_node)].highlight = 1.0f;
        for (std::size_t i = 0; i < wp.hops.size(); ++i) {
            const WalkHop& h = wp.hops[i];
            if (t < h.start) break;
            if (h.edge >= 0) out.edges[std::size_t(h.edge)].highlight = 1.0f;
            if (t < h.start + tm.hop) {
                w.hop = int(i);
                const double x = (t - h.start) / tm.hop;
                w.hop_progress = rm ? 0.0f : float(x);
                if (h.edge >= 0) out.edges[std::size_t(h.edge)].pulse = Pulse{w.hop_progress, 1.0f, +1, h.running};
            } else if (h.node >= 0) {
                out.nodes[std::size_t(h.node)].highlight = 1.0f;
            }
        }
    }
}

Frame sample(const Timeline& tl, double t)
{
    Frame f;
    sample(tl, t, f);
    return f;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Events and stepping
// -----------------------------------------------------------------------------------------------

double next_event_time(const Timeline& tl, double t, bool major_only)
{
    for (const Event& e : tl.events) {
        if (major_only && !e.major) continue;
        if (e.start > t + kEps) return std::min(e.start, tl.duration);
    }
    return tl.duration;
}

double prev_event_time(const Timeline& tl, double t, bool major_only)
{
    double best = 0.0;
    for (const Event& e : tl.events) {
        if (e.start >= t - kEps) break;
        if (major_only && !e.major) continue;
        best = e.start;
    }
    return best;
}

int phase_index(const Timeline& tl, double t)
{
    // Binary search over the major events by start.
    const auto& m = tl.major_events;
    auto it = std::upper_bound(m.begin(), m.end(), t + kEps,
                               [&](double x, int i) { return x < tl.events[std::size_t(i)].start; });
    if (it == m.begin()) return -1;
    return *(it - 1);
}

std::string_view phase_at(const Timeline& tl, double t)
{
    const int i = phase_index(tl, t);
    return i < 0 ? std::string_view{} : std::string_view{tl.events[std::size_t(i)].name};
}

int find_event(const Timeline& tl, std::string_view name)
{
    for (std::size_t i = 0; i < tl.events.size(); ++i)
        if (tl.events[i].name == name) return int(i);
    return -1;
}

} // namespace gf::anim
