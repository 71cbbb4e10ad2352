// CPU time to build one frame's draw data (App::frame + ImGui::Render) headless: a real ImGui
// context and font atlas, no backend and no GL. Seed net and the 8 × 32 "wide" net, mid-forward
// with a weight focused, at 1280 × 720. The web figure comes from tests/browser/perf.test.mjs.
#include "ui/app.hpp"
#include "ui/fonts.hpp"

#include "session/session.hpp"

#include "imgui.h"

#include <benchmark/benchmark.h>

#include <string>

namespace {

void BM_ui_frame(benchmark::State& state)
{
    const bool wide = state.range(0) == 1;
    state.SetLabel(wide ? "wide 8x32, focus w_211" : "seed 4-4-2, focus w_212");
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 720);
    io.DeltaTime = 1.0f / 60.0f;
    gf::ui::load_fonts(1.0f);
    unsigned char* px = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &tw, &th);
    {
        gf::ui::App app;
        app.session().load_preset(wide ? "wide" : "seed");
        app.session().set_focus(wide ? "w_211" : "w_212");
        app.session().seek(wide ? 2.0 : 1.0);
        app.session().pause();
        double now = 0.0;
        int vertices = 0;
        for (auto _ : state) {
            now += 1.0 / 60.0;
            ImGui::NewFrame();
            app.frame(gf::ui::FrameInput{now, 1280, 720, 1.0f});
            ImGui::Render();
            vertices = ImGui::GetDrawData()->TotalVtxCount;
        }
        state.counters["vertices"] = vertices;
    }
    ImGui::DestroyContext(ctx);
}
BENCHMARK(BM_ui_frame)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
