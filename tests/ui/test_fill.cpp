// Fill: what a frame asks the GPU to paint. On a software renderer (headless Chromium's WebGL on
// SwiftShader, a reader's laptop without a GPU) the frame rate at 1280×800 is set by the pixels
// ImGui's textured, blended triangles cover: one full-window layer of them cost ~45 ms a frame
// here. So the panels' and the canvas's backgrounds are scissored clears (App::backdrops) and the
// draw data itself must cover a fraction of the window.
#include "headless.hpp"

#include "ui/app.hpp"
#include "ui/fonts.hpp"
#include "ui/glow.hpp"

#include "session/session.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace {

// Sum of |area| of every triangle in the draw data, in logical pixels² (overlaps count twice,
// as they are painted twice).
double triangle_area(const ImDrawData& dd)
{
    double area = 0.0;
    for (int l = 0; l < dd.CmdListsCount; ++l) {
        const ImDrawList& list = *dd.CmdLists[l];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) continue;
            for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImVec2 a = list.VtxBuffer[int(cmd.VtxOffset + list.IdxBuffer[int(cmd.IdxOffset + i)])].pos;
                const ImVec2 b = list.VtxBuffer[int(cmd.VtxOffset + list.IdxBuffer[int(cmd.IdxOffset + i + 1)])].pos;
                const ImVec2 c = list.VtxBuffer[int(cmd.VtxOffset + list.IdxBuffer[int(cmd.IdxOffset + i + 2)])].pos;
                area += std::abs(double(b.x - a.x) * double(c.y - a.y) - double(c.x - a.x) * double(b.y - a.y)) * 0.5;
            }
        }
    }
    return area;
}

// A glow renderer that paints nothing and adds up the squares it would.
struct CountingGlow final : gf::ui::glow::Renderer {
    double area = 0.0;
    void render(std::span<const gf::ui::glow::Dot> dots, const ImVec4&, const ImDrawData&) override
    {
        for (const gf::ui::glow::Dot& d : dots) area += 4.0 * double(d.radius) * double(d.radius);
    }
};

struct Frame {
    double triangles = 0.0; // the draw data's
    double glow = 0.0;      // the glow pass's quads
    double backdrops = 0.0; // the scissored clears'
};

Frame paint(gf::ui::App& app, float w, float h, double now)
{
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(w, h);
    io.DeltaTime = 1.0f / 60.0f;
    CountingGlow glow;
    gf::ui::glow::set_renderer(&glow);
    ImGui::NewFrame();
    app.frame(gf::ui::FrameInput{now, w, h, 1.0f});
    ImGui::Render();
    Frame f;
    const ImDrawData& dd = *ImGui::GetDrawData();
    f.triangles = triangle_area(dd);
    // What the platform's renderer would do with the callbacks (only the glow pass adds any).
    for (int l = 0; l < dd.CmdListsCount; ++l)
        for (const ImDrawCmd& cmd : dd.CmdLists[l]->CmdBuffer)
            if (cmd.UserCallback && cmd.UserCallback != ImDrawCallback_ResetRenderState)
                cmd.UserCallback(dd.CmdLists[l], &cmd);
    f.glow = glow.area;
    gf::ui::glow::set_renderer(nullptr);
    for (const gf::ui::App::Backdrop& b : app.backdrops())
        f.backdrops += double(b.rect.max.x - b.rect.min.x) * double(b.rect.max.y - b.rect.min.y);
    return f;
}

} // namespace

// The seed preset (the page's default). The wide preset is not held to it yet: its ~600 edges'
// strokes alone cover ~6 windows a frame (see the report of issue 7).
TEST_CASE("fill: at 1280x800 the draw data covers a fraction of the window — backgrounds are clears", "[ui][fill]")
{
    const float w = 1280.0f, h = 800.0f;
    const double screen = double(w) * double(h);
    const gf::test::Headless imgui(w, h); // the context and font atlas; frames are painted below

    for (const bool by_platform : {true, false}) {
        gf::ui::App app;
        app.set_backdrops_by_platform(by_platform); // true: as the platform's loop does
        app.session().pause();
        double now = 0.0;
        for (int i = 0; i < 3; ++i) (void)paint(app, w, h, now += 1.0 / 60.0);
        const double duration = app.session().timeline().duration;
        for (double t : {duration * 0.2, duration * 0.45, duration * 0.8}) {
            app.session().seek(t);
            const Frame f = paint(app, w, h, now += 1.0 / 60.0);
            INFO("backdrops by the platform: " << by_platform << "; at t = " << t << ": triangles "
                                               << f.triangles / screen << " of the window, glow " << f.glow / screen
                                               << ", backdrops " << f.backdrops / screen);
            // The panels and the canvas are nearly all of the window (the toolbar row is the clear).
            CHECK(f.backdrops > 0.9 * screen);
            CHECK(f.backdrops <= screen + 1.0);
            if (by_platform)
                CHECK(f.triangles < 0.35 * screen); // ~0.27: text, widgets, edges and nodes
            else
                CHECK(f.triangles > 0.9 * screen); // ImGui paints the backgrounds itself, as before
            CHECK(f.glow < 0.2 * screen);
        }
        for (const gf::ui::App::Backdrop& b : app.backdrops()) CHECK(b.color.a == 1.0f); // a clear cannot blend
    }
}

// Every triangle costs a software renderer per row it spans, whatever it covers. A node's disc
// sits under its rim; where the rim is 2 px or more (round(r·0.12), r ≥ 12.5) it covers the disc's
// edge, so the disc is drawn without ImGui's anti-aliased fringe (two thirds of its triangles).
TEST_CASE("fill: node discs under a rim of 2 px or more are drawn without an anti-aliased fringe", "[ui][fill]")
{
    const gf::test::Headless imgui(1280, 800); // the context and font atlas; frames are painted below
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    {
        gf::ui::App app;
        app.set_backdrops_by_platform(true);
        REQUIRE(app.session().set_focus("w_212").empty());
        app.session().pause();
        double now = 0.0;
        for (int i = 0; i < 3; ++i) (void)paint(app, 1280, 800, now += 1.0 / 60.0);
        app.session().seek(3.5);
        (void)paint(app, 1280, 800, now += 1.0 / 60.0);
        const ImDrawData& dd = *ImGui::GetDrawData();
        int big = 0;
        for (const gf::ui::App::DrawnBox& node : app.layout_report().nodes) {
            const float r = (node.box.max.x - node.box.min.x) * 0.5f;
            const ImVec2 c((node.box.min.x + node.box.max.x) * 0.5f, (node.box.min.y + node.box.max.y) * 0.5f);
            if (std::round(r * 0.12f) < 2.0f) continue;
            ++big;
            auto ring = [&](const ImDrawVert& v) {
                const float d = std::hypot(v.pos.x - c.x, v.pos.y - c.y);
                return d > r - 1.0f && d < r + 1.0f;
            };
            int fringe = 0, inside = 0;
            for (int l = 0; l < dd.CmdListsCount; ++l) {
                const ImDrawList& list = *dd.CmdLists[l];
                for (const ImDrawCmd& cmd : list.CmdBuffer) {
                    if (cmd.UserCallback) continue;
                    for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
                        const ImDrawVert* v[3];
                        for (int k = 0; k < 3; ++k)
                            v[k] = &list.VtxBuffer[int(cmd.VtxOffset + list.IdxBuffer[int(cmd.IdxOffset + i + k)])];
                        bool solid = true, transparent = false, on_ring = true, in_disc = true;
                        for (const ImDrawVert* p : v) {
                            solid = solid && p->uv.x == white.x && p->uv.y == white.y;
                            transparent = transparent || (p->col >> IM_COL32_A_SHIFT) == 0;
                            on_ring = on_ring && ring(*p);
                            in_disc = in_disc && std::hypot(p->pos.x - c.x, p->pos.y - c.y) < r + 0.01f;
                        }
                        fringe += solid && transparent && on_ring;
                        inside += solid && !transparent && in_disc;
                    }
                }
            }
            INFO(node.node << ": r = " << r);
            CHECK(fringe == 0);
            CHECK(inside >= 16); // the disc itself is still drawn
        }
        CHECK(big >= 10); // the seed at 1280×800: every node's disc is that large
    }
}
