// The visualizer's one entry point for the platform layer.
//
// The platform (src/platform) owns SDL, the GL context and the main loop; it creates the ImGui
// context, loads fonts (ui/fonts.hpp) and, once per frame between ImGui::NewFrame() and
// ImGui::Render(), calls App::frame(). Nothing in src/ui knows which platform it runs on.
#pragma once

#include <memory>

namespace gf::ui {

struct FrameInput {
    double now_s      = 0.0;   // monotonic clock, seconds; read once per frame by the platform
    float  display_w  = 0.0f;  // logical pixels (ImGui display size)
    float  display_h  = 0.0f;
    float  dpi_scale  = 1.0f;  // framebuffer pixels per logical pixel
};

class App {
public:
    App();
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    void frame(const FrameInput& in);   // builds this frame's ImGui windows
    bool wants_quit() const;

    struct State;                       // defined in app.cpp
    State& state();
private:
    std::unique_ptr<State> s_;
};

} // namespace gf::ui
