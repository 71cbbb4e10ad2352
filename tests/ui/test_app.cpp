// The App without a window: a real ImGui context and font atlas, no platform backend and no GL
// (no glow renderer is installed, so glow::draw is a no-op), frames driven by a fake clock.
#include "ui/app.hpp"
#include "ui/fonts.hpp"
#include "ui/state.hpp"

#include "imgui.h"

#include <catch2/catch.hpp>

#include <string>

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// One ImGui context sized like a window, with the embedded font built into the atlas.
struct Headless {
    ImGuiContext* ctx = nullptr;
    float w, h;
    double now = 0.0;

    Headless(float width, float height) : w(width), h(height) {
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

    // One frame; returns the draw data's total vertex count.
    int frame(gf::ui::App& app, double dt = 1.0 / 60.0) {
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
};

const char* kLinear = R"({
  "layers": [1, 1], "activations": ["linear"], "loss": "mse",
  "W": [[[1.0]]], "b": [[0.0]], "x": [1], "y": [3], "learning_rate": 1e30
})";

} // namespace

TEST_CASE("ui: headless frames draw at 640x400 and 1280x800", "[ui]") {
    for (auto [w, h] : {std::pair{640.0f, 400.0f}, std::pair{1280.0f, 800.0f}}) {
        Headless hl(w, h);
        gf::ui::App app;
        int verts = 0;
        for (int i = 0; i < 10; ++i) verts = hl.frame(app);
        CHECK(verts > 1000);
        // Mid-animation, focused, each view mode.
        REQUIRE(app.focus("w_212").empty());
        app.seek(2.0);
        for (int m = 0; m < 3; ++m) {
            app.state().view.mode = gf::ui::ViewMode(m);
            CHECK(hl.frame(app) > 1000);
        }
        // The panels never overlap: the canvas lies between the side panels.
        const auto& v = app.state().view;
        CHECK(v.canvas_max.x - v.canvas_min.x > 100.0f);
        CHECK(v.canvas_max.y - v.canvas_min.y > 100.0f);
        CHECK(v.canvas_max.x <= w);
    }
}

TEST_CASE("ui: the wide preset fits 16-bit indices in every view, small and large", "[ui]") {
    for (auto [w, h] : {std::pair{640.0f, 400.0f}, std::pair{1280.0f, 800.0f}, std::pair{1920.0f, 1080.0f}}) {
        Headless hl(w, h);
        gf::ui::App app;
        REQUIRE(app.load_preset("wide").empty());
        REQUIRE(app.focus("w_{2,1,1}").empty());
        app.pause();
        // Forward pulses, backward pulses, the walk, the update: each with every mode.
        for (double t : {2.0, app.duration() * 0.45, app.duration() * 0.8, app.duration() - 0.5}) {
            app.seek(t);
            for (int m = 0; m < 3; ++m) {
                app.state().view.mode = gf::ui::ViewMode(m);
                CHECK(hl.frame(app) > 1000);   // frame() checks each list stays under 65 536 vertices
            }
        }
    }
}

TEST_CASE("ui: structure edits and activation changes go through validation", "[ui]") {
    Headless hl(1280, 800);
    gf::ui::App app;
    gf::ui::State& s = app.state();
    // Softmax with cross-entropy is fine; relu with cross-entropy is refused and the net kept.
    gf::Config c = s.model.config;
    c.net.loss = gf::Loss::cross_entropy;
    CHECK(gf::ui::apply_config_edit(s, c).empty());
    c = s.model.config;
    c.net.act.back() = gf::Activation::relu;
    CHECK_FALSE(gf::ui::apply_config_edit(s, c).empty());
    CHECK(s.model.config.net.act.back() == gf::Activation::softmax);
    hl.frame(app);
}

TEST_CASE("ui: focusing w_212 on the seed gives two paths summing to the gradient", "[ui]") {
    gf::ui::App app;
    REQUIRE(app.load_preset("seed").empty());
    REQUIRE(app.focus("w_212").empty());
    const gf::ui::State& s = app.state();
    REQUIRE(s.focus.active);
    CHECK(s.focus.name == "w_212");
    REQUIRE(s.focus.deriv.paths.paths.size() == 2);
    CHECK(s.focus.deriv.paths.count == 2.0);
    CHECK_THAT(s.focus.deriv.paths.listed_sum, WithinRel(-0.137723376450254, 1e-9));
    // The notes' shortcut gives half.
    CHECK_THAT(s.focus.deriv.diagonal_only_sum, WithinRel(-0.137723376450254 / 2, 1e-9));
    // The timeline walks both paths.
    CHECK(s.anim.timeline.walk.size() == 2);
    CHECK_THAT(s.anim.timeline.walk_sum, WithinRel(-0.137723376450254, 1e-9));
    CHECK(s.focus.latex.find("w_{212}") != std::string::npos);
    CHECK(s.focus.markdown.find("w_212") != std::string::npos);
    // Names the notes never use are refused with a message, the focus stays.
    CHECK_FALSE(app.focus("w_999").empty());
    CHECK(s.focus.name == "w_212");
    CHECK(app.focus("").empty());
    CHECK_FALSE(s.focus.active);
}

TEST_CASE("ui: an invalid config is refused and the previous network kept", "[ui]") {
    gf::ui::App app;
    const std::string before = app.config_json();
    const std::string err = app.set_config(R"({"layers": [2, 2], "activations": ["relu"], "loss": "cross_entropy",
                                               "x": [1, 2], "y": [0, 1]})");
    CHECK_FALSE(err.empty());
    CHECK(app.config_json() == before);
    CHECK_FALSE(app.set_config("{not json").empty());
    CHECK(app.config_json() == before);
    // The same refusal through an edit of the shown network.
    gf::Network net = app.state().model.config.net;
    net.loss = gf::Loss::cross_entropy;
    net.act.back() = gf::Activation::relu;
    CHECK_FALSE(gf::ui::apply_network_edit(app.state(), net).empty());
    CHECK(app.config_json() == before);
    // A good one is taken, and eval_json describes it.
    CHECK(app.set_config(kLinear).empty());
    CHECK(app.eval_json().find("\"loss\"") != std::string::npos);
}

TEST_CASE("ui: training with a huge learning rate reports divergence; restore brings the network back", "[ui]") {
    gf::ui::App app;
    REQUIRE(app.set_config(kLinear).empty());
    const gf::Network before = app.state().model.config.net;
    const std::string err = app.train(50);
    CHECK_FALSE(err.empty());
    CHECK(app.state().train.diverged);
    CHECK_FALSE(app.state().train.message.empty());
    // Whatever training left is finite (the core refuses the step that would not be).
    CHECK(gf::validate_network(app.state().model.config.net).empty());
    CHECK(app.restore());
    CHECK(app.state().model.config.net == before);
    CHECK_FALSE(app.state().train.diverged);
    // And the UI still draws.
    Headless hl(1280, 800);
    CHECK(hl.frame(app) > 0);
}

TEST_CASE("ui: an SGD step lowers the seed's loss", "[ui]") {
    gf::ui::App app;
    REQUIRE(app.load_preset("seed").empty());
    const double l0 = app.state().model.trace.loss;
    CHECK_THAT(l0, WithinRel(0.090369361708271, 1e-9));
    CHECK(app.sgd_step().empty());
    CHECK(app.state().model.trace.loss < l0);
}

TEST_CASE("ui: the transport is driven by the frame clock only", "[ui]") {
    Headless hl(1280, 800);
    gf::ui::App app;
    app.pause();
    app.seek(1.25);
    hl.frame(app, 0.5);
    CHECK(app.time() == 1.25);   // paused: the clock moves, t does not
    app.play();
    hl.frame(app, 0.1);
    hl.frame(app, 0.1);
    CHECK_THAT(app.time(), WithinAbs(1.45, 1e-9));
    app.step_next();
    CHECK(app.time() > 1.45);
    CHECK(app.duration() > app.time());
}

TEST_CASE("ui: the animated Step plays the update and then applies it", "[ui]") {
    Headless hl(1280, 800);
    gf::ui::App app;
    gf::ui::State& s = app.state();
    const double l0 = s.model.trace.loss;
    gf::ui::start_step_animation(s);
    REQUIRE(s.anim.pending_step);
    CHECK(app.time() == s.anim.timeline.update_start);
    for (int i = 0; i < 40 && s.anim.pending_step; ++i) hl.frame(app, 0.1);
    CHECK_FALSE(s.anim.pending_step);
    CHECK(s.model.trace.loss < l0);
    CHECK(s.train.history.size() == 1);
}
