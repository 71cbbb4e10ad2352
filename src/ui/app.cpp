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
#include "ui/theme.hpp"

#include "anim/transport.hpp"
#include "core/names.hpp"
#include "core/report.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gf::ui {

// -----------------------------------------------------------------------------------------------
// [SECTION] App: construction and the public operations
// -----------------------------------------------------------------------------------------------

App::App() : s_(std::make_unique<State>())
{
    s_->session.play(); // the story starts on its own
}

App::~App() = default;
bool App::wants_quit() const { return s_->quit; }
double App::next_wake_s() const
{
    if (s_->session.moving()) return 0.0;
    // ImGui 1.86 blinks the text cursor 0.8 s on, 0.4 s off: a frame every 0.2 s shows each change.
    if (ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput) return 0.2;
    return std::numeric_limits<double>::infinity();
}
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
embed::ThemeChoice App::theme_choice() const { return s_->settings.theme; }
void App::set_theme_choice(embed::ThemeChoice t) { s_->settings.theme = t; }
void App::set_system_dark(bool dark) { s_->settings.system_dark = dark; }
view::Theme App::theme() const { return resolve_theme(s_->settings.theme, s_->settings.system_dark); }
view::Rgba App::clear_color() const { return view::theme_colors(theme()).clear; }
void App::set_backdrops_by_platform(bool on) { s_->backdrops_by_platform = on; }
const std::vector<App::Backdrop>& App::backdrops() const { return s_->backdrops; }
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
void App::set_textures(Textures* textures)
{
    s_->textures = textures;
    s_->data.texture = nullptr; // made by the one before, or none: made again on the next frame
    s_->data.texture_of = ~0ull;
    s_->neuron_maps.atlas = s_->neuron_maps.big = nullptr;
    s_->neuron_maps.atlas_of = s_->neuron_maps.big_of = ~0ull;
}
bool App::discretize() const { return s_->settings.discretize; }
void App::set_discretize(bool on) { s_->settings.discretize = on; }
void App::set_csv_file_picker(std::function<void()> open) { s_->data.open_csv_file = std::move(open); }
void App::set_csv_drop(bool on) { s_->data.csv_drop = on; }
bool App::receive_csv_file(std::string_view name, std::string_view text, double size_bytes)
{
    if (size_bytes > double(kMaxCsvBytes)) {
        // The limit parse_csv states, said before a megabyte-sized file is read or parsed.
        show_message("The CSV file " + std::string(name) + " not loaded, it is " +
                         std::to_string((long long)size_bytes) + " bytes; the limit is " +
                         std::to_string(kMaxCsvBytes) + " bytes (1 MB) and " + std::to_string(kMaxDataPoints) +
                         " rows. The data you had stays.",
                     true);
        return false;
    }
    return load_csv_text(*s_, text, name.empty() ? "(unnamed)" : name);
}

void App::apply_page(const embed::PageState& page)
{
    Session& m = s_->session;
    // Cannot fail: parse_page_url validated a config from the link, and a named preset is valid as built.
    if (page.from_fragment)
        (void)m.load(page.config, page.preset);
    else if (page.preset != embed::kDefaultPreset)
        (void)m.load_preset(page.preset);
    if (page.focus) (void)m.set_focus(page.focus_name);
    s_->settings.mode = page.view;
    s_->settings.palette = page.high_contrast ? view::Palette::high_contrast : view::Palette::standard;
    s_->settings.discretize = page.discretize;
    s_->settings.theme = page.theme;
    m.set_speed(page.speed);
    if (page.t) m.seek(*page.t);
    if (page.autoplay) *page.autoplay ? m.play() : m.pause();
    if (page.reduced_motion) m.set_reduced_motion(*page.reduced_motion);
    if (page.train) (void)m.set_data_training(true); // without a dataset there is nothing to train
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
    if (page.working) set_working_text(*page.working); // opens its tab, and the inspector with it
}

view::Rect App::canvas_rect() const
{
    const Canvas& c = s_->canvas;
    return view::Rect{{c.min.x, c.min.y}, {c.max.x, c.max.y}};
}

namespace {

// A point on edge e that a click selects. The middle is where mirror-image edges cross
// (h_12→a_21 and h_11→a_22), so points around it are tried, and the first the canvas's own
// hit test (the one a click or tap goes through) gives to e also kMargin px above and below is
// taken. A finger lands a few pixels off, and on a phone the edges fanning out of one node run
// only a few pixels apart near it (a tap on w_131's old point chose w_141), so the margin is
// wide there; where no candidate has it, the one with the widest margin wins.
view::Vec2 click_point(const view::Layout& lay, const view::ViewTransform& xf, int e)
{
    auto selects = [&](view::Vec2 p) {
        const view::Hit h = view::hit_test(lay, xf, p, 5.0f);
        return h.kind == view::Hit::Kind::edge && h.index == e;
    };
    constexpr float kMargins[] = {4.0f, 3.0f, 2.0f, 1.0f};
    view::Vec2 best = xf.to_screen(view::point_at(lay, e, 0.5f));
    int best_rank = int(std::size(kMargins)); // index into kMargins of the margin reached; lower is wider
    for (float f : {0.5f, 0.35f, 0.65f, 0.3f, 0.7f, 0.4f, 0.6f, 0.25f, 0.75f, 0.45f, 0.55f}) {
        const view::Vec2 p = xf.to_screen(view::point_at(lay, e, f));
        if (!selects(p)) continue;
        for (int m = 0; m < best_rank; ++m) {
            const view::Vec2 d{0, kMargins[m]};
            if (selects(p + d) && selects(p - d) && selects(p + view::Vec2{kMargins[m], 0}) &&
                selects(p - view::Vec2{kMargins[m], 0})) {
                best = p;
                best_rank = m;
                break;
            }
        }
        if (best_rank == 0) break;
    }
    return best;
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

App::LayoutReport App::layout_report() const
{
    const State& s = *s_;
    const Canvas& c = s.canvas;
    LayoutReport r;
    r.canvas = canvas_rect();
    r.compact = s.panels.compact;
    static const char* const kSheets[] = {"none", "controls", "inspector", "working"};
    r.sheet = kSheets[s.panels.compact ? int(s.panels.sheet) : 0];
    r.sheet_rect = s.panels.sheet_rect;
    r.popup = s.share.popup_open ? (s.share.embed ? "embed" : "share") : "";
    const view::Layout& lay = c.layout;
    const Network& net = s.session.config().net;
    if (lay.edges.size() == s.session.timeline().graph.edges.size()) {
        view::ViewTransform xf = c.user;
        xf.offset = xf.offset + view::Vec2{c.min.x, c.min.y};
        const float rad = lay.radius * xf.scale;
        r.name_px = lay.label_px * xf.scale >= view::kLabelMinPx ? lay.label_px * xf.scale : 0.0f;
        for (std::size_t i = 0; i < lay.nodes.size(); ++i) {
            const view::Vec2 p = xf.to_screen(lay.nodes[i]);
            r.nodes.push_back({node_name(net, lay.graph.node_ref(int(i)), NameStyle::ascii), "node", "",
                               view::Rect{{p.x - rad, p.y - rad}, {p.x + rad, p.y + rad}}});
        }
    }
    for (const DrawnLabel& l : c.labels) r.labels.push_back({l.node, l.kind, l.text, l.box});
    r.buttons = s.widgets;
    for (const DrawnLabel& l : s.working.rows) r.working.push_back({l.node, l.kind, l.text, l.box});
    for (const DrawnLabel& l : s.working.hops) r.hops.push_back({l.node, l.kind, l.text, l.box});
    r.working_message = !s.working.error.empty() ? s.working.error : s.working.pending ? "Checking…" : "";
    r.plane = s.data.plane;
    r.plane_mode = s.data.plane_gradient ? "gradient" : "output";
    r.batch_line = s.data.batch_line;
    for (const DataUi::Point& p : s.data.points)
        r.points.push_back({"point " + std::to_string(p.index), p.kind, "",
                            view::Rect{{p.at.x - 3, p.at.y - 3}, {p.at.x + 3, p.at.y + 3}}});
    for (const DrawnLabel& l : s.neuron_maps.drawn) r.neuron_maps.push_back({l.node, l.kind, l.text, l.box});
    const DrawnLabel& v = s.neuron_maps.view;
    if (!v.node.empty()) r.neuron_view = DrawnBox{v.node, v.kind, v.text, v.box};
    r.message = s.edit.message;
    r.message_is_error = s.edit.message_is_error;
    return r;
}

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
    ImVec2 side_pos, side_size, canvas_pos, canvas_size, insp_pos, insp_size, bar_pos, bar_size, sheet_pos, sheet_size;
};

// Fixed panels that never overlap: the transport along the bottom, the editor on the left, the
// inspector on the right, the canvas in what is left. Below 1000 px only one side panel fits.
// Below kCompactWidth (a phone) neither does: the canvas takes the whole width and the panel the
// reader asks for slides up as a sheet over the canvas's lower part, closed by default. Upright
// (a tablet) the canvas spans the top and the panels sit below it.
PanelRects layout_panels(State& s, float w, float h)
{
    const ImGuiStyle& st = ImGui::GetStyle();
    const float fh = ImGui::GetFrameHeight();
    // A phone held upright, not a short landscape embed (640×400 keeps the slim toolbar and
    // transport: touch-sized rows would take a quarter of its height from the network).
    s.panels.compact = w < kCompactWidth && h >= kCompactMinHeight;
    s.panels.narrow = w < 1000.0f;
    s.panels.stacked = !s.panels.compact && h > w * 1.15f;
    if (s.panels.narrow && s.panels.side_open && s.panels.inspector_open) s.panels.side_open = false;

    const float em = ImGui::GetFontSize();
    const bool side = s.panels.side_open && !s.panels.compact, insp = s.panels.inspector_open && !s.panels.compact;
    // With a dataset the side panel is wider: its input plane (square, the panel's width) is the
    // picture the data is about, and at 1280 px the diagram keeps room for Playground's networks.
    const float side_frac = s.session.has_data() ? 0.265f : 0.22f, side_max = s.session.has_data() ? 27.0f : 22.0f;
    const float side_w =
        side && !s.panels.stacked
            ? (s.panels.narrow ? std::min(em * 18.0f, w * 0.45f) : std::clamp(w * side_frac, em * 17.0f, em * side_max))
            : 0.0f;
    const float insp_w = insp && !s.panels.stacked ? (s.panels.narrow ? std::min(em * 21.0f, w * 0.5f)
                                                                      : std::clamp(w * 0.27f, em * 19.0f, em * 27.0f))
                                                   : 0.0f;
    // Compact: a row of touch-sized buttons and the timeline on its own row, also touch-sized.
    const float bar_h = s.panels.compact
                            ? std::max(fh, kTouchTarget) * 2.0f + st.ItemSpacing.y + st.WindowPadding.y * 2.0f
                            : fh * 2.0f + st.ItemSpacing.y + st.WindowPadding.y * 2.0f;
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
    if (s.panels.stacked && (side || insp)) {
        // The network is wider than tall: beside the panel it got a tall strip and left its
        // lower part empty (768×1024). Across the top, the panels below it side by side.
        const float canvas_h = std::round(top_h * kStackedCanvas);
        const float panel_w = side && insp ? std::round(w * 0.5f) : w;
        r.canvas_pos = ImVec2(0, 0);
        r.canvas_size = ImVec2(w, canvas_h);
        r.side_pos = ImVec2(0, canvas_h);
        r.side_size = ImVec2(side ? panel_w : 0.0f, top_h - canvas_h);
        r.insp_pos = ImVec2(side ? panel_w : 0.0f, canvas_h);
        r.insp_size = ImVec2(insp ? w - r.insp_pos.x : 0.0f, top_h - canvas_h);
    }
    // The sheet leaves the toolbar and the top third of the network in view.
    const float sheet_top = std::min(std::max(top_h * 0.34f, kTouchTarget * 2.5f), top_h - kTouchTarget * 2.0f);
    r.sheet_pos = ImVec2(0, std::max(sheet_top, 0.0f));
    r.sheet_size = ImVec2(w, top_h - r.sheet_pos.y);
    return r;
}

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoBringToFrontOnFocus;

// "Share" copies a link that reopens this picture; "Embed" an <iframe> snippet for course pages.
// The text also shows in a popup, selectable, for browsers that refuse the clipboard.
void share_button(State& s, bool embed, const char* label, ImVec2 size)
{
    if (ImGui::Button(label, size)) {
        s.share.text = s.share.provider(embed);
        s.share.embed = embed;
        // From a file on this computer (gradflow-standalone.html) the link is file:///…, which no
        // one else can open: what travels is the part after the address, pasted into a hosted page.
        const std::string link = embed ? s.share.provider(false) : s.share.text;
        s.share.local = link.rfind("file:", 0) == 0;
        const std::size_t cut = std::min(link.find('?'), link.find('#'));
        s.share.suffix = s.share.local && cut != std::string::npos ? link.substr(cut) : std::string();
        ImGui::SetClipboardText((s.share.local && !s.share.suffix.empty() ? s.share.suffix : s.share.text).c_str());
        // Below the button, so it covers neither its neighbour (Embed right after Share) nor the
        // Inspector button.
        s.share.popup_pos = ImVec2(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + 4.0f);
        ImGui::OpenPopup("share_popup");
    }
    note_widget(s, embed ? "Embed" : "Share");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(embed ? "Copy an <iframe> snippet that embeds this network, focus and view in a course page"
                                : "Copy a link that reopens exactly this network, focus, view and time");
}

void share_popup(State& s)
{
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    const float popup_w = std::min(ImGui::GetFontSize() * 28.0f, screen.x * 0.85f);
    ImGui::SetNextWindowPos(
        ImVec2(std::max(0.0f, std::min(s.share.popup_pos.x, screen.x - popup_w - 16.0f)), s.share.popup_pos.y));
    if (ImGui::BeginPopup("share_popup")) {
        s.share.popup_open = true;
        ImGui::PushTextWrapPos(popup_w);
        const std::string& copied = s.share.local && !s.share.suffix.empty() ? s.share.suffix : s.share.text;
        if (s.share.local) {
            ImGui::PushStyleColor(ImGuiCol_Text, g_status_ink.focus);
            ImGui::TextWrapped("This page is a file on this computer (file://), so its link opens only here. "
                               "To share, open a hosted gradflow page and add this to the end of its address "
                               "(copied to the clipboard):");
            ImGui::PopStyleColor();
        } else {
            ImGui::TextUnformatted(s.share.embed ? "Embed snippet copied to the clipboard:"
                                                 : "Link copied to the clipboard:");
        }
        note_widget(s, s.share.local ? "share: file" : "share: copied");
        {
            // Cut where a link may be cut (wrap_link): ImGui's wrap split "t=1.925" as "t=1." / "925".
            ImFont* font = ImGui::GetFont();
            const float px = ImGui::GetFontSize();
            const auto measure = [&](std::string_view t) {
                return font->CalcTextSizeA(px, 1e9f, 0.0f, t.data(), t.data() + t.size()).x;
            };
            const std::string shown = copied.size() > 600 ? copied.substr(0, 600) + "…" : copied;
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            for (const std::string& line : wrap_link(shown, popup_w - ImGui::GetCursorPosX(), measure))
                ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
            ImGui::PopStyleColor();
        }
        ImGui::PopTextWrapPos();
        if (ImGui::Button("Copy again")) ImGui::SetClipboardText(copied.c_str());
        ImGui::SameLine();
        if (ImGui::Button("Close")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

void share_buttons(State& s, bool compact)
{
    for (bool embed : {false, true}) {
        ImGui::SameLine();
        share_button(s, embed, embed ? (compact ? "</>" : "Embed") : (compact ? "Link" : "Share"), ImVec2(0, 0));
    }
    share_popup(s);
}

// The phone toolbar: touch-sized buttons for the two panels, Fit, Share and Embed, wrapping to a
// second row rather than leaving any of them off the screen.
void compact_toolbar(State& s)
{
    const ImGuiStyle& st = ImGui::GetStyle();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    bool first = true;
    auto button = [&](const char* label, const char* name) {
        const float bw = std::max(ImGui::CalcTextSize(label, nullptr, true).x + st.FramePadding.x * 2, kTouchTarget);
        if (!first && ImGui::GetItemRectMax().x + st.ItemSpacing.x + bw <= right) ImGui::SameLine();
        first = false;
        const bool pressed = ImGui::Button(label, ImVec2(bw, kTouchTarget));
        if (name) note_widget(s, name);
        return pressed;
    };
    using Sheet = Panels::Sheet;
    auto toggle = [&](Sheet which) { s.panels.sheet = s.panels.sheet == which ? Sheet::none : which; };
    if (button(s.panels.sheet == Sheet::controls ? "▾ Controls" : "▴ Controls", "Controls")) toggle(Sheet::controls);
    if (button(s.panels.sheet == Sheet::inspector ? "▾ Inspector" : "▴ Inspector", "Inspector"))
        toggle(Sheet::inspector);
    if (button("Fit", "Fit")) s.canvas.user = view::ViewTransform{};
    if (s.share.provider) {
        for (bool embed : {false, true}) {
            const char* label = embed ? "Embed" : "Share";
            const float bw = std::max(ImGui::CalcTextSize(label).x + st.FramePadding.x * 2, kTouchTarget);
            if (ImGui::GetItemRectMax().x + st.ItemSpacing.x + bw <= right) ImGui::SameLine();
            share_button(s, embed, label, ImVec2(bw, kTouchTarget));
        }
        share_popup(s);
    }
}

// What edges show (weights, contributions, gradients); in the toolbar, or on a phone in the sheet.
void mode_combo(State& s, float width)
{
    static const char* modes[] = {"Weights w", "Contributions w·h", "Gradients ∂L/∂w"};
    ImGui::SetNextItemWidth(width);
    int mode = int(s.settings.mode);
    if (ImGui::Combo("##mode", &mode, modes, 3)) s.settings.mode = embed::View(mode);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("What edge colour (sign) and thickness (size) show");
}

// The phone's sheet: a tab row (touch-sized), then the chosen panel, scrolling inside the sheet.
void draw_sheet(State& s)
{
    using Sheet = Panels::Sheet;
    const ImGuiStyle& st = ImGui::GetStyle();
    const float close_w = std::max(ImGui::CalcTextSize("× Close").x + st.FramePadding.x * 2, kTouchTarget);
    const float tab_w =
        std::max((ImGui::GetContentRegionAvail().x - close_w - st.ItemSpacing.x * 3) / 3.0f, kTouchTarget);
    auto tab = [&](const char* label, Sheet which) {
        const bool on = s.panels.sheet == which;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(label, ImVec2(tab_w, kTouchTarget))) s.panels.sheet = which;
        if (on) ImGui::PopStyleColor();
        ImGui::SameLine();
    };
    tab("Controls", Sheet::controls);
    tab("Inspector", Sheet::inspector);
    tab("Working", Sheet::working);
    note_widget(s, "sheet: Working");
    if (ImGui::Button("× Close", ImVec2(close_w, kTouchTarget))) s.panels.sheet = Sheet::none;
    note_widget(s, "Close");
    ImGui::Separator();
    if (ImGui::BeginChild("sheet_body", ImVec2(0, 0), false)) {
        if (s.panels.sheet == Sheet::controls) {
            ImGui::TextDisabled("Edges show");
            ImGui::SameLine();
            mode_combo(s, -1);
            draw_transport_options(s);
            ImGui::Separator();
            draw_editor(s);
        } else if (s.panels.sheet == Sheet::working) {
            draw_working(s);
        } else {
            draw_inspector(s);
        }
    }
    ImGui::EndChild();
}

void canvas_toolbar(State& s)
{
    if (s.panels.compact) {
        compact_toolbar(s);
        return;
    }
    const ImGuiStyle& st = ImGui::GetStyle();
    auto button_w = [&](const char* label) { return ImGui::CalcTextSize(label).x + st.FramePadding.x * 2; };
    // In a narrow canvas the mode combo shrinks and the panel buttons lose their words.
    const float avail = ImGui::GetContentRegionAvail().x;
    const float combo_pref = ImGui::CalcTextSize("Contributions w·h").x + ImGui::GetFrameHeight() * 1.6f;
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
    note_widget(s, "Controls");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide presets, editing and training");
    ImGui::SameLine();
    const float rest =
        ImGui::GetContentRegionAvail().x - button_w("Fit") - share_w(compact) - button_w(insp) - st.ItemSpacing.x * 2;
    mode_combo(s, std::clamp(rest, 60.0f, combo_pref));
    ImGui::SameLine();
    if (ImGui::Button("Fit")) s.canvas.user = view::ViewTransform{};
    note_widget(s, "Fit");
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

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] frame()
// -----------------------------------------------------------------------------------------------

void App::frame(const FrameInput& in)
{
    State& s = *s_;
    s.widgets.clear();
    apply_style(theme()); // every frame: right for whichever ImGui context is current (tests make several)
    advance_clock(s, in.now_s);
    train_data_frame(s, in.now_s);
    handle_keys(s);
    request_working_check(s); // the network may have changed under the working (a training run)
    s.data.plane = view::Rect{};
    s.data.points.clear();
    s.data.batch_line.clear();
    s.neuron_maps.drawn.clear();
    s.neuron_maps.view = DrawnLabel{};

    const ImGuiIO& io = ImGui::GetIO();
    const float w = in.display_w > 0 ? in.display_w : io.DisplaySize.x;
    const float h = in.display_h > 0 ? in.display_h : io.DisplaySize.y;
    const PanelRects r = layout_panels(s, w, h);
    s.share.popup_open = false;
    s.working.open = false; // set again by whichever panel draws it this frame
    s.working.rows.clear();

    // The fixed panels' backgrounds (App::backdrops): left to the platform when it clears them.
    const view::ThemeColors& colors = view::theme_colors(theme());
    s.backdrops.clear();
    auto backdrop = [&](ImVec2 pos, ImVec2 size, const view::Rgba& color) {
        s.backdrops.push_back(Backdrop{view::Rect{{pos.x, pos.y}, {pos.x + size.x, pos.y + size.y}}, color});
    };
    // A transparent WindowBg rather than ImGuiWindowFlags_NoBackground, which drops the window's
    // border too; ImDrawList skips a fill with zero alpha. Popped before the panel's contents.
    auto begin_panel = [&](const char* name, ImGuiWindowFlags flags) {
        if (s.backdrops_by_platform) ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
        const bool open = ImGui::Begin(name, nullptr, flags);
        if (s.backdrops_by_platform) ImGui::PopStyleColor();
        return open;
    };

    if (s.panels.side_open && !s.panels.compact) {
        ImGui::SetNextWindowPos(r.side_pos);
        ImGui::SetNextWindowSize(r.side_size);
        backdrop(r.side_pos, r.side_size, colors.window_bg);
        if (begin_panel("Network and training", kPanelFlags)) draw_editor(s);
        ImGui::End();
    }

    ImGui::SetNextWindowPos(r.canvas_pos);
    ImGui::SetNextWindowSize(r.canvas_size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
    if (ImGui::Begin("Diagram", nullptr,
                     kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                         ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground)) {
        canvas_toolbar(s);
        draw_canvas(s, in);
    }
    ImGui::End();
    ImGui::PopStyleVar();
    // The canvas as draw_canvas laid it out this frame, inside its window.
    const ImVec2 canvas_min(std::max(s.canvas.min.x, r.canvas_pos.x), std::max(s.canvas.min.y, r.canvas_pos.y));
    const ImVec2 canvas_max(std::min(s.canvas.max.x, r.canvas_pos.x + r.canvas_size.x),
                            std::min(s.canvas.max.y, r.canvas_pos.y + r.canvas_size.y));
    if (canvas_max.x > canvas_min.x && canvas_max.y > canvas_min.y)
        backdrop(canvas_min, ImVec2(canvas_max.x - canvas_min.x, canvas_max.y - canvas_min.y), colors.canvas_bg);

    if (s.panels.inspector_open && !s.panels.compact) {
        ImGui::SetNextWindowPos(r.insp_pos);
        ImGui::SetNextWindowSize(r.insp_size);
        backdrop(r.insp_pos, r.insp_size, colors.window_bg);
        if (begin_panel("Inspector: the chain rule", kPanelFlags)) draw_right_panel(s);
        ImGui::End();
    }

    s.panels.sheet_rect = view::Rect{};
    if (s.panels.compact && s.panels.sheet != Panels::Sheet::none) {
        ImGui::SetNextWindowPos(r.sheet_pos);
        ImGui::SetNextWindowSize(r.sheet_size);
        // Drawn after the canvas and not pinned behind it: the sheet lies over the network.
        if (ImGui::Begin("Sheet", nullptr,
                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar))
            draw_sheet(s);
        ImGui::End();
        s.panels.sheet_rect = view::Rect{{r.sheet_pos.x, r.sheet_pos.y},
                                         {r.sheet_pos.x + r.sheet_size.x, r.sheet_pos.y + r.sheet_size.y}};
    }

    ImGui::SetNextWindowPos(r.bar_pos);
    ImGui::SetNextWindowSize(r.bar_size);
    backdrop(r.bar_pos, r.bar_size, colors.window_bg);
    if (begin_panel("Transport", kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
        draw_transport(s);
    ImGui::End();
}

} // namespace gf::ui
