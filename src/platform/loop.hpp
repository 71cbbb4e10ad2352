// What the two platform loops share: the SDL2 one (main.cpp, the desktop app) and the page's
// (web_main.cpp, Emscripten's html5 API). Each reads its own events, clock and window size; from
// there the rules are one: which key events wait for the next frame, how a pause is kept off the
// story's clock, how a frame is built and drawn, and when the loop may sleep.
#pragma once

#include "imgui.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace gf {
class PlaneEvaluator;
}
namespace gf::ui {
class App;
class Textures;
namespace glow {
class Renderer;
}
} // namespace gf::ui

namespace gf::platform {

class Damage;
struct LayerCache;

// After this many frames the mean CPU cost of building a frame's draw data is printed once
// (stdout; the browser console on the web), a figure tests and people can read.
inline constexpr long kCostFrames = 240;
// Small enough to be harmless, large enough that ImGui's "DeltaTime > 0" assertion never fires
// (the clock may not advance between two frames, e.g. headless/virtual time).
inline constexpr float kMinDt = 1.0f / 10000.0f;
// Frames drawn after the last input or change before the loop sleeps: ImGui sees hover a frame
// late, a tooltip or popup appears on the frame after the one that asked for it.
inline constexpr int kWakeFrames = 4;
// A gap longer than this across a sleep (idle, out of view) is skipped by the clock, so the story
// resumes where it was instead of jumping kMaxFrameStep. Slow frames (no sleep between them) keep
// their time, capped as before; short timed wakes (a blinking cursor) keep theirs too.
inline constexpr double kPauseGapS = 0.5;
// The step the first frame after such a pause is given.
inline constexpr double kResumeStepS = 1.0 / 60.0;
// A pinch's change of finger distance is in touch-device units (the screen is 1 wide): spreading
// two fingers by a fifth of the screen zooms 1.15^4 ≈ 1.75×, about what the same gesture does in
// a map. The pinch zooms like the mouse wheel, which the canvas already understands.
inline constexpr float kPinchToWheel = 20.0f;

// The loop's sleep state.
struct Idle {
    int frames_left = 0;   // frames still drawn after the last input or change
    bool asleep = false;   // the web's main loop is paused (natively: the loop waits)
    bool slept = false;    // since the last frame: its clock gap is a pause, not a slow frame
    bool visible = true;   // on screen (web: shell.html's IntersectionObserver and visibilitychange)
    double wake_at_s = 0;  // natively: when a timed wake (App::next_wake_s) is due, clock seconds
    unsigned timer_id = 0; // web: the timer that is current; older ones find a newer id and do nothing
};

// Something changed that a frame must show: the next kWakeFrames frames are drawn. True when the
// loop was asleep (and is in view) and must be resumed now; a pending timed wake is then stale.
bool wake_up(Idle& idle);

// One key or text event as the hold rule sees it.
struct KeyEventView {
    bool is_key = false;  // a key going down or up
    bool is_down = false; // for a key: down
    bool repeat = false;  // for a key going down: the system's auto-repeat
    bool is_text = false; // a character typed
    int key = 0;          // which key (any stable id per physical key)
};

// ImGui 1.86 reads a key's state once per frame (io.KeysDown), so a key pressed and released
// between two frames (a quick tap at a low frame rate, a 0 ms press from a test) was never seen
// down, and a release followed by the next press of the same key looked like one long hold (the
// second press was lost). So each frame hears at most one change per key: a second event for a
// key already changed in this frame — and every key event after it, to keep their order — waits
// for the next frame.
bool hold_for_next_frame(const KeyEventView& e, std::vector<int>& changed, bool holding);

// The story's clock across a sleep: when the gap since the last frame was a pause longer than
// kPauseGapS, returns the seconds to take off the clock (so the story resumes where it was);
// otherwise 0.
double pause_to_skip(double now_s, double last_s, bool slept, long frames);

// Rasterizing text at the framebuffer's resolution keeps it crisp on high-DPI screens; the atlas
// is rebuilt when the window moves to a screen (or browser zoom) with a different scale.
void ensure_fonts(float& font_dpi_scale, float dpi_scale);

// Frames drawn and the CPU time spent building them.
struct FrameStats {
    long frames = 0;
    double build_s = 0.0; // CPU time in App::frame + ImGui::Render, summed
};

// ImGui::NewFrame → App::frame → ImGui::Render, then the theme's clear and ImGui's draw data into
// the current framebuffer (fb_w × fb_h device pixels). The platform backend's NewFrame has run
// and io.DeltaTime is set. Prints the cost line and, after the first frame, the line tests and the
// page shell wait for. The caller swaps buffers (natively) or lets the browser present.
// With `damage` (the page, whose drawing buffer is kept between frames) only what changed since
// the last frame is cleared and drawn again, and a frame that changed nothing draws nothing;
// without (natively: the swap leaves the back buffer undefined) everything, every frame.
void build_and_draw(gf::ui::App& app, FrameStats& stats, double now_s, int fb_w, int fb_h, Damage* damage = nullptr,
                    LayerCache* layer = nullptr);

// After a frame: how long the loop may sleep (App::next_wake_s), and whether it sleeps now
// (nothing moved for kWakeFrames frames, or the page is out of view).
bool should_sleep(gf::ui::App& app, Idle& idle, bool keys_held, double& wait_s);

// Where the data plane's forward passes run by default. Measured in headless Chromium with
// software WebGL (SwiftShader, 2 cores; tests/browser/plane-gpu.test.mjs prints it) for spiral
// 6×8 tanh, one 64×64 plane: CPU wasm (double) 7.6–20 ms, the shader with its readback 23–63 ms.
// So the CPU is the default; the GPU evaluator (plane_gl.cpp) is made, tested against the CPU and
// switched on here where a real GPU makes it the faster.
inline constexpr bool kPlaneOnGpu = false;

// The GL objects the app draws with besides ImGui's: each is null when it failed (it said why),
// and the picture is drawn without it.
// The canvas's still layer (ui/layer.hpp) kept in a texture at the framebuffer's size (device
// pixels): drawn into when its key (what it shows) changed, copied in each frame (build_and_draw,
// the page only: natively each frame is drawn whole).
struct LayerCache {
    unsigned fbo = 0, tex = 0; // GL names, 0: none yet
    int w = 0, h = 0;
    std::uint64_t key = 0; // what the texture holds, when valid
    bool valid = false;
    bool broken = false; // the framebuffer was incomplete: the layer is drawn directly
};

struct Graphics {
    std::unique_ptr<gf::ui::glow::Renderer> glow; // the pulses' glow pass (start_deferred_gl)
    std::unique_ptr<gf::ui::Textures> textures;   // the data plane's
    std::string glsl_version;                     // create_app's
    bool deferred_done = false;                   // start_deferred_gl has run
    std::unique_ptr<gf::PlaneEvaluator> plane;    // the plane's forward passes on the GPU (deferred too)
    std::string plane_why;                        // why `plane` is null
    LayerCache layer;                             // the canvas's still layer (the page's)
    Graphics();
    ~Graphics();
};

// ImGui's context with the app's settings (no imgui.ini, the dark style under the theme).
void create_imgui();

// With the GL context current and the platform backend initialised: ImGui's OpenGL3 backend,
// the textures, the first font atlas at `dpi_scale`, and the app.
std::unique_ptr<gf::ui::App> create_app(const char* glsl_version, float dpi_scale, Graphics& gfx);

// The glow pass, once, after the first frame (stats.frames ≥ 1; call it after every frame): its
// shaders' compilation (and on a software renderer their JIT on first use) then delays the
// second frame rather than the first. The first frames are drawn without glow, which only adds
// light (ui/glow.hpp).
// The GPU plane evaluator's shaders are made then too (nothing in a first frame uses them).
// true on the call that made them.
bool start_deferred_gl(gf::ui::App& app, Graphics& gfx, const FrameStats& stats);

// The app and every GL object, before the context goes.
void destroy_app(std::unique_ptr<gf::ui::App>& app, Graphics& gfx);

} // namespace gf::platform
