// TEMPORARY stand-in for the real UI (being written elsewhere): one window that proves the
// platform plumbing — the embedded font's glyphs, the clock, and the glow pass. Replace freely.
#include "ui/app.hpp"

#include "ui/fonts.hpp"
#include "ui/glow.hpp"

#include "imgui.h"

#include <cmath>

namespace gf::ui {

struct App::State {
    bool quit = false;
};

App::App() : s_(std::make_unique<State>()) {}
App::~App() = default;
App::State& App::state() { return *s_; }
bool App::wants_quit() const { return s_->quit; }

void App::frame(const FrameInput& in)
{
    ImGui::SetNextWindowPos(ImVec2(40, 40), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(560, 360), ImGuiCond_FirstUseEver);
    ImGui::Begin("gradflow");
    ImGui::TextUnformatted("ŷ = σ(Σ w·h + b)      ∂L/∂w₂₁₂ ≈ −0.0431");
    ImGui::TextUnformatted("δ → ∂L/∂a²₁ · f′(a₁)   ∑ paths = ∇L   αβγ ΔΘΛ x⁽ⁱ⁾");
    ImGui::Text("t = %.2f s   %.0f×%.0f logical px, scale %.2f   font: %s   glow: %s", in.now_s,
                double(in.display_w), double(in.display_h), double(in.dpi_scale),
                fonts().embedded ? "DejaVu Sans" : "built-in (fallback)", glow::enabled() ? "on" : "off");
    if (ImGui::Button("Quit")) s_->quit = true;

    // An edge with three pulses travelling along it: circles always, glow on top when available.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 a(p0.x + 40, p0.y + 110), b(p0.x + 480, p0.y + 60);
    dl->AddLine(a, b, IM_COL32(110, 130, 160, 255), 2.0f);
    dl->AddCircleFilled(a, 18, IM_COL32(60, 80, 110, 255));
    dl->AddCircleFilled(b, 18, IM_COL32(60, 80, 110, 255));
    glow::Dot dots[3];
    for (int i = 0; i < 3; ++i) {
        const float f = float(std::fmod(in.now_s * 0.35 + i / 3.0, 1.0));
        const ImVec2 c(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
        const ImU32 col = i == 1 ? IM_COL32(90, 200, 255, 255) : IM_COL32(255, 190, 70, 255);
        dl->AddCircleFilled(c, 4.0f, col);
        dots[i] = glow::Dot{c, 22.0f, col};
    }
    glow::draw(dl, dots);
    ImGui::End();
}

} // namespace gf::ui
