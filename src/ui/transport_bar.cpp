// The transport bar: play/pause, step by event, a scrubbable timeline with a tick per phase,
// speed and loop. It moves the play head only through the Session's transport operations.
#include "ui/state.hpp"

#include "ui/glow.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <string>

namespace gf::ui {

void draw_transport(State& s)
{
    Session& m = s.session;
    const anim::Transport& tr = m.transport();
    const anim::Timeline& tl = m.timeline();
    const float bw = ImGui::GetFrameHeight() * 1.25f;

    if (ImGui::Button("⇤", ImVec2(bw, 0))) m.home();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("To the start (Home)");
    ImGui::SameLine();
    if (ImGui::Button("◀", ImVec2(bw, 0))) m.step_prev();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous event (←)");
    ImGui::SameLine();
    if (ImGui::Button(tr.playing ? "‖ Pause" : "▶ Play",
                      ImVec2(ImGui::CalcTextSize("‖ Pause").x + ImGui::GetStyle().FramePadding.x * 2 + 4, 0)))
        m.toggle_play();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
    ImGui::SameLine();
    if (ImGui::Button("▶|", ImVec2(bw, 0))) m.step_next();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next event (→)");
    ImGui::SameLine();
    if (ImGui::Button("⇥", ImVec2(bw, 0))) m.end();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("To the end (End)");
    ImGui::SameLine();

    // The timeline slider, with a tick at every phase so the story's structure is visible.
    const std::string label = fmt(tr.t, 3) + " / " + fmt(tl.duration, 3) + " s";
    ImGui::SetNextItemWidth(-1);
    double t = tr.t;
    const double lo = 0.0, hi = std::max(tl.duration, 1e-6);
    if (ImGui::SliderScalar("##t", ImGuiDataType_Double, &t, &lo, &hi, label.c_str())) m.seek(t);
    {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        const float grab = ImGui::GetStyle().GrabMinSize, pad = ImGui::GetStyle().FramePadding.x;
        const float x0 = a.x + pad + grab * 0.5f, x1 = b.x - pad - grab * 0.5f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const view::ThemeColors& ink = view::theme_colors(resolve_theme(s.settings.theme, s.settings.system_dark));
        const ImU32 ink_walk = to_imu32(ink.tick_walk), ink_tick = to_imu32(ink.tick);
        for (int ev : tl.major_events) {
            const double at = tl.events[std::size_t(ev)].start / hi;
            const float x = x0 + float(at) * (x1 - x0);
            const bool walk = tl.events[std::size_t(ev)].section == anim::Section::walk;
            dl->AddLine(ImVec2(x, b.y - 5), ImVec2(x, b.y - 1), walk ? ink_walk : ink_tick, 1.0f);
        }
    }

    // Second row: what is happening, speed, loop, display options.
    const std::string_view phase = anim::phase_at(tl, tr.t);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", phase.empty() ? "start" : std::string(phase).c_str());
    ImGui::SameLine();
    static const double speeds[] = {0.25, 0.5, 1.0, 2.0, 4.0};
    const float right = ImGui::GetFontSize() * 25.0f; // speed, loop, contrast, theme, glow
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX() + 8, ImGui::GetWindowContentRegionMax().x - right));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4.2f);
    const std::string sp = fmt(tr.speed, 3) + "×";
    if (ImGui::BeginCombo("speed", sp.c_str())) {
        for (double v : speeds)
            if (ImGui::Selectable((fmt(v, 3) + "×").c_str(), v == tr.speed)) m.set_speed(v);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    bool loop = tr.loop;
    if (ImGui::Checkbox("loop", &loop)) m.set_loop(loop);
    ImGui::SameLine();
    bool hc = s.settings.palette == view::Palette::high_contrast;
    if (ImGui::Checkbox("contrast", &hc))
        s.settings.palette = hc ? view::Palette::high_contrast : view::Palette::standard;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("High-contrast colours and thicker lines");
    ImGui::SameLine();
    static const char* themes[] = {"auto", "dark", "light"}; // ThemeChoice's order
    int theme = int(s.settings.theme);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("light").x + ImGui::GetFrameHeight() * 1.4f);
    if (ImGui::Combo("##theme", &theme, themes, 3)) s.settings.theme = embed::ThemeChoice(theme);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Light or dark colours (auto follows your system)");
    if (glow::enabled()) {
        ImGui::SameLine();
        ImGui::Checkbox("glow", &s.settings.glow);
    }
}

} // namespace gf::ui
