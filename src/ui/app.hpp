// The visualizer's one entry point for the platform layer.
//
// The platform (src/platform) owns SDL, the GL context and the main loop; it creates the ImGui
// context, loads fonts (ui/fonts.hpp) and, once per frame between ImGui::NewFrame() and
// ImGui::Render(), calls App::frame(). Nothing in src/ui knows which platform it runs on.
//
// The public operations below are what the panels themselves use, so a later JS bridge (URL
// hash, embedding) can drive the app the same way: each returns "" when done, otherwise the
// reason it was refused in words (the previous state is kept).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace gf::ui {

struct FrameInput {
    double now_s      = 0.0;   // monotonic clock, seconds; read once per frame by the platform
    float  display_w  = 0.0f;  // logical pixels (ImGui display size)
    float  display_h  = 0.0f;
    float  dpi_scale  = 1.0f;  // framebuffer pixels per logical pixel
};

class App {
public:
    App();                              // starts on the "seed" preset; reads GRADFLOW_DEMO (see apply_demo)
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    void frame(const FrameInput& in);   // builds this frame's ImGui windows
    bool wants_quit() const;

    // --- programmatic control (a JS bridge, tests, GRADFLOW_DEMO) ---
    std::string set_config(std::string_view json);      // parse_config + validate; keeps the old on error
    std::string load_preset(std::string_view name);     // gf::presets()
    std::string config_json() const;                    // config_to_json of what is shown
    std::string eval_json() const;                      // gf::eval_json of what is shown
    std::string focus(std::string_view name);           // "w_212", "a_21", "ŷ_1", "x_1"; "" clears
    void        play();
    void        pause();
    void        toggle_play();
    void        seek(double t_s);                       // seconds into the timeline (clamped)
    void        step_next();                            // next event, paused
    void        step_prev();
    double      time() const;
    double      duration() const;
    bool        playing() const;
    std::string phase() const;                          // the phase in effect at t ("forward layer 1"), "" before any
    std::string focused() const;                        // the focus's name, "" when none
    std::string sgd_step();                             // one training step, applied at once
    std::string train(int steps);                       // synchronous; divergence is reported
    bool        restore();                              // the network before the last training run
    // "preset=wide;focus=w_212;t=3.5;mode=gradients;play=1;panel=inspector" (dev and screenshots).
    std::string apply_demo(std::string_view spec);

    // Share / Embed: the platform that knows the page's address installs this; it returns a link
    // that reopens the current state (embed_snippet = false) or an <iframe> snippet (true). The
    // buttons show only where it is set (the web build).
    void set_share_provider(std::function<std::string(bool embed_snippet)> provider);

    struct State;                       // defined in ui/state.hpp
    State& state();
    const State& state() const;
private:
    std::unique_ptr<State> s_;
};

} // namespace gf::ui
