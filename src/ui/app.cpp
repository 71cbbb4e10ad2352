// [SECTION] App: construction and the public operations
// [SECTION] The clock, keyboard and pending steps
// [SECTION] Panel layout
// [SECTION] frame()
//
// The App: one State (ui/state.hpp), the operations a JS bridge or a test can call, and the
// frame function that advances the play head by the clock the platform read, samples the
// timeline at t and lays out the four panels (editor | canvas | inspector, transport below).
#include "ui/app.hpp"

#include "ui/state.hpp"

#include "core/report.hpp"

#include <algorithm>
#include <cstdlib>

namespace gf::ui {

// -----------------------------------------------------------------------------------------------
// [SECTION] App: construction and the public operations
// -----------------------------------------------------------------------------------------------

App::App() : s_(std::make_unique<State>())
{
    State& s = *s_;
    apply_config(s, gf::preset("seed"), "seed");
    s.edit.json = config_to_json(s.model.config);
    s.anim.transport.playing = true;   // the story starts on its own
    // Dev and screenshot hook: GRADFLOW_DEMO="preset=wide;focus=w_212;t=3.5" (see apply_demo).
    if (const char* demo = std::getenv("GRADFLOW_DEMO"); demo && *demo) {
        if (std::string err = gf::ui::apply_demo(s, demo); !err.empty()) {
            s.edit.message = "GRADFLOW_DEMO: " + err;
            s.edit.message_is_error = true;
        }
    }
}

App::~App() = default;
App::State& App::state() { return *s_; }
const App::State& App::state() const { return *s_; }
bool App::wants_quit() const { return s_->quit; }

std::string App::set_config(std::string_view json)
{
    try {
        Config c = parse_config(json);
        // A config that names a preset (as the page's links do) keeps the preset's name in the combo.
        std::string name;
        for (const PresetInfo& p : presets())
            if (p.name == c.name) name = c.name;
        return gf::ui::apply_config(*s_, std::move(c), std::move(name));
    } catch (const ConfigError& e) {
        return e.what();
    }
}

std::string App::load_preset(std::string_view name)
{
    try {
        return gf::ui::apply_config(*s_, gf::preset(name), std::string(name));
    } catch (const ConfigError& e) {
        return e.what();
    }
}

std::string App::config_json() const { return config_to_json(s_->model.config); }
std::string App::eval_json() const { return gf::eval_json(s_->model.config); }
std::string App::focus(std::string_view name) { return set_focus(*s_, name); }
void App::set_share_provider(std::function<std::string(bool)> provider) { s_->share.provider = std::move(provider); }
void App::play() { if (!s_->anim.transport.playing) s_->anim.transport.toggle(s_->anim.timeline); }
void App::pause() { s_->anim.transport.playing = false; }
void App::toggle_play() { s_->anim.transport.toggle(s_->anim.timeline); }
void App::seek(double t_s) { s_->anim.transport.seek(s_->anim.timeline, t_s); }
void App::step_next() { s_->anim.transport.step_next(s_->anim.timeline); }
void App::step_prev() { s_->anim.transport.step_prev(s_->anim.timeline); }
double App::time() const { return s_->anim.transport.t; }
double App::duration() const { return s_->anim.timeline.duration; }
bool App::playing() const { return s_->anim.transport.playing; }
std::string App::phase() const { return std::string(anim::phase_at(s_->anim.timeline, s_->anim.transport.t)); }
std::string App::focused() const { return s_->focus.active ? s_->focus.name : std::string(); }
std::string App::sgd_step() { return commit_step(*s_); }
std::string App::train(int steps) { return train_now(*s_, steps); }
bool App::restore() { return restore_training(*s_); }
std::string App::apply_demo(std::string_view spec) { return gf::ui::apply_demo(*s_, spec); }

// -----------------------------------------------------------------------------------------------
// [SECTION] The clock, keyboard and pending steps
// -----------------------------------------------------------------------------------------------

namespace {

void advance_clock(State& s, double now_s)
{
    const double dt = s.anim.last_now < 0 ? 0.0 : std::clamp(now_s - s.anim.last_now, 0.0, anim::kMaxFrameStep);
    s.anim.last_now = now_s;
    anim::Transport& tr = s.anim.transport;
    tr.advance(s.anim.timeline, dt);

    // "Step": once the update section has played to its end, the step becomes the network.
    if (s.anim.pending_step) {
        const anim::Timeline& tl = s.anim.timeline;
        if (tr.t < tl.update_start) s.anim.pending_step = false;   // scrubbed back: cancelled
        else if (tr.t >= tl.duration) {
            commit_step(s);
            tr.t = s.anim.timeline.update_start;   // the new network, everything shown
            tr.playing = false;
        }
    }
}

void handle_keys(State& s)
{
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
    anim::Transport& tr = s.anim.transport;
    const anim::Timeline& tl = s.anim.timeline;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) tr.toggle(tl);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) tr.step_prev(tl);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) tr.step_next(tl);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) tr.home();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) tr.end(tl);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Panel layout
// -----------------------------------------------------------------------------------------------

struct PanelRects {
    ImVec2 side_pos, side_size, canvas_pos, canvas_size, insp_pos, insp_size, bar_pos, bar_size;
};

// Fixed panels that never overlap: the transport along the bottom, the editor on the left, the
// inspector on the right, the canvas in what is left. Below 1000 px only one side panel fits.
PanelRects layout_panels(State& s, float w, float h)
{
    const ImGuiStyle& st = ImGui::GetStyle();
    const float fh = ImGui::GetFrameHeight();
    s.panels.narrow = w < 1000.0f;
    if (s.panels.narrow && s.panels.side_open && s.panels.inspector_open) s.panels.side_open = false;

    const float em = ImGui::GetFontSize();
    const float side_w = s.panels.side_open ? (s.panels.narrow ? std::min(em * 18.0f, w * 0.45f) : std::clamp(w * 0.22f, em * 17.0f, em * 22.0f)) : 0.0f;
    const float insp_w = s.panels.inspector_open ? (s.panels.narrow ? std::min(em * 21.0f, w * 0.5f) : std::clamp(w * 0.27f, em * 19.0f, em * 27.0f)) : 0.0f;
    const float bar_h = fh * 2.0f + st.ItemSpacing.y + st.WindowPadding.y * 2.0f;
    const float top_h = std::max(h - bar_h, 40.0f);

    PanelRects r;
    r.side_pos = ImVec2(0, 0);
    r.side_size = ImVec2(side_w, top_h);
    r.insp_pos = ImVec2(w - insp_w, 0);
    r.insp_size = ImVec2(insp_w, top_h);
    r.canvas_pos = ImVec2(side_w, 0);
    r.canvas_size = ImVec2(std::max(w - side_w - insp_w, 40.0f), top_h);
    r.bar_pos = ImVec2(0, top_h);
    r.bar_size = ImVec2(w, h - top_h);
    return r;
}

constexpr ImGuiWindowFlags k_panel_flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                           ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                           ImGuiWindowFlags_NoBringToFrontOnFocus;

// "Share" copies a link that reopens this picture; "Embed" an <iframe> snippet for course pages.
// The text also shows in a popup, selectable, for browsers that refuse the clipboard.
void share_buttons(State& s, bool compact)
{
    for (bool embed : {false, true}) {
        ImGui::SameLine();
        const char* label = embed ? (compact ? "</>" : "Embed") : (compact ? "Link" : "Share");
        if (ImGui::Button(label)) {
            s.share.text = s.share.provider(embed);
            s.share.embed = embed;
            ImGui::SetClipboardText(s.share.text.c_str());
            ImGui::OpenPopup("share_popup");
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(embed ? "Copy an <iframe> snippet that embeds this network, focus and view in a course page"
                                    : "Copy a link that reopens exactly this network, focus, view and time");
    }
    if (ImGui::BeginPopup("share_popup")) {
        ImGui::TextUnformatted(s.share.embed ? "Embed snippet copied to the clipboard:" : "Link copied to the clipboard:");
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
        ImGui::TextDisabled("%s", s.share.text.size() > 600 ? (s.share.text.substr(0, 600) + "…").c_str() : s.share.text.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Copy again")) ImGui::SetClipboardText(s.share.text.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void canvas_toolbar(State& s)
{
    const ImGuiStyle& st = ImGui::GetStyle();
    auto button_w = [&](const char* label) { return ImGui::CalcTextSize(label).x + st.FramePadding.x * 2; };
    // In a narrow canvas the mode combo shrinks and the panel buttons lose their words.
    const float avail = ImGui::GetContentRegionAvail().x;
    static const char* modes[] = {"Weights w", "Contributions w·h", "Gradients ∂L/∂w"};
    const float combo_pref = ImGui::CalcTextSize(modes[1]).x + ImGui::GetFrameHeight() * 1.6f;
    // Width of the Share + Embed pair (0 where sharing is not offered), with short or long labels.
    auto share_w = [&](bool short_labels) {
        if (!s.share.provider) return 0.0f;
        return (short_labels ? button_w("Link") + button_w("</>") : button_w("Share") + button_w("Embed")) + st.ItemSpacing.x * 2;
    };
    const bool compact = avail < button_w("◀ Edit") + combo_pref + button_w("Fit") + share_w(false) + button_w("Inspector ▶") + st.ItemSpacing.x * 4;
    const char* edit = compact ? (s.panels.side_open ? "◀" : "▶") : (s.panels.side_open ? "◀ Edit" : "▶ Edit");
    const char* insp = compact ? (s.panels.inspector_open ? "▶" : "◀") : (s.panels.inspector_open ? "Inspector ▶" : "Inspector ◀");

    if (ImGui::Button(edit)) {
        s.panels.side_open = !s.panels.side_open;
        if (s.panels.narrow && s.panels.side_open) s.panels.inspector_open = false;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide presets, editing and training");
    ImGui::SameLine();
    const float rest = ImGui::GetContentRegionAvail().x - button_w("Fit") - share_w(compact) - button_w(insp) - st.ItemSpacing.x * 2;
    ImGui::SetNextItemWidth(std::clamp(rest, 60.0f, combo_pref));
    int mode = int(s.view.mode);
    if (ImGui::Combo("##mode", &mode, modes, 3)) s.view.mode = ViewMode(mode);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("What edge colour (sign) and thickness (size) show");
    ImGui::SameLine();
    if (ImGui::Button("Fit")) s.view.user = view::ViewTransform{};
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Fit the network to the window (or double-click empty space).\nDrag empty space or use the middle button to pan; the wheel zooms.");
    // On a phone-sized canvas the share buttons give way rather than overlap the panel toggle.
    const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetItemRectMax().x;  // right of "Fit"
    if (s.share.provider && room >= share_w(compact) + button_w(insp) + st.ItemSpacing.x) share_buttons(s, compact);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - button_w(insp)));
    if (ImGui::Button(insp)) {
        s.panels.inspector_open = !s.panels.inspector_open;
        if (s.panels.narrow && s.panels.inspector_open) s.panels.side_open = false;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide the inspector (the focused derivation)");
}

// Set every frame: cheap, and right for whichever ImGui context is current (tests make several).
void apply_style()
{
    ImGuiStyle& st = ImGui::GetStyle();
    st.WindowRounding = 0.0f;
    st.FrameRounding = 3.0f;
    st.GrabRounding = 3.0f;
    st.WindowBorderSize = 1.0f;
    st.ItemSpacing = ImVec2(6, 5);
    st.WindowPadding = ImVec2(8, 6);
    st.Colors[ImGuiCol_WindowBg] = ImVec4(0.075f, 0.085f, 0.11f, 1.0f);
    st.Colors[ImGuiCol_TitleBg] = ImVec4(0.10f, 0.12f, 0.16f, 1.0f);
    st.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.13f, 0.17f, 0.24f, 1.0f);
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] frame()
// -----------------------------------------------------------------------------------------------

void App::frame(const FrameInput& in)
{
    State& s = *s_;
    apply_style();
    s.panels.dpi_scale = in.dpi_scale;
    advance_clock(s, in.now_s);
    train_tick(s);
    handle_keys(s);
    anim::sample(s.anim.timeline, s.anim.transport.t, s.anim.frame);

    const ImGuiIO& io = ImGui::GetIO();
    float w = in.display_w > 0 ? in.display_w : io.DisplaySize.x;
    float h = in.display_h > 0 ? in.display_h : io.DisplaySize.y;
    if (s.panels.force_size.x > 0) {
        w = std::min(w, s.panels.force_size.x);
        h = std::min(h, s.panels.force_size.y);
    }
    const PanelRects r = layout_panels(s, w, h);

    if (s.panels.side_open) {
        ImGui::SetNextWindowPos(r.side_pos);
        ImGui::SetNextWindowSize(r.side_size);
        if (ImGui::Begin("Network and training", nullptr, k_panel_flags)) draw_editor(s);
        ImGui::End();
    }

    ImGui::SetNextWindowPos(r.canvas_pos);
    ImGui::SetNextWindowSize(r.canvas_size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
    if (ImGui::Begin("Diagram", nullptr, k_panel_flags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                                         ImGuiWindowFlags_NoScrollWithMouse)) {
        canvas_toolbar(s);
        draw_canvas(s, in);
    }
    ImGui::End();
    ImGui::PopStyleVar();

    if (s.panels.inspector_open) {
        ImGui::SetNextWindowPos(r.insp_pos);
        ImGui::SetNextWindowSize(r.insp_size);
        if (ImGui::Begin("Inspector: the chain rule", nullptr, k_panel_flags)) draw_inspector(s);
        ImGui::End();
    }

    ImGui::SetNextWindowPos(r.bar_pos);
    ImGui::SetNextWindowSize(r.bar_size);
    if (ImGui::Begin("Transport", nullptr, k_panel_flags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) draw_transport(s);
    ImGui::End();
}

} // namespace gf::ui
