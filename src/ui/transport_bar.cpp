// The transport bar: play/pause, step by event, a scrubbable timeline with a tick per phase,
// speed and loop. It moves the play head only through the Session's transport operations.
#include "ui/state.hpp"

#include "ui/glow.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <string>

namespace gf::ui {

namespace {

// Speed, loop, contrast, theme and glow, on one line; their width, measured, so the row can be placed
// flush right without cutting "glow" off (a guessed 20 em did at ≤ 760 px).
float options_width()
{
    const ImGuiStyle& st = ImGui::GetStyle();
    auto check_w = [&](const char* label) {
        return ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
    };
    float w = ImGui::GetFontSize() * 4.2f + st.ItemInnerSpacing.x + ImGui::CalcTextSize("speed").x;
    w += st.ItemSpacing.x + check_w("loop") + st.ItemSpacing.x + check_w("contrast");
    w += st.ItemSpacing.x + ImGui::CalcTextSize("light").x + ImGui::GetFrameHeight() * 1.4f; // theme
    if (glow::enabled()) w += st.ItemSpacing.x + check_w("glow");
    return w;
}

} // namespace

void draw_transport_options(State& s)
{
    Session& m = s.session;
    const anim::Transport& tr = m.transport();
    static const double speeds[] = {0.25, 0.5, 1.0, 2.0, 4.0};
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
    note_widget(s, "contrast");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("High-contrast colours and thicker lines");
    ImGui::SameLine();
    static const char* themes[] = {"auto", "dark", "light"}; // ThemeChoice's order
    int theme = int(s.settings.theme);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("light").x + ImGui::GetFrameHeight() * 1.4f);
    if (ImGui::Combo("##theme", &theme, themes, 3)) s.settings.theme = embed::ThemeChoice(theme);
    note_widget(s, "theme");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Light or dark colours (auto follows your system)");
    if (glow::enabled()) {
        ImGui::SameLine();
        ImGui::Checkbox("glow", &s.settings.glow);
        note_widget(s, "glow");
    }
}

void draw_transport(State& s)
{
    Session& m = s.session;
    const anim::Transport& tr = m.transport();
    const anim::Timeline& tl = m.timeline();
    const bool compact = s.panels.compact;
    // On a phone every button is a touch target (kTouchTarget square at least).
    const float bh = compact ? std::max(ImGui::GetFrameHeight(), kTouchTarget) : 0.0f;
    const float bw = compact ? bh : ImGui::GetFrameHeight() * 1.25f;

    if (ImGui::Button("⇤", ImVec2(bw, bh))) m.home();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("To the start (Home)");
    ImGui::SameLine();
    if (ImGui::Button("◀", ImVec2(bw, bh))) m.step_prev();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous event (←)");
    ImGui::SameLine();
    if (ImGui::Button(tr.playing ? "‖ Pause" : "▶ Play",
                      ImVec2(ImGui::CalcTextSize("‖ Pause").x + ImGui::GetStyle().FramePadding.x * 2 + 4, bh)))
        m.toggle_play();
    note_widget(s, "Play");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
    ImGui::SameLine();
    if (ImGui::Button("▶|", ImVec2(bw, bh))) m.step_next();
    note_widget(s, "Next");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next event (→)");
    ImGui::SameLine();
    if (ImGui::Button("⇥", ImVec2(bw, bh))) m.end();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("To the end (End)");
    ImGui::SameLine();

    // The time as text beside the slider, not on it, where the handle would cover it.
    const std::string when = fmt(tr.t, 3) + " / " + fmt(tl.duration, 3) + " s";
    if (compact) {
        // The phone's first row: the buttons, then the time, as much of it as fits (the canvas
        // names the phase); the timeline gets a row of its own.
        const float room = ImGui::GetContentRegionAvail().x;
        const std::string now = fmt(tr.t, 3) + " s";
        const char* text = ImGui::CalcTextSize(when.c_str()).x <= room ? when.c_str() : now.c_str();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (bh - ImGui::GetTextLineHeight()) * 0.5f);
        if (ImGui::CalcTextSize(text).x <= room) {
            ImGui::TextDisabled("%s", text);
            note_widget(s, "Time");
        } else {
            ImGui::NewLine();
        }
    } else {
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", when.c_str());
        note_widget(s, "Time");
        ImGui::SameLine();
    }

    // The timeline slider, with a tick at every phase so the story's structure is visible.
    ImGui::SetNextItemWidth(-1);
    double t = tr.t;
    const double lo = 0.0, hi = std::max(tl.duration, 1e-6);
    if (compact)
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                            ImVec2(ImGui::GetStyle().FramePadding.x, (bh - ImGui::GetFontSize()) * 0.5f));
    if (ImGui::SliderScalar("##t", ImGuiDataType_Double, &t, &lo, &hi, "")) m.seek(t);
    if (compact) ImGui::PopStyleVar();
    note_widget(s, "Timeline");
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
    if (compact) return; // speed, loop, contrast and glow are in the sheet's Controls

    // Second row: what is happening, then speed, loop, display options flush right.
    const std::string_view phase = anim::phase_at(tl, tr.t);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", phase.empty() ? "start" : std::string(phase).c_str());
    ImGui::SameLine();
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX() + 8, ImGui::GetWindowContentRegionMax().x - options_width()));
    draw_transport_options(s);
}

} // namespace gf::ui
