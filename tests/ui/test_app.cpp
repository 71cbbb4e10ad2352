// The App without a window: a real ImGui context and font atlas, no platform backend and no GL
// (no glow renderer is installed, so glow::draw is a no-op), frames driven by a fake clock.
#include "headless.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"

#include "session/session.hpp"

#include "imgui.h"
#include "imgui_internal.h" // the windows of the last frame, to check the panels' rectangles

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

using gf::test::Headless;

// The rectangles of the top-level windows drawn in the last frame: the panels (not child
// windows, popups, tooltips or ImGui's implicit "Debug" window).
std::vector<ImRect> panel_rects()
{
    std::vector<ImRect> out;
    for (const ImGuiWindow* win : ImGui::GetCurrentContext()->Windows) {
        if (!win->Active) continue;
        if (win->IsFallbackWindow) continue;
        if (win->Flags & (ImGuiWindowFlags_ChildWindow | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup)) continue;
        out.push_back(win->Rect());
    }
    return out;
}

const char* kLinear = R"({
  "layers": [1, 1], "activations": ["linear"], "loss": "mse",
  "W": [[[1.0]]], "b": [[0.0]], "x": [1], "y": [3], "learning_rate": 1e30
})";

} // namespace

TEST_CASE("ui: headless frames draw at 640x400 and 1280x800", "[ui]")
{
    for (auto [w, h] : {std::pair{640.0f, 400.0f}, std::pair{1280.0f, 800.0f}}) {
        Headless hl(w, h);
        gf::ui::App app;
        int verts = 0;
        for (int i = 0; i < 10; ++i) verts = hl.frame(app);
        CHECK(verts > 1000);
        // Mid-animation, focused, each view mode.
        REQUIRE(app.session().set_focus("w_212").empty());
        app.session().seek(2.0);
        for (int m = 0; m < 3; ++m) {
            app.set_view_mode(gf::embed::View(m));
            CHECK(hl.frame(app) > 1000);
        }
        // The panels never overlap: every top-level window of the last frame lies inside the
        // display, no two share area (shared edges are fine), and one (the canvas) is roomy.
        const std::vector<ImRect> panels = panel_rects();
        CHECK(panels.size() >= 3); // canvas, transport bar, at least one side panel
        bool roomy = false;
        for (std::size_t i = 0; i < panels.size(); ++i) {
            const ImRect& a = panels[i];
            INFO("panel " << i << ": (" << a.Min.x << ", " << a.Min.y << ") – (" << a.Max.x << ", " << a.Max.y << ")");
            CHECK(a.Min.x >= 0.0f);
            CHECK(a.Min.y >= 0.0f);
            CHECK(a.Max.x <= w);
            CHECK(a.Max.y <= h);
            roomy = roomy || (a.GetWidth() > 100.0f && a.GetHeight() > 100.0f);
            for (std::size_t j = i + 1; j < panels.size(); ++j) {
                const ImRect& b = panels[j];
                INFO("panel " << j << ": (" << b.Min.x << ", " << b.Min.y << ") – (" << b.Max.x << ", " << b.Max.y
                              << ")");
                const float ox = std::min(a.Max.x, b.Max.x) - std::max(a.Min.x, b.Min.x);
                const float oy = std::min(a.Max.y, b.Max.y) - std::max(a.Min.y, b.Min.y);
                CHECK_FALSE((ox > 0.5f && oy > 0.5f));
            }
        }
        CHECK(roomy);
    }
}

TEST_CASE("ui: an upright tablet (768x1024) has the canvas across the top and the inspector below", "[ui]")
{
    const float w = 768.0f, h = 1024.0f;
    Headless hl(w, h);
    gf::ui::App app;
    for (int i = 0; i < 3; ++i) hl.frame(app);
    REQUIRE(app.inspector_open());
    const gf::view::Rect canvas = app.canvas_rect();
    INFO("canvas (" << canvas.min.x << ", " << canvas.min.y << ") – (" << canvas.max.x << ", " << canvas.max.y << ")");
    // The whole width (less the window's padding), not a tall strip beside the inspector.
    CHECK(canvas.max.x - canvas.min.x >= w - 16.0f);
    CHECK(canvas.max.y < h * 0.7f);
    // A full-width panel under the canvas: the inspector.
    bool below = false;
    for (const ImRect& p : panel_rects())
        below = below || (p.Min.y >= canvas.max.y - 1.0f && p.GetWidth() >= w - 1.0f && p.GetHeight() > h * 0.2f);
    CHECK(below);
    // Landscape keeps panels beside the canvas.
    Headless wide(1280.0f, 800.0f);
    gf::ui::App desk;
    for (int i = 0; i < 3; ++i) wide.frame(desk);
    const gf::view::Rect c2 = desk.canvas_rect();
    CHECK(c2.max.x - c2.min.x < 1280.0f * 0.8f);
    CHECK(c2.max.y > 800.0f * 0.8f);
}

TEST_CASE("ui: the wide preset fits 16-bit indices in every view, small and large", "[ui]")
{
    for (auto [w, h] : {std::pair{640.0f, 400.0f}, std::pair{1280.0f, 800.0f}, std::pair{1920.0f, 1080.0f}}) {
        Headless hl(w, h);
        gf::ui::App app;
        REQUIRE(app.session().load_preset("wide").empty());
        REQUIRE(app.session().set_focus("w_{2,1,1}").empty());
        app.session().pause();
        // Forward pulses, backward pulses, the walk, the update: each with every mode.
        const double duration = app.session().timeline().duration;
        for (double t : {2.0, duration * 0.45, duration * 0.8, duration - 0.5}) {
            app.session().seek(t);
            for (int m = 0; m < 3; ++m) {
                app.set_view_mode(gf::embed::View(m));
                CHECK(hl.frame(app) > 1000); // frame() checks each list stays under 65 536 vertices
            }
        }
    }
}

TEST_CASE("ui: structure edits and activation changes go through validation", "[ui]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    gf::Session& s = app.session();
    // Softmax with cross-entropy is fine; relu with cross-entropy is refused and the net kept.
    gf::Config c = s.config();
    c.net.loss = gf::Loss::cross_entropy;
    CHECK(s.edit(c).empty());
    c = s.config();
    c.net.act.back() = gf::Activation::relu;
    CHECK_FALSE(s.edit(c).empty());
    CHECK(s.config().net.act.back() == gf::Activation::softmax);
    hl.frame(app);
}

TEST_CASE("ui: focusing w_212 on the seed gives two paths summing to the gradient", "[ui]")
{
    gf::ui::App app;
    gf::Session& s = app.session();
    REQUIRE(s.load_preset("seed").empty());
    REQUIRE(s.set_focus("w_212").empty());
    const gf::Focus& f = s.focus();
    REQUIRE(f.active);
    CHECK(f.name == "w_212");
    REQUIRE(f.deriv.paths.paths.size() == 2);
    CHECK(f.deriv.paths.count == 2.0);
    CHECK_THAT(f.deriv.paths.listed_sum, WithinRel(-0.137723376450254, 1e-9));
    // The notes' shortcut gives half.
    CHECK_THAT(f.deriv.diagonal_only_sum, WithinRel(-0.137723376450254 / 2, 1e-9));
    // The timeline walks both paths.
    CHECK(s.timeline().walk.size() == 2);
    CHECK_THAT(s.timeline().walk_sum, WithinRel(-0.137723376450254, 1e-9));
    CHECK(s.focus_text(gf::DerivFormat::latex).find("w_{212}") != std::string::npos);
    CHECK(s.focus_text(gf::DerivFormat::markdown).find("w_212") != std::string::npos);
    // Names the notes never use are refused with a message, the focus stays.
    CHECK_FALSE(s.set_focus("w_999").empty());
    CHECK(f.name == "w_212");
    CHECK(s.set_focus("").empty());
    CHECK_FALSE(f.active);
}

TEST_CASE("ui: an invalid config is refused and the previous network kept", "[ui]")
{
    gf::ui::App app;
    const std::string before = app.config_json();
    const std::string err = app.set_config(R"({"layers": [2, 2], "activations": ["relu"], "loss": "cross_entropy",
                                               "x": [1, 2], "y": [0, 1]})");
    CHECK_FALSE(err.empty());
    CHECK(app.config_json() == before);
    CHECK_FALSE(app.set_config("{not json").empty());
    CHECK(app.config_json() == before);
    // The same refusal through an edit of the shown network.
    gf::Network net = app.session().config().net;
    net.loss = gf::Loss::cross_entropy;
    net.act.back() = gf::Activation::relu;
    CHECK_FALSE(app.session().edit_network(net).empty());
    CHECK(app.config_json() == before);
    // A good one is taken, and eval_json describes it.
    CHECK(app.set_config(kLinear).empty());
    CHECK(app.eval_json().find("\"loss\"") != std::string::npos);
}

TEST_CASE("ui: training with a huge learning rate reports divergence, and restore brings the network back", "[ui]")
{
    gf::ui::App app;
    REQUIRE(app.set_config(kLinear).empty());
    gf::Session& s = app.session();
    const gf::Network before = s.config().net;
    const std::string err = s.train_now(50);
    CHECK_FALSE(err.empty());
    CHECK(s.training().diverged);
    CHECK_FALSE(s.training().message.empty());
    // Whatever training left is finite (the core refuses the step that would not be).
    CHECK(gf::validate_network(s.config().net).empty());
    CHECK(s.restore_training());
    CHECK(s.config().net == before);
    CHECK_FALSE(s.training().diverged);
    // And the UI still draws.
    Headless hl(1280, 800);
    CHECK(hl.frame(app) > 0);
}

TEST_CASE("ui: an SGD step lowers the seed's loss", "[ui]")
{
    gf::ui::App app;
    REQUIRE(app.session().load_preset("seed").empty());
    const double l0 = app.session().trace().loss;
    CHECK_THAT(l0, WithinRel(0.090369361708271, 1e-9));
    CHECK(app.session().step_now().empty());
    CHECK(app.session().trace().loss < l0);
}

TEST_CASE("ui: the transport is driven by the frame clock only", "[ui]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    gf::Session& s = app.session();
    s.pause();
    s.seek(1.25);
    hl.frame(app, 0.5);
    CHECK(s.time() == 1.25); // paused: the clock moves, t does not
    s.play();
    hl.frame(app, 0.1);
    hl.frame(app, 0.1);
    CHECK_THAT(s.time(), WithinAbs(1.45, 1e-9));
    s.step_next();
    CHECK(s.time() > 1.45);
    CHECK(s.timeline().duration > s.time());
}

TEST_CASE("ui: the animated Step plays the update and then applies it", "[ui]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    gf::Session& s = app.session();
    const double l0 = s.trace().loss;
    REQUIRE(s.start_step().empty());
    REQUIRE(s.step_pending());
    CHECK(s.time() == s.timeline().update_start);
    for (int i = 0; i < 40 && s.step_pending(); ++i) hl.frame(app, 0.1);
    CHECK_FALSE(s.step_pending());
    CHECK(s.trace().loss < l0);
    CHECK(s.training().history.size() == 1);
}

TEST_CASE("ui: a page's query string (GRADFLOW_DEMO natively) sets network, focus, view and panels", "[ui]")
{
    gf::ui::App app;
    const gf::embed::PageState page = gf::embed::parse_page_url(
        "preset=xor&focus=w_211&view=gradients&contrast=high&t=2&autoplay=0&panels=inspector", "");
    REQUIRE(page.problems.empty());
    app.apply_page(page);
    const gf::Session& s = app.session();
    CHECK(s.preset() == "xor");
    CHECK(s.focus().name == "w_211");
    CHECK(app.view_mode() == gf::embed::View::gradients);
    CHECK(app.palette() == gf::view::Palette::high_contrast);
    CHECK(s.time() == 2.0);
    CHECK_FALSE(s.playing());
    CHECK(app.inspector_open());
    CHECK_FALSE(app.side_panel_open());
}

TEST_CASE("ui: the Config JSON box holds the network shown when it is opened, not the start-up one", "[ui]")
{
    // A link's preset replaces the start-up network after the App is made; Apply on the box as
    // first shown must not bring the start-up (seed) network back.
    gf::test::Headless h(1280, 800);
    gf::ui::App app;
    app.apply_page(gf::embed::parse_page_url("preset=xor&autoplay=0", ""));
    REQUIRE(app.session().preset() == "xor");
    const gf::Network xor_net = app.session().config().net;
    h.frame(app);
    h.click(app, gf::test::button(app.layout_report(), "Config JSON"));
    h.frame(app);
    h.click(app, gf::test::button(app.layout_report(), "Apply"));
    h.frame(app);
    CHECK(app.session().config().net == xor_net);
    CHECK(app.session().config().net.sizes == std::vector<int>{2, 2, 1});
    CHECK(app.layout_report().message == "The config applied.");
}

TEST_CASE("ui: a click where node_positions() puts a weight focuses that weight", "[ui]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    CHECK(app.node_positions().empty()); // nothing laid out before the first frame
    app.session().pause();
    hl.frame(app);
    const auto positions = app.node_positions();
    const gf::view::Rect canvas = app.canvas_rect();
    gf::view::Vec2 w212{-1, -1};
    int nodes = 0;
    for (const auto& [name, p] : positions) {
        INFO(name << " at " << p.x << ", " << p.y);
        CHECK(p.x >= canvas.min.x);
        CHECK(p.x <= canvas.max.x);
        CHECK(p.y >= canvas.min.y);
        CHECK(p.y <= canvas.max.y);
        if (name == "w_212") w212 = p;
        nodes += name.rfind("w_", 0) != 0;
    }
    CHECK(nodes >= 4 + 4 + 2 + 1); // x, the hidden layer, ŷ and L at least
    REQUIRE(w212.x >= 0);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(w212.x, w212.y);
    hl.frame(app);
    io.MouseDown[0] = true;
    hl.frame(app);
    io.MouseDown[0] = false;
    hl.frame(app);
    CHECK(app.session().focus().name == "w_212");
}

TEST_CASE("ui: theme=light from the page, auto following the system, and the style it sets", "[ui]")
{
    Headless hl(1280, 800);
    gf::ui::App app;
    CHECK(app.theme_choice() == gf::embed::ThemeChoice::follow_system);
    CHECK(app.theme() == gf::view::Theme::dark); // natively the system counts as dark
    hl.frame(app);
    const float dark_bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x;

    app.set_system_dark(false); // auto follows
    CHECK(app.theme() == gf::view::Theme::light);
    hl.frame(app);
    const float light_bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x;
    CHECK(light_bg > 0.8f);
    CHECK(dark_bg < 0.2f);
    CHECK(app.clear_color().r > 0.8f);

    app.apply_page(gf::embed::parse_page_url("theme=dark", ""));
    CHECK(app.theme() == gf::view::Theme::dark); // a chosen theme wins over the system
    CHECK(app.clear_color().r < 0.2f);
    app.set_theme_choice(gf::embed::ThemeChoice::light);
    app.set_system_dark(true);
    CHECK(app.theme() == gf::view::Theme::light);
}
