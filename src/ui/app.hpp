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

class App {
public:
    App(); // starts on the "seed" preset, playing
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    void frame(const FrameInput& in); // builds this frame's ImGui windows
    bool wants_quit() const;

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
    bool side_panel_open() const;
    bool inspector_open() const;
    void set_panels(bool side, bool inspector);
    void show_message(std::string text, bool is_error); // in the side panel

    // The state a link carries (parse_page_url: network, focus, view, contrast, speed, t,
    // autoplay, panels, motion); the platform applies the page's address, or natively
    // GRADFLOW_DEMO, with it. Its problems are the caller's to show.
    void apply_page(const embed::PageState& page);

    // Where the diagram was last drawn, in screen pixels (ImGui's; the page's CSS pixels).
    view::Rect canvas_rect() const;
    // Screen positions of the drawn nodes by ASCII name (x_1, a_21, yhat_1, L) and, for each
    // weight (w_212), a point on its edge that a click selects. Empty before the first frame.
    std::vector<std::pair<std::string, view::Vec2>> node_positions() const;
    // Screen rectangles of the panels' named controls as last drawn ("Copy LaTeX", "Share", "x_1"
    // fields …), for tests that press them with real input events.
    std::vector<std::pair<std::string, view::Rect>> widget_positions() const;

    // Share / Embed: the platform that knows the page's address installs this; it returns a link
    // that reopens the current state (embed_snippet = false) or an <iframe> snippet (true). The
    // buttons show only where it is set (the web build).
    void set_share_provider(std::function<std::string(bool embed_snippet)> provider);
    // Load / Save in the editor; not owned, must outlive the App.
    void set_files(FileStore* files);

    struct State; // ui/state.hpp: the Session and the UI's own parts
private:
    std::unique_ptr<State> s_;
};

} // namespace gf::ui
