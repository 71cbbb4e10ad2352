// The App without a window, for the ui tests: a real ImGui context and font atlas, no platform
// backend and no GL (no glow renderer is installed, so glow::draw is a no-op), frames driven by a
// fake clock, and clicks as three frames of mouse input.
#pragma once

#include "ui/app.hpp"
#include "ui/fonts.hpp"
#include "view/geometry.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

#include <string>

namespace gf::test {

// One ImGui context sized like a window, with the embedded font built into the atlas.
struct Headless {
    ImGuiContext* ctx = nullptr;
    float w, h;
    double now = 0.0;

    Headless(float width, float height) : w(width), h(height)
    {
        ctx = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(w, h);
        io.DeltaTime = 1.0f / 60.0f;
        gf::ui::load_fonts(1.0f);
        unsigned char* px = nullptr;
        int tw = 0, th = 0;
        io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
    }
    ~Headless() { ImGui::DestroyContext(ctx); }
    Headless(const Headless&) = delete;
    Headless& operator=(const Headless&) = delete;

    // One frame `dt` seconds after the last; returns the draw data's total vertex count.
    int frame(gf::ui::App& app, double dt = 1.0 / 60.0)
    {
        now += dt;
        ImGui::GetIO().DeltaTime = float(dt);
        ImGui::NewFrame();
        app.frame(gf::ui::FrameInput{now, w, h, 1.0f});
        ImGui::Render();
        const ImDrawData* dd = ImGui::GetDrawData();
        REQUIRE(dd != nullptr);
        // A budget, not a limit (ImDrawIdx is 32-bit): a list past 65,536 vertices means the
        // per-edge drawing has grown out of proportion.
        for (int i = 0; i < dd->CmdListsCount; ++i) CHECK(dd->CmdLists[i]->VtxBuffer.Size < 65536);
        return dd->TotalVtxCount;
    }

    // A left click: the mouse moves to (x, y), presses and releases, a frame each.
    void click(gf::ui::App& app, float x, float y)
    {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(x, y);
        frame(app);
        io.MouseDown[0] = true;
        frame(app);
        io.MouseDown[0] = false;
        frame(app);
    }
    void click(gf::ui::App& app, gf::view::Vec2 p) { click(app, p.x, p.y); }
    void click(gf::ui::App& app, const gf::view::Rect& b)
    {
        click(app, (b.min.x + b.max.x) * 0.5f, (b.min.y + b.max.y) * 0.5f);
    }
};

// A widget's box in the last frame's layout report (note_widget's name); fails the test if absent.
inline gf::view::Rect button(const gf::ui::App::LayoutReport& r, const std::string& name)
{
    for (const auto& [n, b] : r.buttons)
        if (n == name) return b;
    FAIL("no button " << name);
    return {};
}

} // namespace gf::test
