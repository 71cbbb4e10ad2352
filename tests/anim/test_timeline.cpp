// The timeline on the seed (../shared/reference/worked-examples.md §1) and Mazur's example (§2):
// ordering, what is visible at a given t, the values pulses carry, reversibility, reduced motion.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace gf;
using namespace gf::anim;
using namespace gf::anim::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

bool same_frame(const Frame& a, const Frame& b)
{
    if (a.t != b.t || a.phase != b.phase || a.section != b.section) return false;
    if (a.show_loss != b.show_loss || a.show_loss_after != b.show_loss_after || a.update_progress != b.update_progress)
        return false;
    if (a.nodes.size() != b.nodes.size() || a.edges.size() != b.edges.size()) return false;
    for (std::size_t i = 0; i < a.nodes.size(); ++i) {
        const NodeFrame &x = a.nodes[i], &y = b.nodes[i];
        if (x.a != y.a || x.h != y.h || x.da != y.da || x.dh != y.dh || x.b != y.b || x.show_a != y.show_a ||
            x.show_h != y.show_h || x.show_da != y.show_da || x.show_dh != y.show_dh || x.highlight != y.highlight)
            return false;
    }
    for (std::size_t i = 0; i < a.edges.size(); ++i) {
        const EdgeFrame &x = a.edges[i], &y = b.edges[i];
        if (x.value != y.value || x.grad != y.grad || x.shows != y.shows || x.highlight != y.highlight ||
            x.pulse.pos != y.pulse.pos || x.pulse.alpha != y.pulse.alpha || x.pulse.dir != y.pulse.dir ||
            x.pulse.value != y.pulse.value)
            return false;
    }
    const WalkFrame &u = a.walk, &v = b.walk;
    return u.path == v.path && u.hop == v.hop && u.hop_progress == v.hop_progress &&
           u.hops_revealed == v.hops_revealed && u.paths_done == v.paths_done && u.partial_sum == v.partial_sum &&
           u.sum_revealed == v.sum_revealed;
}

double mid(const Timeline& tl, std::string_view phase) { return event(tl, phase).start + tl.timing.travel * 0.5; }

} // namespace

TEST_CASE("events: sorted, forward before backward before update, layers in order", "[anim][timeline]")
{
    for (const char* name : {"seed", "mazur", "deep", "wide"}) {
        INFO(name);
        const Fixture f(name);
        const Timeline tl = f.timeline();
        const int L = f.cfg.net.layers();
        REQUIRE_FALSE(tl.events.empty());
        for (std::size_t i = 1; i < tl.events.size(); ++i) {
            REQUIRE(tl.events[i - 1].start <= tl.events[i].start);
            REQUIRE(tl.events[i].start <= tl.events[i].end);
        }
        // Sections never go back.
        for (std::size_t i = 1; i < tl.events.size(); ++i)
            REQUIRE(int(tl.events[i - 1].section) <= int(tl.events[i].section));
        double last = -1.0;
        for (int l = 1; l <= L; ++l) {
            const double s = event(tl, "forward layer " + std::to_string(l)).start;
            REQUIRE(s > last);
            last = s;
        }
        REQUIRE(event(tl, "loss").start > last);
        last = event(tl, "loss").start;
        for (int l = L; l >= 1; --l) {
            const double s = event(tl, "backward layer " + std::to_string(l)).start;
            REQUIRE(s > last);
            last = s;
        }
        REQUIRE(event(tl, "update").start > last);
        REQUIRE(event(tl, "loss after update").start <= tl.duration);
        CHECK(phase_at(tl, 0.0) == "inputs");
        CHECK(phase_at(tl, mid(tl, "forward layer 1")) == "forward layer 1");
        CHECK(phase_at(tl, tl.duration) == "update");
    }
}

TEST_CASE("seed: per-neuron reveal events carry the notes' names", "[anim][timeline]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    const double a21 = event(tl, "a_21 revealed").start;
    CHECK(a21 > event(tl, "h_14 revealed").start);
    CHECK(a21 < event(tl, "a_22 revealed").start);
    CHECK(event(tl, "ŷ_1 revealed").start > a21);
    CHECK(event(tl, "∂L/∂ŷ_1 revealed").start > event(tl, "L revealed").start);
    CHECK(event(tl, "∂L/∂a_21 revealed").start > event(tl, "∂L/∂ŷ_2 revealed").start);
    CHECK(event(tl, "∂L/∂h_13 revealed").start < event(tl, "∂L/∂a_13 revealed").start);
    CHECK(event(tl, "∂L/∂x_1 revealed").start > event(tl, "∂L/∂a_14 revealed").start);
    // Stepping to a reveal shows the value whole (the fade comes before the event).
    const Frame fr = sample(tl, a21);
    CHECK(fr.nodes[std::size_t(tl.graph.neuron_node(1, 0))].show_a == 1.0f);
    CHECK(fr.nodes[std::size_t(tl.graph.neuron_node(1, 1))].show_a == 0.0f);
}

TEST_CASE("t = 0: nothing but the inputs", "[anim][timeline]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    const Frame fr = sample(tl, 0.0);
    CHECK(fr.section == Section::inputs);
    for (std::size_t n = 0; n < fr.nodes.size(); ++n) {
        const NodeFrame& v = fr.nodes[n];
        const bool input = tl.graph.nodes[n].role == NodeRole::input;
        CHECK(v.show_h == (input ? 1.0f : 0.0f));
        CHECK(v.show_a == 0.0f);
        CHECK(v.show_da == 0.0f);
        CHECK(v.show_dh == 0.0f);
        if (input) CHECK(v.h == f.cfg.sample().x[std::size_t(tl.graph.nodes[n].j)]);
    }
    for (const EdgeFrame& e : fr.edges) {
        CHECK(e.pulse.alpha == 0.0f);
        CHECK(e.shows == EdgeShows::value);
    }
    CHECK(fr.show_loss == 0.0f);
    CHECK(fr.show_loss_after == 0.0f);
}

TEST_CASE("forward pulses carry w·h, and at the end of forward the loss is Trace.loss", "[anim][timeline]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    const Graph& g = tl.graph;
    const Network& net = f.cfg.net;

    for (int l = 0; l < 2; ++l) {
        const Frame fr = sample(tl, mid(tl, "forward layer " + std::to_string(l + 1)));
        for (int j = 0; j < 4 / (l + 1); ++j)
            for (int k = 0; k < 4; ++k) {
                const EdgeFrame& e = fr.edges[std::size_t(g.weight_edge(l, j, k))];
                CHECK(e.pulse.alpha == 1.0f);
                CHECK(e.pulse.dir == +1);
                CHECK_THAT(e.pulse.pos, WithinAbs(0.5, 1e-6));
                CHECK(e.pulse.value == net.W[std::size_t(l)](j, k) * f.trace.input_to(l)[std::size_t(k)]);
            }
        // Only this layer's edges carry pulses.
        int pulses = 0;
        for (const EdgeFrame& e : fr.edges) pulses += e.pulse.alpha > 0.0f;
        CHECK(pulses == (l == 0 ? 16 : 8));
    }
    // a_21 = Σ w·h + b: the carried values add up to the revealed a (seed: b = 0).
    {
        const Frame fr = sample(tl, event(tl, "a_21 revealed").start);
        double s = 0.0;
        for (int k = 0; k < 4; ++k) s += tl.edge_tracks[std::size_t(g.weight_edge(1, 0, k))].fwd_carry;
        CHECK_THAT(fr.nodes[std::size_t(g.neuron_node(1, 0))].a, WithinRel(1.789818298056966, 1e-12));
        CHECK_THAT(s, WithinRel(1.789818298056966, 1e-12));
    }

    const double end_forward = event(tl, "backward loss → ŷ").start;
    const Frame fr = sample(tl, end_forward);
    REQUIRE(fr.show_loss == 1.0f);
    CHECK(fr.nodes[std::size_t(g.loss_node())].h == f.trace.loss);
    CHECK_THAT(fr.nodes[std::size_t(g.loss_node())].h, WithinRel(0.090369361708271, 1e-9));
    CHECK_THAT(fr.nodes[std::size_t(g.output_node(0))].h, WithinRel(0.787433114398937, 1e-9));
    for (std::size_t n = 0; n < fr.nodes.size(); ++n) {
        const GraphNode& gn = g.nodes[n];
        if (gn.role == NodeRole::neuron) CHECK(fr.nodes[n].show_a == 1.0f);
        if (gn.role == NodeRole::neuron && gn.layer == 0) CHECK(fr.nodes[n].show_h == 1.0f);
        CHECK(fr.nodes[n].show_da == 0.0f);
        CHECK(fr.nodes[n].show_dh == 0.0f);
    }
}

TEST_CASE("backward pulses carry the gradients, and edges settle into dL/dw", "[anim][timeline]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    const Graph& g = tl.graph;
    const double dyhat[2] = {-0.425133771202126, 0.425133771202126};
    const double da2[2] = {-0.142319655872376, 0.142319655872376};

    { // L → ŷ_i carries ∂L/∂ŷ_i, travelling backward.
        const Frame fr = sample(tl, mid(tl, "backward loss → ŷ"));
        for (int i = 0; i < 2; ++i) {
            const EdgeFrame& e = fr.edges[std::size_t(g.loss_edge(i))];
            CHECK(e.pulse.dir == -1);
            CHECK_THAT(e.pulse.pos, WithinAbs(0.5, 1e-6));
            CHECK_THAT(e.pulse.value, WithinRel(dyhat[i], 1e-9));
        }
    }
    { // ŷ_i → a_2k carries ∂L/∂ŷ_i·∂ŷ_i/∂a_2k; all four softmax paths, summing to ∂L/∂a_2k.
        const Frame fr = sample(tl, mid(tl, "backward output softmax"));
        const double J[2][2] = {{0.167382204746928, -0.167382204746928}, {-0.167382204746928, 0.167382204746928}};
        for (int k = 0; k < 2; ++k) {
            double s = 0.0;
            for (int i = 0; i < 2; ++i) {
                const EdgeFrame& e = fr.edges[std::size_t(g.activation_edge(i, k))];
                CHECK(e.pulse.dir == -1);
                CHECK(e.pulse.alpha == 1.0f);
                CHECK_THAT(e.pulse.value, WithinRel(dyhat[i] * J[i][k], 1e-9));
                CHECK_THAT(e.value, WithinRel(J[i][k], 1e-9));
                s += e.pulse.value;
            }
            CHECK_THAT(s, WithinRel(da2[k], 1e-9));
        }
    }
    { // w_2jk carries ∂L/∂a_2j · w_2jk toward h_1k.
        const Frame fr = sample(tl, mid(tl, "backward layer 2"));
        for (int j = 0; j < 2; ++j)
            for (int k = 0; k < 4; ++k) {
                const EdgeFrame& e = fr.edges[std::size_t(g.weight_edge(1, j, k))];
                CHECK(e.pulse.dir == -1);
                CHECK_THAT(e.pulse.value, WithinRel(da2[j] * f.cfg.net.W[1](j, k), 1e-9));
                CHECK(e.shows == EdgeShows::value);
            }
    }
    { // After the layer's pulses arrive its edges show dL/dw; ∂L/∂h_1k = Σ_j of what arrived.
        const Frame fr = sample(tl, event(tl, "∂L/∂a_14 revealed").start);
        const EdgeFrame& w212 = fr.edges[std::size_t(g.weight_edge(1, 0, 1))];
        CHECK(w212.shows == EdgeShows::gradient);
        CHECK_THAT(w212.grad, WithinRel(-0.137723376450254, 1e-9));
        CHECK(fr.edges[std::size_t(g.weight_edge(0, 0, 0))].shows == EdgeShows::value);
        for (int k = 0; k < 4; ++k) {
            double s = 0.0;
            for (int j = 0; j < 2; ++j) s += tl.edge_tracks[std::size_t(g.weight_edge(1, j, k))].bwd_carry;
            const NodeFrame& h = fr.nodes[std::size_t(g.neuron_node(0, k))];
            CHECK(h.show_dh == 1.0f);
            CHECK(h.show_da == 1.0f);
            CHECK_THAT(h.dh, WithinAbs(s, 1e-15));
        }
        // db1 = da1 (reference).
        CHECK_THAT(fr.nodes[std::size_t(g.neuron_node(0, 3))].da, WithinRel(-0.010608167046259, 1e-9));
    }
    { // End of backward: every weight edge shows its gradient.
        const Frame fr = sample(tl, event(tl, "update").start - 1e-6);
        CHECK_THAT(fr.edges[std::size_t(g.weight_edge(0, 3, 1))].grad, WithinRel(-0.053040835231296, 1e-9));
        for (std::size_t e = 0; e < fr.edges.size(); ++e) CHECK(fr.edges[e].shows == EdgeShows::gradient);
    }
}

TEST_CASE("update: weights move old → new, the loss after the step is shown (Mazur)", "[anim][timeline]")
{
    const Fixture f("mazur");
    const Timeline tl = f.timeline();
    const Graph& g = tl.graph;
    const Event& up = event(tl, "update");
    const int w5 = g.weight_edge(1, 0, 0); // Mazur's w5: h1 → o1
    const int w1 = g.weight_edge(0, 0, 0); // w1: i1 → h1

    const Frame before = sample(tl, up.start);
    CHECK(before.edges[std::size_t(w5)].value == 0.40);
    CHECK(before.update_progress == 0.0f);
    const Frame half = sample(tl, tl.update_start + 0.5 * (tl.update_end - tl.update_start));
    CHECK_THAT(half.update_progress, WithinAbs(0.5, 1e-6));
    CHECK_THAT(half.edges[std::size_t(w5)].value, WithinAbs(0.5 * (0.40 + 0.35891648), 1e-8));
    CHECK(half.edges[std::size_t(w5)].shows == EdgeShows::value);
    CHECK(half.show_loss_after == 0.0f);

    const Frame end = sample(tl, tl.duration);
    CHECK(end.section == Section::done);
    CHECK_THAT(end.edges[std::size_t(w5)].value, WithinAbs(0.35891648, 1e-8));
    CHECK_THAT(end.edges[std::size_t(w1)].value, WithinAbs(0.149780716, 1e-8));
    CHECK_THAT(end.edges[std::size_t(g.weight_edge(1, 1, 1))].value, WithinAbs(0.561370121, 1e-8));
    CHECK(end.nodes[std::size_t(g.neuron_node(0, 0))].b == 0.35); // biases frozen in Mazur
    CHECK(end.show_loss_after == 1.0f);
    CHECK_THAT(end.loss_before, WithinAbs(0.298371109, 1e-8));
    CHECK_THAT(end.loss_after, WithinAbs(0.2910277737, 1e-8));
}

TEST_CASE("sampling is a function of t: scrubbing back equals a fresh sample", "[anim][timeline]")
{
    const Fixture f("seed");
    gf::PathSet ps = enumerate_paths(f.cfg.net, f.trace, NodeRef{NodeKind::weight, 0, 2, 0}, 100);
    for (bool reduced : {false, true}) {
        Timeline tl = f.timeline(&ps);
        tl.reduced_motion = reduced;
        Frame reused;
        const int steps = 400;
        std::vector<double> ts;
        for (int i = 0; i <= steps; ++i) ts.push_back(tl.duration * i / steps);
        for (const Event& e : tl.events) ts.push_back(e.start);
        for (double t : ts) sample(tl, t, reused);           // play forward
        for (auto it = ts.rbegin(); it != ts.rend(); ++it) { // then scrub back
            sample(tl, *it, reused);
            REQUIRE(same_frame(reused, sample(tl, *it)));
        }
        // And jumping around at random.
        std::uint64_t s = 12345;
        for (int i = 0; i < 300; ++i) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            const double t = tl.duration * double(s >> 11) / double(1ull << 53);
            sample(tl, t, reused);
            REQUIRE(same_frame(reused, sample(tl, t)));
        }
    }
}

TEST_CASE("reduced motion: pulses jump between their ends, values appear at once", "[anim][timeline]")
{
    const Fixture f("seed");
    Timeline tl = f.timeline();
    tl.reduced_motion = true;
    const Graph& g = tl.graph;
    const int e = g.weight_edge(0, 0, 0);
    const double fs = tl.gap_tracks[0].fwd_start, bs = tl.gap_tracks[0].bwd_start;
    const Timing& tm = tl.timing;
    for (double t : {fs, fs + 0.3 * tm.travel, fs + 0.99 * tm.travel}) {
        const Frame fr = sample(tl, t);
        CHECK(fr.edges[std::size_t(e)].pulse.pos == 0.0f);
        CHECK(fr.edges[std::size_t(e)].pulse.alpha == 1.0f);
    }
    CHECK(sample(tl, fs + tm.travel + 0.5 * tm.linger).edges[std::size_t(e)].pulse.pos == 1.0f);
    CHECK(sample(tl, bs + 0.5 * tm.travel).edges[std::size_t(e)].pulse.pos == 1.0f); // at the target
    CHECK(sample(tl, bs + tm.travel + 0.5 * tm.linger).edges[std::size_t(e)].pulse.pos == 0.0f);
    // Every reveal is 0 or 1 at every t; the update jumps at its end.
    for (int i = 0; i <= 500; ++i) {
        const Frame fr = sample(tl, tl.duration * i / 500);
        for (const NodeFrame& n : fr.nodes)
            for (float v : {n.show_a, n.show_h, n.show_da, n.show_dh}) REQUIRE((v == 0.0f || v == 1.0f));
        for (const EdgeFrame& ed : fr.edges) REQUIRE((ed.pulse.pos == 0.0f || ed.pulse.pos == 1.0f));
        REQUIRE((fr.update_progress == 0.0f || fr.update_progress == 1.0f));
    }
}

TEST_CASE("stepping visits every event in order and back", "[anim][timeline]")
{
    const Fixture f("seed");
    const Timeline tl = f.timeline();
    std::vector<double> starts;
    for (const Event& e : tl.events)
        if (starts.empty() || e.start > starts.back() + 1e-9) starts.push_back(e.start);
    std::vector<double> fwd;
    for (double t = 0.0; t < tl.duration;) {
        t = next_event_time(tl, t);
        fwd.push_back(t);
    }
    // From 0 (the first event's start): every later start, then the end.
    REQUIRE(fwd.size() == starts.size() - 1 + (starts.back() < tl.duration ? 1 : 0));
    for (std::size_t i = 1; i < starts.size(); ++i) CHECK(fwd[i - 1] == starts[i]);
    std::vector<double> back;
    for (double t = tl.duration; t > 0.0;) {
        t = prev_event_time(tl, t);
        back.push_back(t);
    }
    REQUIRE(back.size() == starts.size());
    for (std::size_t i = 0; i < starts.size(); ++i) CHECK(back[i] == starts[starts.size() - 1 - i]);
    // Phases only.
    const double p1 = next_event_time(tl, 0.0, true);
    CHECK(p1 == event(tl, "forward layer 1").start);
    CHECK(next_event_time(tl, p1, true) == event(tl, "forward layer 2").start);
    CHECK(prev_event_time(tl, event(tl, "a_21 revealed").start, true) == event(tl, "forward layer 2").start);
}

TEST_CASE("sections can be switched off: what they did is already on screen", "[anim][timeline]")
{
    const Fixture f("seed");
    TimelineOptions opt;
    opt.forward = opt.backward = false;
    opt.update = true;
    const Timeline tl = f.timeline(nullptr, opt);
    CHECK(find_event(tl, "forward layer 1") < 0);
    const Frame fr = sample(tl, 0.0);
    CHECK(phase_at(tl, 0.0) == "update");
    CHECK(fr.show_loss == 1.0f);
    for (const NodeFrame& n : fr.nodes) CHECK(n.show_da + n.show_dh + n.show_h > 0.0f);
    for (const EdgeFrame& e : fr.edges) CHECK(e.pulse.alpha == 0.0f);

    TimelineOptions fwd_only;
    fwd_only.backward = fwd_only.update = false;
    const Timeline tf = f.timeline(nullptr, fwd_only);
    const Frame end = sample(tf, tf.duration);
    CHECK(end.show_loss == 1.0f);
    for (const NodeFrame& n : end.nodes) CHECK(n.show_da == 0.0f);
    CHECK(find_event(tf, "update") < 0);
}

TEST_CASE("8 × 32: sampling reuses the frame's buffers", "[anim][timeline][perf]")
{
    const Fixture f("wide");
    const Timeline tl = f.timeline();
    REQUIRE(tl.graph.edges.size() > 7000);
    Frame fr;
    sample(tl, 0.0, fr);
    const NodeFrame* nodes = fr.nodes.data();
    const EdgeFrame* edges = fr.edges.data();
    for (int i = 0; i <= 200; ++i) sample(tl, tl.duration * i / 200, fr);
    CHECK(fr.nodes.data() == nodes);
    CHECK(fr.edges.data() == edges);
    const Frame end = sample(tl, tl.duration);
    CHECK(end.loss_before == f.trace.loss);
    CHECK(end.edges[std::size_t(tl.graph.weight_edge(3, 5, 7))].value == f.next.W[3](5, 7));
}
