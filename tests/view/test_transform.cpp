#include "nets.hpp"
#include "view/geometry.hpp"
#include "view/layout.hpp"

#include <catch2/catch.hpp>

using namespace gf;
using namespace gf::view;

TEST_CASE("transform: world ↔ screen round-trips", "[view][transform]")
{
    const ViewTransform views[] = {{}, {{10, -20}, 3.0f}, {{-400, 250}, 0.125f}};
    for (const ViewTransform& v : views)
        for (Vec2 p : {Vec2{0, 0}, Vec2{123.5f, -77.25f}, Vec2{1920, 1080}}) {
            const Vec2 back = v.to_world(v.to_screen(p));
            CHECK(back.x == Approx(p.x).margin(1e-3));
            CHECK(back.y == Approx(p.y).margin(1e-3));
            const Vec2 again = v.to_screen(v.to_world(p));
            CHECK(again.x == Approx(p.x).margin(1e-3));
            CHECK(again.y == Approx(p.y).margin(1e-3));
        }
}

TEST_CASE("transform: zoom_at keeps the point under the cursor, and is undone by its inverse", "[view][transform]")
{
    ViewTransform v{{30, 40}, 1.5f};
    const Vec2 cursor{400, 300};
    const Vec2 w = v.to_world(cursor);
    v.zoom_at(cursor, 2.0f);
    CHECK(v.scale == Approx(3.0f));
    CHECK(v.to_screen(w).x == Approx(cursor.x));
    CHECK(v.to_screen(w).y == Approx(cursor.y));
    v.zoom_at(cursor, 0.5f);
    CHECK(v.scale == Approx(1.5f));
    CHECK(v.offset.x == Approx(30.0f));
    CHECK(v.offset.y == Approx(40.0f));
    v.zoom_at(cursor, 1e6f); // clamped
    CHECK(v.scale == 40.0f);
    CHECK(v.to_screen(w).x == Approx(cursor.x));
    v.pan({5, -5});
    CHECK(v.to_screen(w).x == Approx(cursor.x + 5));
}

TEST_CASE("transform: fit shows the layout's bounds inside the canvas, centred", "[view][transform]")
{
    const Layout lay = layout_network(test::mlp(32, 8, 32, 32), {{0, 0}, {1920, 1080}});
    const Rect canvas{{100, 50}, {740, 450}}; // a 640×400 embed somewhere on screen
    const ViewTransform v = ViewTransform::fit(lay.bounds, canvas, 8.0f);
    const Rect s = v.to_screen(lay.bounds);
    CHECK(s.min.x >= canvas.min.x + 8 - 1e-3f);
    CHECK(s.min.y >= canvas.min.y + 8 - 1e-3f);
    CHECK(s.max.x <= canvas.max.x - 8 + 1e-3f);
    CHECK(s.max.y <= canvas.max.y - 8 + 1e-3f);
    CHECK(s.center().x == Approx(canvas.center().x));
    CHECK(s.center().y == Approx(canvas.center().y));
    // One side touches (the fit is tight).
    const bool tight_x = std::abs(s.width() - (canvas.width() - 16)) < 1e-2f;
    const bool tight_y = std::abs(s.height() - (canvas.height() - 16)) < 1e-2f;
    CHECK((tight_x || tight_y));
    // Hit-testing through the fitted transform still finds nodes.
    const Hit h = hit_test(lay, v, v.to_screen(lay.nodes[40]));
    CHECK(h.kind == Hit::Kind::node);
    CHECK(h.index == 40);
}
