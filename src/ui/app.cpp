// [SECTION] App: construction and the public operations
// [SECTION] The clock, keyboard and pending steps
// [SECTION] Panel layout
// [SECTION] frame()
//
// The App: the Session (the model) and the UI's own parts (ui/state.hpp), the accessors the page's
// bridge and the tests use, and the frame function that hands the clock the platform read to the
// Session and lays out the four panels (editor | canvas | inspector, transport below).
#include "ui/app.hpp"

#include "ui/state.hpp"

#include "anim/transport.hpp"
#include "core/names.hpp"
#include "core/report.hpp"

#include <algorithm>

namespace gf::ui {

// -----------------------------------------------------------------------------------------------
// [SECTION] App: construction and the public operations
// -----------------------------------------------------------------------------------------------

App::App() : s_(std::make_unique<State>())
{
    State& s = *s_;
    s.edit.json = config_to_json(s.session.config());
    s.session.play(); // the story starts on its own
}

App::~App() = default;
bool App::wants_quit() const { return s_->quit; }
Session& App::session() { return s_->session; }
const Session& App::session() const { return s_->session; }

std::string App::set_config(std::string_view json)
{
    try {
        return load_config(parse_config(json));
    } catch (const ConfigError& e) {
        return e.what();
    }
}

std::string App::load_config(Config c)
{
    // A config that names a preset (as the page's links do) keeps the preset's name in the combo.
    std::string name;
    for (const PresetInfo& p : presets())
        if (p.name == c.name) name = c.name;
    return s_->session.load(std::move(c), std::move(name));
}

std::string App::config_json() const { return config_to_json(s_->session.config()); }
std::string App::eval_json() const
{
    const Session& m = s_->session;
    return gf::eval_json(m.config(), m.trace(), m.next_step());
}

embed::View App::view_mode() const { return s_->settings.mode; }
void App::set_view_mode(embed::View mode) { s_->settings.mode = mode; }
view::Palette App::palette() const { return s_->settings.palette; }
void App::set_palette(view::Palette p) { s_->settings.palette = p; }
bool App::side_panel_open() const { return s_->panels.side_open; }
bool App::inspector_open() const { return s_->panels.inspector_open; }
void App::set_panels(bool side, bool inspector)
{
    s_->panels.side_open = side;
    s_->panels.inspector_open = inspector;
}
void App::show_message(std::string text, bool is_error)
{
    s_->edit.message = std::move(text);
    s_->edit.message_is_error = is_error;
}
void App::set_share_provider(std::function<std::string(bool)> provider) { s_->share.provider = std::move(provider); }
void App::set_files(FileStore* files) { s_->files = files; }

void App::apply_page(const embed::PageState& page)
{
    Session& m = s_->session;
    if (page.from_fragment || page.preset != embed::kDefaultPreset) {
        const std::string err = m.load(page.config, page.preset);
        (void)err; // cannot fail: parse_page_url validated it
    }
    if (page.focus) (void)m.set_focus(page.focus_name);
    s_->settings.mode = page.view;
    s_->settings.palette = page.high_contrast ? view::Palette::high_contrast : view::Palette::standard;
    m.set_speed(page.speed);
    if (page.t) m.seek(*page.t);
    if (page.autoplay) *page.autoplay ? m.play() : m.pause();
    if (page.reduced_motion) m.set_reduced_motion(*page.reduced_motion);
    // Embedded: the network alone unless ?panels= asks for more.
    const bool want_default = !page.panels && !page.embed;
    auto wants = [&](std::initializer_list<std::string_view> names) {
        if (want_default) return true;
        if (!page.panels) return false;
        for (const auto& p : *page.panels)
            for (auto n : names)
                if (p == n) return true;
        return false;
    };
    set_panels(wants({"config", "controls"}), wants({"inspector", "derivation"}));
}

view::Rect App::canvas_rect() const
{
    const Canvas& c = s_->canvas;
    return view::Rect{{c.min.x, c.min.y}, {c.max.x, c.max.y}};
}

namespace {

// A point on edge e that a click selects. The middle is where mirror-image edges cross
// (h_12→a_21 and h_11→a_22), so points around it are tried, and the first the canvas's own
// hit test (the one a click goes through) gives to e also 2 px above and below is taken.
view::Vec2 click_point(const view::Layout& lay, const view::ViewTransform& xf, int e)
{
    auto selects = [&](view::Vec2 p) {
        const view::Hit h = view::hit_test(lay, xf, p, 5.0f);
        return h.kind == view::Hit::Kind::edge && h.index == e;
    };
    for (float f : {0.35f, 0.65f, 0.3f, 0.7f, 0.4f, 0.6f, 0.25f, 0.75f}) {
        const view::Vec2 p = xf.to_screen(view::point_at(lay, e, f));
        if (selects(p) && selects(p + view::Vec2{0, 2}) && selects(p - view::Vec2{0, 2})) return p;
    }
    return xf.to_screen(view::point_at(lay, e, 0.5f));
}

} // namespace

std::vector<std::pair<std::string, view::Vec2>> App::node_positions() const
{
    // Layout world units are canvas-local pixels; the canvas sits at its min corner on screen
    // under the user's pan/zoom.
    const Canvas& c = s_->canvas;
    const view::Layout& lay = c.layout;
    const Network& net = s_->session.config().net;
    view::ViewTransform xf = c.user;
    xf.offset = xf.offset + view::Vec2{c.min.x, c.min.y};
    std::vector<std::pair<std::string, view::Vec2>> out;
    if (lay.edges.size() != s_->session.timeline().graph.edges.size()) return out; // not laid out yet
    for (std::size_t i = 0; i < lay.nodes.size(); ++i)
        out.emplace_back(node_name(net, lay.graph.node_ref(int(i)), NameStyle::ascii), xf.to_screen(lay.nodes[i]));
    for (std::size_t e = 0; e < lay.edges.size(); ++e)
        if (lay.graph.edges[e].role == anim::EdgeRole::weight)
            out.emplace_back(node_name(net, lay.graph.edge_ref(int(e)), NameStyle::ascii),
                             click_point(lay, xf, int(e)));
    return out;
}

std::vector<std::pair<std::string, view::Rect>> App::widget_positions() const { return s_->widgets; }

// -----------------------------------------------------------------------------------------------
// [SECTION] The clock, keyboard and pending steps
// -----------------------------------------------------------------------------------------------

namespace {

void advance_clock(State& s, double now_s)
{
    // A hidden tab or a stall must not make the story jump: at most anim::kMaxFrameStep per frame.
    const double dt = s.last_now < 0 ? 0.0 : std::clamp(now_s - s.last_now, 0.0, anim::kMaxFrameStep);
    s.last_now = now_s;
    s.session.advance(dt);
}

// A key is handled once: by the text field being edited, else by the panels when the person
// entered keyboard navigation deliberately (Tab; Escape or a click leaves it), else by the
// timeline. Left on all the time, ImGui's navigation made Space also press whatever button was
// last clicked and the arrows walk the focus through the panels.
void handle_keys(State& s)
{
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), false)) s.keyboard_nav = true;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) || ImGui::IsMouseClicked(0) ||
        ImGui::IsMouseClicked(1))
        s.keyboard_nav = false;
    // Read by the next ImGui::NewFrame(), which maps keys to navigation.
    if (s.keyboard_nav)
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    else
        io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;

    if (io.WantTextInput || ImGui::IsAnyItemActive()) return;
    if (s.keyboard_nav && io.NavActive) return; // the panels have the keys
    Session& m = s.session;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) m.toggle_play();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) m.step_prev();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) m.step_next();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) m.home();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) m.end();
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
    const float side_w = s.panels.side_open ? (s.panels.narrow ? std::min(em * 18.0f, w * 0.45f)
                                                               : std::clamp(w * 0.22f, em * 17.0f, em * 22.0f))
                                            : 0.0f;
    const float insp_w = s.panels.inspector_open ? (s.panels.narrow ? std::min(em * 21.0f, w * 0.5f)
                                                                    : std::clamp(w * 0.27f, em * 19.0f, em * 27.0f))
                                                 : 0.0f;
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

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
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
            // From a file on this computer (gradflow-standalone.html) the link is file:///…, which no
            // one else can open: what travels is the part after the address, pasted into a hosted page.
            const std::string link = embed ? s.share.provider(false) : s.share.text;
            s.share.local = link.rfind("file:", 0) == 0;
            const std::size_t cut = std::min(link.find('?'), link.find('#'));
            s.share.suffix = s.share.local && cut != std::string::npos ? link.substr(cut) : std::string();
            ImGui::SetClipboardText((s.share.local && !s.share.suffix.empty() ? s.share.suffix : s.share.text).c_str());
            // Below the toolbar, so it covers neither its neighbour (Embed right after Share) nor
            // the Inspector button.
            s.share.popup_pos = ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + 4.0f);
            ImGui::OpenPopup("share_popup");
        }
        note_widget(s, embed ? "Embed" : "Share");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(embed
                                  ? "Copy an <iframe> snippet that embeds this network, focus and view in a course page"
                                  : "Copy a link that reopens exactly this network, focus, view and time");
    }
    const float popup_w = ImGui::GetFontSize() * 28.0f;
    ImGui::SetNextWindowPos(
        ImVec2(std::min(s.share.popup_pos.x, ImGui::GetIO().DisplaySize.x - popup_w - 16.0f), s.share.popup_pos.y));
    if (ImGui::BeginPopup("share_popup")) {
        ImGui::PushTextWrapPos(popup_w);
        const std::string& copied = s.share.local && !s.share.suffix.empty() ? s.share.suffix : s.share.text;
        if (s.share.local) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.78f, 0.35f, 1.0f));
            ImGui::TextWrapped("This page is a file on this computer (file://), so its link opens only here. "
                               "To share, open a hosted gradflow page and add this to the end of its address "
                               "(copied to the clipboard):");
            ImGui::PopStyleColor();
        } else {
            ImGui::TextUnformatted(s.share.embed ? "Embed snippet copied to the clipboard:"
                                                 : "Link copied to the clipboard:");
        }
        note_widget(s, s.share.local ? "share: file" : "share: copied");
        ImGui::TextDisabled("%s", copied.size() > 600 ? (copied.substr(0, 600) + "…").c_str() : copied.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Copy again")) ImGui::SetClipboardText(copied.c_str());
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
        return (short_labels ? button_w("Link") + button_w("</>") : button_w("Share") + button_w("Embed")) +
               st.ItemSpacing.x * 2;
    };
    const bool compact = avail < button_w("◀ Edit") + combo_pref + button_w("Fit") + share_w(false) +
                                     button_w("Inspector ▶") + st.ItemSpacing.x * 4;
    const char* edit = compact ? (s.panels.side_open ? "◀" : "▶") : (s.panels.side_open ? "◀ Edit" : "▶ Edit");
    const char* insp =
        compact ? (s.panels.inspector_open ? "▶" : "◀") : (s.panels.inspector_open ? "Inspector ▶" : "Inspector ◀");

    if (ImGui::Button(edit)) {
        s.panels.side_open = !s.panels.side_open;
        if (s.panels.narrow && s.panels.side_open) s.panels.inspector_open = false;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide presets, editing and training");
    ImGui::SameLine();
    const float rest =
        ImGui::GetContentRegionAvail().x - button_w("Fit") - share_w(compact) - button_w(insp) - st.ItemSpacing.x * 2;
    ImGui::SetNextItemWidth(std::clamp(rest, 60.0f, combo_pref));
    int mode = int(s.settings.mode);
    if (ImGui::Combo("##mode", &mode, modes, 3)) s.settings.mode = embed::View(mode);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("What edge colour (sign) and thickness (size) show");
    ImGui::SameLine();
    if (ImGui::Button("Fit")) s.canvas.user = view::ViewTransform{};
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Fit the network to the window (or double-click empty space).\nDrag empty space or use the "
                          "middle button to pan; the wheel zooms.");
    // On a phone-sized canvas the share buttons give way rather than overlap the panel toggle.
    const float room =
        ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - ImGui::GetItemRectMax().x; // right of "Fit"
    if (s.share.provider && room >= share_w(compact) + button_w(insp) + st.ItemSpacing.x) share_buttons(s, compact);
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - button_w(insp)));
    if (ImGui::Button(insp)) {
        s.panels.inspector_open = !s.panels.inspector_open;
        if (s.panels.narrow && s.panels.inspector_open) s.panels.side_open = false;
    }
    note_widget(s, "Inspector");
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
    st.Colors[ImGuiCol_PopupBg].w = 1.0f; // opaque: a popup over the inspector's text stays readable
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] frame()
// -----------------------------------------------------------------------------------------------

void App::frame(const FrameInput& in)
{
    State& s = *s_;
    s.widgets.clear();
    apply_style();
    advance_clock(s, in.now_s);
    handle_keys(s);

    const ImGuiIO& io = ImGui::GetIO();
    const float w = in.display_w > 0 ? in.display_w : io.DisplaySize.x;
    const float h = in.display_h > 0 ? in.display_h : io.DisplaySize.y;
    const PanelRects r = layout_panels(s, w, h);

    if (s.panels.side_open) {
        ImGui::SetNextWindowPos(r.side_pos);
        ImGui::SetNextWindowSize(r.side_size);
        if (ImGui::Begin("Network and training", nullptr, kPanelFlags)) draw_editor(s);
        ImGui::End();
    }

    ImGui::SetNextWindowPos(r.canvas_pos);
    ImGui::SetNextWindowSize(r.canvas_size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
    if (ImGui::Begin("Diagram", nullptr,
                     kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                         ImGuiWindowFlags_NoScrollWithMouse)) {
        canvas_toolbar(s);
        draw_canvas(s, in);
    }
    ImGui::End();
    ImGui::PopStyleVar();

    if (s.panels.inspector_open) {
        ImGui::SetNextWindowPos(r.insp_pos);
        ImGui::SetNextWindowSize(r.insp_size);
        if (ImGui::Begin("Inspector: the chain rule", nullptr, kPanelFlags)) draw_inspector(s);
        ImGui::End();
    }

    ImGui::SetNextWindowPos(r.bar_pos);
    ImGui::SetNextWindowSize(r.bar_size);
    if (ImGui::Begin("Transport", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
        draw_transport(s);
    ImGui::End();
}

} // namespace gf::ui
