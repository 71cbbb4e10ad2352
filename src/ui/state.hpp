// App::State: what the App owns — the Session (src/session: the model and its operations) and
// the UI's own small parts beside it: settings (view mode, palette, glow), the panels' layout,
// the canvas's per-frame scratch, the editor's widget text, the share popup.
//
// The Session is the only source of numbers; the panels read it and change it only through its
// named operations. The UI parts here never hold model data.
#pragma once

#include "ui/app.hpp"

#include "embed/page_state.hpp"
#include "session/session.hpp"
#include "tutor/report.hpp"
#include "view/color.hpp"
#include "view/layout.hpp"

#include "imgui.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gf::ui {

// How the diagram looks: the person's choices, kept across network changes.
struct Settings {
    embed::View mode = embed::View::weights; // what an edge's colour and thickness stand for
    view::Palette palette = view::Palette::standard;
    bool glow = true; // draw pulses' glow when the GPU pass is available
    embed::ThemeChoice theme = embed::ThemeChoice::follow_system;
    bool system_dark = true; // the platform's prefers-color-scheme (natively: dark)
    bool discretize = false; // the data plane as two flat classes (classification) or bands (regression)
};

struct Panels {
    bool side_open = true;
    bool inspector_open = true;
    bool narrow = false;  // the window is too small for both side panels
    bool compact = false; // phone width (< kCompactWidth): the canvas takes it all, panels open
                          // one at a time as a sheet over its lower part
    bool stacked = false; // upright tablet (taller than wide, not compact): the canvas across the
                          // top, the open panels below it
    enum class Sheet { none, controls, inspector, working };
    Sheet sheet = Sheet::none; // which panel the compact sheet shows
    view::Rect sheet_rect;     // where it was drawn (screen px)
};
inline constexpr float kCompactWidth = 700.0f;     // CSS px: below this the side panels become a sheet
inline constexpr float kCompactMinHeight = 480.0f; // … on a screen at least this tall
inline constexpr float kTouchTarget = 40.0f;       // px: the compact toolbar's buttons are at least this tall
inline constexpr float kStackedCanvas = 0.56f;     // stacked: the canvas's share of the height above the transport

// What the canvas drew this frame, for App::layout() (the page's layout() query and its tests).
struct DrawnLabel {
    std::string node; // ASCII name of the node or edge it belongs to ("" for captions)
    std::string kind; // "name", "value", "gradient", "product", "sum", "caption" (the phase or walked path)
    std::string text;
    view::Rect box; // screen px
};

// The diagram's per-frame scratch: where it was drawn, its layout, pan/zoom and the pointer.
struct Canvas {
    view::Layout layout;         // world = canvas-local pixels
    ImVec2 layout_size{0, 0};    // canvas size the layout was made for
    view::ViewTransform user;    // pan/zoom on top of the layout (identity = fit)
    ImVec2 min{0, 0}, max{0, 0}; // last frame's canvas, screen px
    view::Hit hover;
    bool dragging = false;          // the left button is down on the canvas: moving it pans
    std::vector<DrawnLabel> labels; // this frame's, rebuilt by draw_canvas
};

// The side panel's widget text and its last message.
struct Edit {
    std::string json;                          // the "paste a config" box
    bool json_filled = false;                  // the box has been given the network once (config_section)
    std::string path = "gradflow-config.json"; // load/save (where App::set_files gave a FileStore)
    int seed = 1;                              // for "Randomise weights"
    int layer = 0;                             // layer picked in the structure editor
    int train_steps = 200;                     // "Train N steps"
    std::string message;                       // the last refusal or confirmation, shown in the panel
    bool message_is_error = false;
    std::string shown;         // the message as last drawn, to time it (editor.cpp, draw_message)
    double shown_at = 0;       // State::last_now when it appeared
    int param_filter = -1;     // parameter table: -1 all layers, else one layer
    std::string focus_pick;    // the inspector's "Focus" text box
    int training_warnings = 0; // Training::warnings already said (editor.cpp, training_section)
};

// The number field being edited (widgets.cpp, number_field): its text lives here until Enter or
// a click elsewhere applies it, so the network is not changed per keystroke.
struct NumberField {
    ImGuiID id = 0;           // the field being edited, 0 for none
    std::string text;         // its text as typed
    std::string original;     // the value's text when editing began
    ImGuiID refused_id = 0;   // the field whose last text was refused, shown red until edited
    std::string refused_text; // that text, kept so the person sees what was wrong
    std::string refused_why;  // and why
    ImGuiID dragged_id = 0;   // the field whose handle is being dragged, 0 for none
    double drag_from = 0;     // its value when the drag began
    double drag_px = 0;       // pixels dragged since (Shift: a tenth as far), steps of drag_step
    double drag_step = 0;     // the value's change per pixel: a power of ten below drag_from
};

struct Share {
    std::function<std::string(bool)> provider; // App::set_share_provider; empty natively
    std::string text;                          // the link or snippet last copied, shown in the popup
    bool embed = false;                        // which of the two `text` is
    bool popup_open = false;                   // the popup showing it was drawn this frame
    bool local = false;                        // the page is a file:// one: links open only here
    std::string suffix;                        // then: the link's ?…#config=… part, for a hosted page
    ImVec2 popup_pos{0, 0};                    // below the button that opened it
};

// "Check my working" (working_panel.cpp): the student's text and the last answer for it. The
// checking itself is the platform's (App::set_working_checker); this only remembers what was
// asked and keeps the last good report while a newer one is on its way.
struct Working {
    bool open = false;       // its tab (or the phone's sheet) is showing
    bool select_tab = false; // open the tab on the next frame (a working= link, App::set_working_text)
    std::string text;        // the student's lines
    std::function<void(std::string, int)> checker; // App::set_working_checker; empty: none here
    int generation = 0;                            // of the last request
    std::string asked_text;                        // what it was for: the text …
    int asked_revision = -1;                       // … and Session::revision()
    bool pending = false;                          // no answer yet for `generation`
    bool has_report = false;                       // `report` holds a good answer (perhaps for older text)
    tutor::WorkingReport report;                   // the last good answer
    int report_revision = -1;                      // the Session::revision() it was checked against
    std::string error;                             // the checker failed or its answer could not be read
    int selected = -1;                             // index into report.lines, -1 none
    std::vector<NodeRef> hop;                      // the selected slip's hop, drawn by the canvas
    std::vector<DrawnLabel> rows;                  // this frame's verdict rows, for App::layout_report()
    std::vector<DrawnLabel> hops;                  // this frame's hop as the canvas drew it
};

// The data panel (data_panel.cpp): its widget text, the plane's texture and what it drew.
struct DataUi {
    std::string csv;                     // the paste box
    int csv_targets = 1;                 // the last 1 or 2 columns are targets
    std::function<void()> open_csv_file; // App::set_csv_file_picker: the page's file chooser; empty natively
    bool csv_drop = false;               // the platform takes a dropped file (App::receive_csv_file)
    ImTextureID texture = nullptr;       // the plane's, from App::set_textures (null: rectangles)
    std::uint64_t texture_of = ~0ull;    // Plane::version (or GradPlane::version) it holds
    bool texture_gradient = false;       // it holds the gradient plane
    bool plane_gradient = false;         // the plane shows the focused parameter's ∂L/∂w, not the output
    std::string batch_line;              // "batch gradient ∂J/∂w_212 = mean of …" as last drawn
    view::Theme texture_theme = view::Theme::dark;
    view::Palette texture_palette = view::Palette::standard;
    bool texture_discrete = false;
    std::vector<unsigned char> pixels; // its RGBA, rebuilt when the plane changes
    view::Rect plane;                  // where the plane was drawn this frame (screen px)
    double plane_at = -1;              // State::last_now when the plane was last refreshed
    double grad_plane_at = -1;         // … and the gradient plane (plane_refresh_due)
    struct Point {
        std::size_t index; // Dataset point
        std::string kind;  // "train", "test", "chosen", "batch" (the next batch's, gradient view)
        view::Vec2 at;     // screen px
    };
    std::vector<Point> points;     // drawn this frame
    double train_budget_s = 0.010; // training time per frame while ▶ (train_data_frame)
    double last_frame_at = -1;     // now_s of the last training frame
    double epochs_per_s = 0;       // measured over the last second, shown beside the counter
    int epochs_window = 0;         // epochs since window_start
    double window_start = -1;
};

// The hidden neurons' maps on the canvas (neuron_maps.cpp): their textures and what was drawn.
struct NeuronMapUi {
    ImTextureID atlas = nullptr;    // every map, tile by tile (null: rectangles)
    std::uint64_t atlas_of = ~0ull; // NeuronMaps::version it holds
    view::Theme atlas_theme = view::Theme::dark;
    view::Palette atlas_palette = view::Palette::standard;
    int cols = 0, rows = 0, tile = 0;  // the atlas's tiles: neuron i at (i % cols, i / cols)
    std::vector<unsigned char> pixels; // its RGBA
    ImTextureID big = nullptr;         // the hovered neuron's map at the plane's resolution
    std::uint64_t big_of = ~0ull;      // … its NeuronMaps::version
    int big_index = -1;                // … and neuron
    view::Theme big_theme = view::Theme::dark;
    view::Palette big_palette = view::Palette::standard;
    std::vector<unsigned char> big_pixels;
    bool ready = false;            // this frame has maps to draw (a 2-D dataset, hidden layers)
    std::vector<DrawnLabel> drawn; // this frame's maps: node "h_21", kind "neuron-map", the disc's box
    DrawnLabel view;               // the large view if one showed (kind "neuron-view"), else node ""
};

struct App::State {
    Session session; // the model
    Settings settings;
    Panels panels;
    Canvas canvas;
    Edit edit;
    Share share;
    NumberField field;
    Working working;
    FileStore* files = nullptr;   // App::set_files; null: no load/save buttons
    Textures* textures = nullptr; // App::set_textures; null: no textures
    DataUi data;
    std::vector<App::Backdrop> backdrops; // App::backdrops(), this frame's
    bool backdrops_by_platform = false;   // App::set_backdrops_by_platform
    NeuronMapUi neuron_maps;
    std::vector<std::pair<std::string, view::Rect>> widgets; // note_widget(), this frame's
    std::string copied;        // the copy button last pressed ("Copy LaTeX"), confirmed on it for a moment
    double copied_at = 0;      // its last_now
    bool keyboard_nav = false; // Tab entered ImGui's keyboard navigation; Escape or a click leaves
    double last_now = -1.0;    // FrameInput::now_s of the previous frame
    bool quit = false;
};

using State = App::State;

// --- panels -------------------------------------------------------------------------------------

void draw_canvas(State& s, const FrameInput& in); // canvas.cpp (child window: input + draw)
void draw_inspector(State& s);                    // inspector.cpp
void draw_right_panel(State& s);                  // working_panel.cpp: tabs, the derivation | the working
void draw_working(State& s);                      // working_panel.cpp: "Check my working"
void request_working_check(State& s);             // working_panel.cpp: ask again if text or network changed
void draw_working_hop(const State& s, ImDrawList* dl, const view::ViewTransform& xf,
                      std::vector<DrawnLabel>& out); // canvas.cpp
void draw_editor(State& s);                          // editor.cpp
void draw_transport(State& s);                       // transport_bar.cpp
void draw_transport_options(State& s);               // transport_bar.cpp: speed, loop, contrast, glow
void draw_data_panel(State& s);                      // data_panel.cpp: the plane, training by epochs, the data
void train_data_frame(State& s, double now_s);       // data_panel.cpp: this frame's epochs while ▶
// data_panel.cpp: how long this frame trains while ▶, given how long the last frame spent on
// everything else (drawing, the browser's share): see the rule where it is defined.
double training_budget_s(double draw_s);
// CSV text (pasted, or a file's: `file` names it) becomes the dataset, or is refused with the line
// and why, the data already loaded kept. The one road for both (data_panel.cpp).
bool load_csv_text(State& s, std::string_view text, std::string_view file);

// --- the hidden neurons' maps (neuron_maps.cpp) ---------------------------------------------------

// Whether the plane (and the maps from its passes), or the gradient plane, should be recomputed
// now: always when nothing trains; while training at most 15 times a second, `last_at` being that
// plane's last refresh (DataUi::plane_at or grad_plane_at), moved to now when due.
bool plane_refresh_due(State& s, double& last_at);
view::Rgba neuron_color(float v, double scale, view::Palette palette, view::Theme theme);
void begin_neuron_maps(State& s); // once a frame before the nodes: the atlas brought up to date
// Hidden neuron (layer, j)'s map in the disc of radius r at c; false when it has none (drawn plain).
// `name` (a_21) and `shown_name` (h_21) go to `out` with the disc's box.
bool draw_neuron_map(const State& s, ImDrawList* dl, int layer, int j, ImVec2 c, float r, const std::string& name,
                     const std::string& shown_name, std::vector<DrawnLabel>& out);
// Inside a tooltip: "h_23 over the input plane", the map large and its colour scale; false: none.
bool draw_neuron_view(State& s, int layer, int j, const std::string& ascii_name, const std::string& shown_name);

// --- small shared helpers (widgets.cpp) --------------------------------------------------------

ImU32 to_imu32(const view::Rgba& c, float alpha_scale = 1.0f);
std::string fmt(double v, int sig = 4); // format_number with a real minus sign
bool input_text_multiline(const char* label, std::string& text, ImVec2 size, ImGuiInputTextFlags flags = 0);
// A one-line box: looks and behaves as ImGui::InputText, but runs ImGui's text editor only while
// it is being edited (a click or Tab starts an edit in that frame), so a reader who only watches
// never loads the editor's code (web/split_module.py).
bool input_text(const char* label, std::string& text, ImGuiInputTextFlags flags = 0);
// ImGui::InputInt(label, &v, 0) in the same way.
bool input_int(const char* label, int& v);
void same_line_if_fits(const char* next_label); // SameLine() unless the next button would be cut off
// Word wrap that breaks only at spaces and newlines (ImGui's also breaks after '.', splitting
// "0.002766543388" into "0." and "002766543388"); a word wider than `width` gets a line alone.
std::vector<std::string> wrap_lines(std::string_view text, float width,
                                    const std::function<float(std::string_view)>& measure);
void text_wrapped_tokens(std::string_view text); // wrap_lines at the available width, drawn
// A link or embed snippet cut into lines of at most `width`: after a space or '/', before '?', '&'
// or '#', so "t=1.925" never splits; only a run with no such place (a long #config= payload) is
// cut by characters (whole UTF-8 sequences).
std::vector<std::string> wrap_link(std::string_view text, float width,
                                   const std::function<float(std::string_view)>& measure);
// The last item's box under `name`, for App::layout_report() (tests press controls by name).
void note_widget(State& s, std::string name);
// A number: a click edits its text; Enter or leaving the field applies it (true, `v` set), Escape
// restores the old value; a text that is not a finite number changes nothing and the field says
// why. Dragging the grip at its right end changes the value as the mouse moves (true every frame
// it changed); the text box itself never drags. `name` ("x_1") names it in messages and
// App::layout_report(), its grip "x_1 grip".
bool number_field(State& s, const char* label, double& v, std::string_view name);
// A number field's grip: the value `pixels` of drag away from `from` at `step` per pixel, on the
// step's decimal grid (3 dragged 30 px at 0.01 reads 3.3, not 3.3000000000000003).
double dragged_value(double from, double pixels, double step);

} // namespace gf::ui
