#include "nets.hpp"
#include "view/layout.hpp"

#include <catch2/catch.hpp>

using namespace gf;
using namespace gf::view;
using namespace gf::view::test;

namespace {

// Screen distance from p to edge e by brute force on a fine polyline: an independent check of
// hit_test's one-step formula.
float brute_distance(const Layout& lay, const ViewTransform& v, int e, Vec2 p)
{
    float best = 1e30f;
    Vec2 prev = v.to_screen(curve_at(lay, e, 0.0f));
    const int n = 400;
    for (int i = 1; i <= n; ++i) {
        const Vec2 q = v.to_screen(curve_at(lay, e, float(i) / n));
        const Vec2 d = q - prev;
        const float len2 = d.x * d.x + d.y * d.y;
        const float t = len2 > 0 ? std::clamp(((p.x - prev.x) * d.x + (p.y - prev.y) * d.y) / len2, 0.0f, 1.0f) : 0.0f;
        best = std::min(best, distance(p, prev + d * t));
        prev = q;
    }
    return best;
}

const ViewTransform kViews[] = {
    ViewTransform{},
    ViewTransform{{-150.0f, 40.0f}, 2.5f},
    ViewTransform{{90.0f, 60.0f}, 0.6f},
};

} // namespace

TEST_CASE("hit_test: every node at its centre and just inside its rim", "[view][hit]")
{
    for (const auto& [name, net] : layout_nets())
        for (const ViewTransform& v : kViews) {
            INFO(name << " scale " << v.scale);
            const Layout lay = layout_network(net, {{0, 0}, {1280, 800}});
            for (std::size_t n = 0; n < lay.nodes.size(); ++n) {
                const Hit c = hit_test(lay, v, v.to_screen(lay.nodes[n]));
                REQUIRE(c.kind == Hit::Kind::node);
                REQUIRE(c.index == int(n));
                // Nodes win over edges: the edges start at the rim, the point is just inside.
                const Hit rim = hit_test(lay, v, v.to_screen(lay.nodes[n] + Vec2{lay.radius * 0.95f, 0.0f}));
                REQUIRE(rim.kind == Hit::Kind::node);
                REQUIRE(rim.index == int(n));
            }
        }
}

TEST_CASE("hit_test: the right edge at points along it", "[view][hit]")
{
    for (const auto& [name, net] : layout_nets())
        for (const ViewTransform& v : kViews) {
            INFO(name << " scale " << v.scale);
            const Layout lay = layout_network(net, {{0, 0}, {1920, 1080}});
            const std::size_t stride = std::max<std::size_t>(1, lay.edges.size() / 300);
            for (std::size_t e = 0; e < lay.edges.size(); e += stride)
                for (float s : {0.5f, 0.3f, 0.77f}) {
                    const Vec2 p = v.to_screen(point_at(lay, int(e), s));
                    const Hit h = hit_test(lay, v, p);
                    REQUIRE(h.kind == Hit::Kind::edge);
                    // The edge found passes through p; where edges cross exactly there (fully
                    // connected layers cross at midpoints) any of them is right, otherwise it is e.
                    REQUIRE(brute_distance(lay, v, h.index, p) < 0.05f);
                    if (h.index != int(e)) {
                        bool tie = false;
                        for (int o = lay.graph.gap_begin[std::size_t(lay.graph.gap_of(int(e)))];
                             o < lay.graph.gap_begin[std::size_t(lay.graph.gap_of(int(e))) + 1] && !tie; ++o)
                            tie = o == h.index;
                        REQUIRE(tie);
                        REQUIRE(brute_distance(lay, v, int(e), p) < 0.05f);
                    }
                }
        }
}

TEST_CASE("hit_test: a few pixels off an edge still hits it, further off nothing", "[view][hit]")
{
    const Layout lay = layout_network(preset("mazur").net, {{0, 0}, {1280, 800}});
    const ViewTransform v{};
    const int e = lay.graph.weight_edge(0, 0, 0); // i1 → h1: horizontal
    const Vec2 mid = point_at(lay, e, 0.5f);
    const Hit near = hit_test(lay, v, mid + Vec2{0.0f, 3.0f});
    CHECK(near.kind == Hit::Kind::edge);
    CHECK(near.index == e);
    CHECK(near.distance == Approx(3.0f).margin(0.05f));
    CHECK(hit_test(lay, v, mid + Vec2{0.0f, 3.0f}, 2.0f).kind == Hit::Kind::none);
    CHECK(hit_test(lay, v, {1.0f, 1.0f}).kind == Hit::Kind::none);      // the canvas corner
    CHECK(hit_test(lay, v, {5000.0f, 400.0f}).kind == Hit::Kind::none); // off to the right
    CHECK(hit_test(lay, v, {-5000.0f, 400.0f}).kind == Hit::Kind::none);
    // The same in screen pixels whatever the zoom: 3 px off at scale 4 hits, 6 px does not.
    const ViewTransform z{{-500.0f, -300.0f}, 4.0f};
    CHECK(hit_test(lay, z, z.to_screen(mid) + Vec2{0.0f, 3.0f}).index == e);
    CHECK(hit_test(lay, z, z.to_screen(mid) + Vec2{0.0f, 6.0f}).kind == Hit::Kind::none);
}

TEST_CASE("hit_test: 8 × 32 agrees with a brute-force search over all edges", "[view][hit]")
{
    const Layout lay = layout_network(mlp(32, 8, 32, 32), {{0, 0}, {1920, 1080}});
    REQUIRE(lay.edges.size() > 7000);
    // Sweep the pointer over the whole canvas; the answer must agree with a brute-force search
    // over all edges on a sample of points.
    int hits = 0;
    for (int i = 0; i < 200; ++i)
        for (int j = 0; j < 50; ++j) {
            const Vec2 p{1920.0f * float(i) / 200.0f, 1080.0f * float(j) / 50.0f};
            const Hit h = hit_test(lay, ViewTransform{}, p);
            hits += h.kind != Hit::Kind::none;
            if ((i * 50 + j) % 97 == 0 && h.kind != Hit::Kind::node) {
                float best = 1e30f;
                for (std::size_t e = 0; e < lay.edges.size(); ++e) {
                    // A Bézier lies in its control points' box: skip edges whose box is far away.
                    const EdgeGeom& g = lay.edges[e];
                    const float y0 = std::min(g.p0.y, g.p1.y), y1 = std::max(g.p0.y, g.p1.y);
                    if (p.x < g.p0.x - 6 || p.x > g.p1.x + 6 || p.y < y0 - 6 || p.y > y1 + 6) continue;
                    best = std::min(best, brute_distance(lay, ViewTransform{}, int(e), p));
                }
                if (h.kind == Hit::Kind::edge)
                    REQUIRE(h.distance == Approx(best).margin(0.1f));
                else
                    REQUIRE(best > 4.0f - 0.1f);
            }
        }
    CHECK(hits > 0);
}
