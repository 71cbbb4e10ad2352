// The focus path walk on the seed's two derivations (worked-examples.md §1).
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace gf;
using namespace gf::anim;
using namespace gf::anim::test;
using Catch::Matchers::WithinRel;

TEST_CASE("walk w_212: two paths, running products, the sum", "[anim][walk]")
{
    const Fixture f("seed");
    const NodeRef w212{NodeKind::weight, 1, 0, 1};
    const PathSet ps = enumerate_paths(f.cfg.net, f.trace, w212, 100);
    REQUIRE(ps.paths.size() == 2);
    const Timeline tl = f.timeline(&ps);
    const Graph& g = tl.graph;
    REQUIRE(tl.walk.size() == 2);
    REQUIRE(find_event(tl, "walk path 1 of 2") >= 0);
    CHECK(event(tl, "walk path 1 of 2").start > event(tl, "backward layer 1").start);
    CHECK(event(tl, "sum of paths").start < event(tl, "update").start);

    for (std::size_t p = 0; p < 2; ++p) {
        const WalkPath& wp = tl.walk[p];
        const Path& path = ps.paths[p];
        REQUIRE(wp.hops.size() == 3); // w_212 → a_21 → ŷ_i → L
        CHECK(wp.start_edge == g.weight_edge(1, 0, 1));
        CHECK(wp.hops[0].edge == g.weight_edge(1, 0, 1)); // along w_212 into a_21
        CHECK(wp.hops[0].node == g.neuron_node(1, 0));
        CHECK(wp.hops[1].edge == g.activation_edge(path.nodes[2].j, 0));
        CHECK(wp.hops[2].edge == g.loss_edge(path.nodes[2].j));
        CHECK(wp.hops[2].node == g.loss_node());
        CHECK_THAT(wp.hops[0].running, WithinRel(0.967704535301549, 1e-12)); // ∂a_21/∂w_212 = h_12
        // then · ∂ŷ_i/∂a_21 (worked example: +0.167382205 into ŷ_1, -0.167382205 into ŷ_2)
        const double dyhat_da21 = path.nodes[2].j == 0 ? 0.167382205 : -0.167382205;
        CHECK_THAT(wp.hops[1].running, WithinRel(0.967704535301549 * dyhat_da21, 1e-8));
        CHECK(wp.hops.back().running == path.product);
        CHECK_THAT(path.product, WithinRel(-0.068861688225, 1e-9));

        // Mid-hop: the pulse on the hop's edge carries the running product, forward.
        const WalkHop& h1 = wp.hops[1];
        const Frame mid = sample(tl, h1.start + 0.5 * tl.timing.hop);
        CHECK(mid.walk.path == int(p));
        CHECK(mid.walk.hop == 1);
        CHECK(mid.walk.hops_revealed[p] == 1);
        const EdgeFrame& e = mid.edges[std::size_t(h1.edge)];
        CHECK(e.pulse.dir == +1);
        CHECK(e.pulse.value == h1.running);
        CHECK(e.highlight == 1.0f);

        // At the path's end every running product is shown, the last one the path's product.
        const Frame end = sample(tl, wp.end);
        CHECK(end.walk.hops_revealed[p] == 3);
        CHECK(end.walk.paths_done == int(p) + 1);
    }
    const Frame done = sample(tl, tl.t_walk_sum);
    CHECK(done.walk.sum_revealed);
    CHECK(done.walk.paths_done == 2);
    CHECK_THAT(done.walk.partial_sum, WithinRel(-0.137723376450254, 1e-12));
    CHECK_THAT(tl.walk_sum, WithinRel(-0.137723376450254, 1e-12));
    CHECK(tl.walk_sum == ps.listed_sum);
    CHECK_THAT(tl.walk_sum, WithinRel(f.trace.dW[1](0, 1), 1e-12));

    // Before the walk nothing is walked; the focus edge is lit throughout.
    const Frame start = sample(tl, 0.0);
    CHECK(start.walk.path == -1);
    CHECK(start.walk.hops_revealed == std::vector<int>{0, 0});
    CHECK(start.edges[std::size_t(g.weight_edge(1, 0, 1))].highlight == 1.0f);
    CHECK(start.edges[std::size_t(g.activation_edge(1, 0))].highlight > 0.0f); // on a path
    CHECK(start.edges[std::size_t(g.weight_edge(1, 1, 1))].highlight == 0.0f); // not
}

TEST_CASE("walk w_131: four paths through h_13 sum to the gradient", "[anim][walk]")
{
    const Fixture f("seed");
    const PathSet ps = enumerate_paths(f.cfg.net, f.trace, NodeRef{NodeKind::weight, 0, 2, 0}, 100);
    REQUIRE(ps.paths.size() == 4);
    const Timeline tl = f.timeline(&ps);
    REQUIRE(tl.walk.size() == 4);
    for (std::size_t p = 0; p < 4; ++p) {
        REQUIRE(tl.walk[p].hops.size() == 5); // w_131 → a_13 → h_13 → a_2o → ŷ_i → L
        CHECK(tl.walk[p].hops[1].edge == -1); // a_13 → h_13 happens inside the node
        CHECK(tl.walk[p].hops.back().running == ps.paths[p].product);
        // Each hop before the last shows the product of the path's local derivatives so far.
        double so_far = 1.0;
        for (std::size_t i = 0; i + 1 < tl.walk[p].hops.size(); ++i) {
            so_far *= ps.paths[p].local[i];
            INFO("path " << p + 1 << " hop " << i + 1);
            CHECK_THAT(tl.walk[p].hops[i].running, WithinRel(so_far, 1e-12));
        }
        const Frame end = sample(tl, tl.walk[p].end);
        CHECK(end.walk.hops_revealed[p] == 5);
    }
    CHECK_THAT(tl.walk_sum, WithinRel(0.002766543387968, 1e-9));
}

TEST_CASE("walk-only timeline and the walk limit", "[anim][walk]")
{
    const Fixture f("seed");
    const PathSet ps = enumerate_paths(f.cfg.net, f.trace, NodeRef{NodeKind::weight, 0, 2, 0}, 100);
    TimelineOptions opt;
    opt.forward = opt.backward = opt.update = false;
    opt.max_walk_paths = 3;
    const Timeline tl = f.timeline(&ps, opt);
    CHECK(tl.walk.size() == 3);
    CHECK(phase_at(tl, 0.0) == "walk path 1 of 3");
    const Frame fr = sample(tl, 0.0);
    CHECK(fr.show_loss == 1.0f); // forward and backward already happened
    CHECK(fr.section == Section::walk);
    CHECK(sample(tl, tl.duration).walk.sum_revealed);
}
