// platform::Damage on the App's real draw data, headless: what the page redraws each frame. While
// the story plays only the canvas and the transport bar change; the side panels (half of the
// triangles a software renderer rasterizes at 1280×800) must not be drawn again.
#include "headless.hpp"
#include "platform/damage.hpp"
#include "ui/app.hpp"

#include "session/session.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

namespace {

using gf::platform::Damage;
using gf::platform::DamageRect;
using gf::test::Headless;

bool covers(const std::vector<DamageRect>& rects, float x, float y)
{
    for (const DamageRect& r : rects)
        if (x >= r.x && x < r.z && y >= r.y && y < r.w) return true;
    return false;
}

float area(const std::vector<DamageRect>& rects)
{
    float a = 0;
    for (const DamageRect& r : rects) a += (r.z - r.x) * (r.w - r.y);
    return a;
}

} // namespace

TEST_CASE("damage: the first frame is whole, a frame that changed nothing draws nothing", "[ui][damage]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    REQUIRE(app.session().set_focus("w_212").empty());
    app.session().pause();
    Damage damage;
    hl.frame(app);
    const std::vector<DamageRect> first = damage.update(*ImGui::GetDrawData(), 1, 0);
    REQUIRE(first.size() == 1);
    CHECK(first[0].x <= 0);
    CHECK(first[0].y <= 0);
    CHECK(first[0].z >= 1280);
    CHECK(first[0].w >= 800);
    // ImGui settles hover and layout over a few frames; then a still picture is still.
    for (int i = 0; i < 4; ++i) {
        hl.frame(app);
        damage.update(*ImGui::GetDrawData(), 1, 0);
    }
    hl.frame(app);
    CHECK(damage.update(*ImGui::GetDrawData(), 1, 0).empty());
    // What is drawn outside the lists (clear colour, backdrops) or a forgotten buffer: all of it.
    hl.frame(app);
    CHECK(area(damage.update(*ImGui::GetDrawData(), 2, 0)) >= 1280.0f * 800.0f);
    damage.forget();
    hl.frame(app);
    CHECK(area(damage.update(*ImGui::GetDrawData(), 2, 0)) >= 1280.0f * 800.0f);
}

TEST_CASE("damage: while playing, the canvas and the transport bar are redrawn, the side panels are not",
          "[ui][damage]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    REQUIRE(app.session().set_focus("w_212").empty());
    app.session().seek(3.0); // pulses on their way through layer 2
    app.session().play();
    Damage damage;
    for (int i = 0; i < 5; ++i) {
        hl.frame(app);
        damage.update(*ImGui::GetDrawData(), 1, 0);
    }
    int canvas_frames = 0;
    for (int i = 0; i < 30; ++i) {
        hl.frame(app);
        const std::vector<DamageRect> rects = damage.update(*ImGui::GetDrawData(), 1, 0);
        canvas_frames += covers(rects, 640, 400); // the canvas, in the middle
        // The inspector (right) and the network panel (left) stand still.
        CHECK_FALSE(covers(rects, 1100, 300));
        CHECK_FALSE(covers(rects, 100, 300));
        CHECK(area(rects) < 0.7f * 1280.0f * 800.0f);
        // Rectangles never overlap: a pixel in two would be blended twice.
        for (std::size_t a = 0; a < rects.size(); ++a)
            for (std::size_t b = a + 1; b < rects.size(); ++b)
                CHECK_FALSE((rects[a].x < rects[b].z && rects[b].x < rects[a].z && rects[a].y < rects[b].w &&
                             rects[b].y < rects[a].w));
    }
    CHECK(canvas_frames >= 25); // the pulses move
}

TEST_CASE("damage: a list that changes only its texture's pixels is redrawn when the textures move", "[ui][damage]")
{
    // A list of its own drawing an image (the data plane's texture) that stays put.
    Headless hl(640, 400);
    Damage damage;
    auto frame = [&] {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(10, 10));
        ImGui::SetNextWindowSize(ImVec2(200, 200));
        ImGui::Begin("plane");
        ImGui::Image(reinterpret_cast<ImTextureID>(std::uintptr_t(7)), ImVec2(100, 100));
        ImGui::End();
        ImGui::Render();
    };
    for (int i = 0; i < 4; ++i) {
        frame();
        damage.update(*ImGui::GetDrawData(), 1, 5);
    }
    frame();
    CHECK(damage.update(*ImGui::GetDrawData(), 1, 5).empty());
    frame();
    const std::vector<DamageRect> refilled = damage.update(*ImGui::GetDrawData(), 1, 6);
    CHECK(covers(refilled, 60, 60));
    CHECK_FALSE(covers(refilled, 400, 300)); // only that window
}

TEST_CASE("still layer: the canvas's edges are one span the page keeps while the pulses over it move",
          "[ui][damage][layer]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    app.set_view_mode(gf::embed::View::forward); // the page's default: edges fade in as values arrive
    REQUIRE(app.session().set_focus("w_212").empty());
    app.session().seek(0.0);
    app.session().play();
    std::uint64_t last_span = 0, last_list = 0;
    int span_changes = 0, list_changes = 0;
    for (int i = 0; i < 600; ++i) { // ten seconds: the forward pass, the loss, the backward pass
        hl.frame(app);
        const ImDrawData& dd = *ImGui::GetDrawData();
        const gf::platform::StaticSpan span = gf::platform::static_span(dd);
        REQUIRE(span.list >= 0);
        const ImDrawList& canvas = *dd.CmdLists[span.list];
        // The layer is the canvas: its rectangle lies in the middle of the window, and the list
        // draws more after it (pulses, nodes, labels).
        REQUIRE(span.rect.x < 640.0f);
        REQUIRE(span.rect.z > 640.0f);
        REQUIRE(span.rect.z - span.rect.x > 400.0f);
        REQUIRE(span.end > span.begin + 1); // it holds the edges
        REQUIRE(span.end + 1 < canvas.CmdBuffer.Size);
        const std::uint64_t list = gf::platform::draw_list_hash(canvas);
        span_changes += i > 0 && span.hash != last_span;
        list_changes += i > 0 && list != last_list;
        last_span = span.hash;
        last_list = list;
    }
    // The pulses move in most frames; the still edges change only when a fade starts or ends
    // (an edge fading in is drawn over the layer meanwhile), a few times a layer.
    CHECK(list_changes >= 300);
    CHECK(span_changes * 10 <= list_changes);
    // Paused, the span is the same frame after frame.
    app.session().pause();
    hl.frame(app);
    hl.frame(app);
    const std::uint64_t still = gf::platform::static_span(*ImGui::GetDrawData()).hash;
    hl.frame(app);
    CHECK(gf::platform::static_span(*ImGui::GetDrawData()).hash == still);
}

TEST_CASE("still layer: its markers do not make a still canvas count as changed", "[ui][damage][layer]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    app.session().pause();
    Damage damage;
    for (int i = 0; i < 5; ++i) {
        hl.frame(app);
        damage.update(*ImGui::GetDrawData(), 1, 0);
    }
    REQUIRE(gf::platform::static_span(*ImGui::GetDrawData()).list >= 0);
    hl.frame(app);
    CHECK(damage.update(*ImGui::GetDrawData(), 1, 0).empty());
}

TEST_CASE("still layer: the seed's few edges are drawn directly, the wide preset's many kept in the layer",
          "[ui][damage][layer]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    const auto edge_vertices = [&] {
        app.session().pause();
        hl.frame(app);
        hl.frame(app);
        const gf::platform::StaticSpan span = gf::platform::static_span(*ImGui::GetDrawData());
        REQUIRE(span.list >= 0);
        return span.vertices;
    };
    const unsigned seed = edge_vertices();
    REQUIRE(app.session().load_preset("wide").empty());
    const unsigned wide = edge_vertices();
    INFO("seed " << seed << " edge vertices, wide " << wide);
    CHECK(seed > 0);
    CHECK(seed < gf::platform::kLayerMinVertices);
    CHECK(wide >= gf::platform::kLayerMinVertices);
}
