// The visualizer's one entry point for the platform layer.
//
// The platform (src/platform) owns SDL, the GL context and the main loop; it creates the ImGui
// context, loads fonts (ui/fonts.hpp) and, once per frame between ImGui::NewFrame() and
// ImGui::Render(), calls App::frame(). Nothing in src/ui knows which platform it runs on.
//
// The model is the App's Session (session/session.hpp): the page's API, the tests and the panels
// change it through the Session's named operations. Beside it the App keeps the UI's own
// settings (view mode, palette, panels), which it exposes here with typed accessors.
#pragma once

#include "embed/page_state.hpp"
#include "imgui.h"
#include "tutor/report.hpp"
#include "view/color.hpp"
#include "view/geometry.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gf {
class Session;
}

namespace gf::ui {

struct FrameInput {
    double now_s = 0.0;     // monotonic clock, seconds; read once per frame by the platform
    float display_w = 0.0f; // logical pixels (ImGui display size)
    float display_h = 0.0f;
    float dpi_scale = 1.0f; // framebuffer pixels per logical pixel
};

// Files for the editor's Load / Save buttons. The platform gives one where there is a
// filesystem (natively); without it the buttons are not shown (the web).
class FileStore {
public:
    virtual ~FileStore() = default;
    // The file's contents; on failure nullopt, and `error` says why in words.
    virtual std::optional<std::string> read(const std::string& path, std::string& error) = 0;
    // Writes `text` to the file; on failure false, and `error` says why.
    virtual bool write(const std::string& path, std::string_view text, std::string& error) = 0;
};

// Images the UI draws (the input plane's heatmap) live in GPU textures the platform makes: the UI
// knows no GL. The platform that has a GL context installs one (src/platform/texture_gl.cpp);
// without it the plane is drawn as rectangles (the same picture, more vertices).
class Textures {
public:
    virtual ~Textures() = default;
    // Makes (`id` null) or refills texture `id` with w×h RGBA8 pixels, row 0 at the top; returns
    // the ImTextureID to draw it with, or null when it could not (the caller falls back).
    virtual ImTextureID update(ImTextureID id, int w, int h, const unsigned char* rgba) = 0;
};

class App {
public:
    App(); // starts on the "seed" preset, playing
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    void frame(const FrameInput& in); // builds this frame's ImGui windows
    bool wants_quit() const;
    // Idle: how long the picture can stand still without input. 0 while something moves (playing,
    // a Step or a training run: draw every frame); a few tenths of a second while a text field
    // has the keyboard (its cursor blinks); infinity when nothing changes until the next input
    // or API call. The platform draws a few frames after each input whatever this says (ImGui
    // updates hover a frame late) and then sleeps (main.cpp).
    double next_wake_s() const;

    // --- the model ---
    Session& session();
    const Session& session() const;
    std::string set_config(std::string_view json); // parse_config, then load_config
    std::string load_config(Config c);             // keeps a preset's name when c is one
    std::string config_json() const;               // config_to_json of what is shown
    std::string eval_json() const;                 // gf::eval_json of the session's own record

    // --- the UI's settings ---
    embed::View view_mode() const;
    void set_view_mode(embed::View mode);
    view::Palette palette() const;
    void set_palette(view::Palette p);
    // Light or dark: the person's choice (auto: follow the system) and the system's preference,
    // which the platform passes in at start-up and whenever it changes. theme() is the result.
    embed::ThemeChoice theme_choice() const;
    void set_theme_choice(embed::ThemeChoice t);
    void set_system_dark(bool dark);
    view::Theme theme() const;
    view::Rgba clear_color() const; // the platform's glClearColor for the current theme

    // The fixed panels' and the canvas's backgrounds: opaque rectangles under everything ImGui
    // draws (the panels never overlap; the phone's sheet, popups and tooltips keep their own).
    // With set_backdrops_by_platform(true) the App leaves them out of the draw data and the
    // platform fills them with scissored clears before drawing it (platform/loop.cpp): on a
    // fill-bound renderer (software WebGL) ImGui's textured, blended triangles cost ~40 ms a
    // frame at 1280×800 for backgrounds alone, a clear next to nothing. Off (the default, and
    // the headless tests), ImGui draws them as before. Screen pixels; rebuilt every frame.
    struct Backdrop {
        view::Rect rect;
        view::Rgba color;
    };
    void set_backdrops_by_platform(bool on);
    const std::vector<Backdrop>& backdrops() const;

    bool discretize() const; // the data plane's discretised view (?discretize=1)
    void set_discretize(bool on);
    bool side_panel_open() const;
    bool inspector_open() const;
    void set_panels(bool side, bool inspector);
    void show_message(std::string text, bool is_error); // in the side panel

    // The state a link carries (parse_page_url: network, focus, view, contrast, theme, speed, t,
    // autoplay, panels, motion); the platform applies the page's address, or natively
    // GRADFLOW_DEMO, with it. Its problems are the caller's to show.
    void apply_page(const embed::PageState& page);

    // Where the diagram was last drawn, in screen pixels (ImGui's; the page's CSS pixels).
    view::Rect canvas_rect() const;
    // Screen positions of the drawn nodes by ASCII name (x_1, a_21, yhat_1, L) and, for each
    // weight (w_212), a point on its edge that a click selects. Empty before the first frame.
    std::vector<std::pair<std::string, view::Vec2>> node_positions() const;
    // What the last frame drew, for the page's layout() query: the canvas, every node's disc and
    // every label's box (names, values, gradients, the walk's products), the toolbar's buttons,
    // and whether the phone layout's sheet or the share popup is open. Screen pixels.
    struct DrawnBox {
        std::string node, kind, text;
        view::Rect box;
    };
    struct LayoutReport {
        view::Rect canvas;
        bool compact = false;
        std::string sheet; // "none", "controls", "inspector"
        view::Rect sheet_rect;
        std::string popup;            // "", "share", "embed"
        float name_px = 0;            // node names' font size (0: not drawn at this size)
        std::vector<DrawnBox> nodes;  // kind "node": each node's disc
        std::vector<DrawnBox> labels; // kinds "name", "value", "gradient", "product", "sum"
        std::vector<std::pair<std::string, view::Rect>> buttons;
        // The working's panel: each verdict's row (kind "verdict", or "verdict hidden" when
        // scrolled out of view; node: "line N", text: the words), and the selected slip's hop as the canvas drew it (kind "hop-node" for a ring,
        // "hop-edge" for an edge; node: its ASCII name, "a_21", "w_212", or "yhat_1>L" between nodes).
        std::vector<DrawnBox> working;
        std::vector<DrawnBox> hops;
        std::string working_message;  // the checker's failure or "Checking…", "" when neither
        view::Rect plane;             // the input plane (empty when no dataset is shown)
        std::vector<DrawnBox> points; // its data points: node "point 17", kind "train"/"test"/"chosen"/"batch"
        std::string plane_mode;       // what the plane was asked to show: "output" or "gradient"
        std::string batch_line;       // the gradient view's "batch gradient ∂J/∂w_212 = …" ("" when not drawn)
        // Hidden neurons' maps drawn in their nodes (node "a_21", kind "neuron-map", text "h_21", the
        // disc's box), and the large view of the hovered one (kind "neuron-view", text its caption;
        // node "" when none showed).
        std::vector<DrawnBox> neuron_maps;
        DrawnBox neuron_view;
        std::string message; // the side panel's last message (a refusal or confirmation), "" when none
        bool message_is_error = false;
    };
    LayoutReport layout_report() const;

    // Share / Embed: the platform that knows the page's address installs this; it returns a link
    // that reopens the current state (embed_snippet = false) or an <iframe> snippet (true). The
    // buttons show only where it is set (the web build).
    void set_share_provider(std::function<std::string(bool embed_snippet)> provider);
    // Load / Save in the editor; not owned, must outlive the App.
    void set_files(FileStore* files);
    // The plane's texture maker; not owned, must outlive the App (set nullptr before destroying it).
    void set_textures(Textures* textures);
    // CSV from a file. The page installs a picker (its <input type=file>): the data panel then shows
    // "Load CSV file…", which calls it; the file's text comes back later through receive_csv_file.
    // Natively set_csv_drop(true) says a file dropped on the window arrives the same way.
    void set_csv_file_picker(std::function<void()> open);
    void set_csv_drop(bool on);
    // A file's text, loaded as pasted CSV is (same errors, same limit; nothing lost on error); a
    // file of `size_bytes` over the limit is refused by its size before any parsing. False: refused,
    // the panel says why. `name` is the file's, for the message.
    bool receive_csv_file(std::string_view name, std::string_view text, double size_bytes);

    // --- Check my working (ui/working_panel.cpp) ---
    // The App does not check working itself (the checker needs muparser, which the page loads
    // separately): the platform installs a checker. The App calls it with the text and a new
    // generation whenever the text, the network or its sample changed while the panel shows
    // text; the checker answers through receive_working_report / _json / _error with that
    // generation, at once (natively) or later (the web's promise). An answer for an older
    // generation is dropped. Without a checker the panel says the check is not available here.
    void set_working_checker(std::function<void(std::string text, int generation)> checker);
    void receive_working_report(int generation, tutor::WorkingReport report);
    void receive_working_json(int generation, std::string_view json); // working_json() text
    void receive_working_error(int generation, std::string message);  // shown in the panel
    const std::string& working_text() const;
    void set_working_text(std::string text); // and opens the panel, as a working= link does
    bool working_open() const;
    void set_working_open(bool open); // the panel's tab (the phone's sheet) shown or not

    struct State; // ui/state.hpp: the Session and the UI's own parts
private:
    std::unique_ptr<State> s_;
};

} // namespace gf::ui
