#include "nets.hpp"
#include "view/layout.hpp"

#include <catch2/catch.hpp>

using namespace gf;
using namespace gf::view;
using namespace gf::view::test;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("layout: every node inside the canvas, none overlapping", "[view][layout]")
{
    for (const auto& [name, net] : layout_nets())
        for (const auto& [w, h] : canvas_sizes())
            for (float ui : {1.0f, 2.0f}) {
                INFO(name << " at " << w << "×" << h << " ui_scale " << ui);
                const Rect canvas{{30, 20}, {30 + w, 20 + h}}; // not at the origin on purpose
                const Layout lay = layout_network(net, canvas, ui);
                const float r = lay.radius;
                REQUIRE(r > 0.0f);
                REQUIRE(lay.nodes.size() == lay.graph.nodes.size());
                REQUIRE(lay.edges.size() == lay.graph.edges.size());
                // Circles of the nodes and the "⋯" slots.
                std::vector<Vec2> discs = lay.nodes;
                for (int c = 0; c < lay.graph.column_count(); ++c)
                    if (lay.graph.columns[std::size_t(c)].ellipsis >= 0) discs.push_back(lay.ellipsis[std::size_t(c)]);
                for (const Vec2& p : discs) {
                    REQUIRE(p.x - r >= canvas.min.x);
                    REQUIRE(p.x + r <= canvas.max.x);
                    REQUIRE(p.y - r >= canvas.min.y);
                    REQUIRE(p.y + r <= canvas.max.y);
                }
                for (std::size_t i = 0; i < discs.size(); ++i)
                    for (std::size_t j = i + 1; j < discs.size(); ++j)
                        REQUIRE(distance(discs[i], discs[j]) >= 2 * r * 1.2f); // a gap of ≥ 20% r between rims
                REQUIRE(canvas.contains(lay.bounds));
                // Columns left to right with room for edges between them.
                for (std::size_t c = 1; c < lay.column_x.size(); ++c)
                    REQUIRE(lay.column_x[c] - lay.column_x[c - 1] >= 4 * r * 0.999f);
            }
}

TEST_CASE("layout: the radius follows the canvas, and labels fit at embed size for small nets", "[view][layout]")
{
    const Network seed = preset("seed").net;
    const Layout small = layout_network(seed, {{0, 0}, {640, 400}});
    const Layout large = layout_network(seed, {{0, 0}, {1920, 1080}});
    CHECK(small.labels_fit);
    CHECK(large.radius >= small.radius);
    CHECK(large.pitch_x > small.pitch_x);
    const Layout big_ui = layout_network(seed, {{0, 0}, {1920, 1080}}, 2.0f);
    CHECK(big_ui.radius > large.radius);
    // 8×32 in an embed: correct but too small for names inside; the renderer labels on hover.
    const Layout dense = layout_network(mlp(32, 8, 32, 32), {{0, 0}, {640, 400}});
    CHECK(dense.radius >= 4.0f);
    CHECK_FALSE(dense.labels_fit);
}

TEST_CASE("layout: edges leave and reach the rims, and arc-length sampling is uniform", "[view][layout]")
{
    for (const auto& [name, net] : layout_nets()) {
        INFO(name);
        const Layout lay = layout_network(net, {{0, 0}, {1280, 800}});
        const float r = lay.radius;
        for (std::size_t e = 0; e < lay.edges.size(); ++e) {
            const EdgeGeom& g = lay.edges[e];
            const anim::GraphEdge& ge = lay.graph.edges[e];
            REQUIRE(distance(g.p0, lay.nodes[std::size_t(ge.src)]) == Approx(r));
            REQUIRE(distance(g.p1, lay.nodes[std::size_t(ge.dst)]) == Approx(r));
            REQUIRE(g.p1.x > g.p0.x);
            REQUIRE(point_at(lay, int(e), 0.0f) == g.p0);
            REQUIRE(distance(point_at(lay, int(e), 1.0f), g.p1) < 1e-3f);
        }
        // Equal steps in s are equal steps along the curve: compare with a fine polyline.
        for (std::size_t e = 0; e < lay.edges.size(); e += std::max<std::size_t>(1, lay.edges.size() / 50)) {
            const int n = 2000;
            std::vector<float> cum{0.0f};
            Vec2 prev = curve_at(lay, int(e), 0.0f);
            for (int i = 1; i <= n; ++i) {
                const Vec2 p = curve_at(lay, int(e), float(i) / n);
                cum.push_back(cum.back() + distance(prev, p));
                prev = p;
            }
            REQUIRE(lay.edges[e].length == Approx(cum.back()).epsilon(0.01));
            for (float s : {0.1f, 0.25f, 0.5f, 0.8f}) {
                // Arc length from the start to point_at(s), measured on the fine polyline.
                const Vec2 q = point_at(lay, int(e), s);
                int best = 0;
                for (int i = 0; i <= n; ++i)
                    if (distance(curve_at(lay, int(e), float(i) / n), q) <
                        distance(curve_at(lay, int(e), float(best) / n), q))
                        best = i;
                REQUIRE(cum[std::size_t(best)] / cum.back() == Approx(s).margin(0.01));
            }
            const Vec2 t = tangent_at(lay, int(e), 0.5f);
            REQUIRE(length(t) == Approx(1.0f));
            REQUIRE(t.x > 0.0f);
        }
    }
}

TEST_CASE("layout: the elided column puts its ⋯ between head and tail", "[view][layout]")
{
    const Network net = mlp(784, 1, 100, 10);
    const Layout lay = layout_network(net, {{0, 0}, {1280, 800}});
    const anim::GraphColumn& in = lay.graph.columns[0];
    REQUIRE(in.ellipsis >= 0);
    const Vec2 dots = lay.ellipsis[0];
    const Vec2 above = lay.nodes[std::size_t(in.first + in.head - 1)];
    const Vec2 below = lay.nodes[std::size_t(in.first + in.head)];
    CHECK(above.y < dots.y);
    CHECK(dots.y < below.y);
    CHECK_THAT(dots.y - above.y, WithinRel(double(lay.pitch_y), 1e-5));
}

TEST_CASE("label placer: the first free candidate, inside the bounds, off blocked boxes and placed labels",
          "[view][labels]")
{
    LabelPlacer placer(Rect{{0, 0}, {200, 100}});
    placer.block(Rect{{40, 40}, {60, 60}}); // a node disc's box
    const Vec2 size{30, 10};

    // Free at its first choice: placed there.
    const Vec2 a[] = {{100, 20}};
    const Rect ra = placer.place(size, a, 1);
    CHECK(ra.center() == Vec2{100, 20});

    // First choice on the node, second on the label just placed, third outside: the fourth wins.
    const Vec2 b[] = {{50, 50}, {110, 22}, {195, 50}, {100, 80}};
    const Rect rb = placer.place(size, b, 4);
    CHECK(rb.center() == Vec2{100, 80});

    // Nowhere free: nothing placed, and nothing remembered.
    const Vec2 c[] = {{50, 45}, {100, 20}};
    const Rect rc = placer.place(size, c, 2);
    CHECK(rc.width() == 0.0f);
    CHECK(placer.placed().size() == 2);

    // Boxes that only touch do not overlap: labels may sit edge to edge.
    const Vec2 d[] = {{130, 20}};
    CHECK(placer.place(size, d, 1).width() == 30.0f);
    for (std::size_t i = 0; i < placer.placed().size(); ++i)
        for (std::size_t j = i + 1; j < placer.placed().size(); ++j)
            CHECK_FALSE(overlaps(placer.placed()[i], placer.placed()[j]));
}

TEST_CASE("layout: a phone-width canvas gives the seed network most of its width and legible names", "[view][layout]")
{
    for (const auto& [name, net] : layout_nets())
        for (float w : {352.0f, 382.0f}) {
            INFO(name << " at " << w << " px");
            const Layout lay = layout_network(net, Rect{{0, 0}, {w, 420}}, 1.0f);
            CHECK(lay.bounds.width() >= 0.7f * w);
        }
}
