// The page's platform layer: a WebGL2 context, Dear ImGui drawn by imgui_gl and our html5 input
// backend (web_input.cpp), and the browser's main loop — Emscripten's html5 API directly, no SDL
// (it cost the page ~65 KB of wasm code and its JavaScript glue for what html5.h already gives).
// The desktop app is main.cpp (SDL2); what the two loops share is loop.cpp.
//
// The module comes in two parts (web/split_module.py); input waits for the second (frame(), below).
//
// Idle: when nothing moves (App::next_wake_s) and no input came for a few frames, no frame is
// drawn: the main loop is paused, and a DOM event handler (every mouse, touch, key, wheel and
// resize event), a page API call (web_api.cpp) or a timer resumes it. A page that is out of view
// (an iframe scrolled away, a hidden tab: web/shell.html calls gradflow_set_visible) is not drawn.
#include "platform/damage.hpp"
#include "platform/imgui_gl.hpp"
#include "platform/loop.hpp"
#include "platform/web_api.hpp"
#include "platform/web_input.hpp"
#include "ui/app.hpp"

#include "anim/transport.hpp"

#include "imgui.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <memory>
#include <utility>

namespace {

using namespace gf::platform;

// One state struct: Emscripten's main loop is a callback and cannot keep state on main()'s stack.
struct Platform {
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    std::unique_ptr<gf::ui::App> app;
    Graphics gfx;                // the glow pass and the data plane's textures
    double clock_start_ms = 0.0; // emscripten_get_now() at start-up, moved on across pauses
    double last_s = 0.0;         // the previous frame's now_s
    float font_dpi_scale = 0.0f; // the scale the font atlas was rasterized for
    Idle idle;
    FrameStats stats;
    Damage damage; // the drawing buffer is kept: only what changed is drawn again
};

Platform& platform()
{
    static Platform p; // static: outlives main(), the loop keeps running
    return p;
}

void sleep_until_woken(Platform& p, double wait_s);

// Something changed that a frame must show: draw the next few, and resume the paused loop.
void wake(Platform& p)
{
    if (wake_up(p.idle)) emscripten_resume_main_loop();
}

// The module's second part (web/split_module.py: what only input reaches — the editor, training,
// the dialogs) is fetched on the first input, which waits for it (web/shell.html: gradflowRest,
// which wakes the loop when it is in). Until then frames go on playing the story.
// clang-format off
EM_JS(int, gf_js_rest_ready, (), {
    const rest = window['gradflowRest'];
    return !rest || rest['ready']() ? 1 : 0;
});
EM_JS(void, gf_js_load_rest, (), {
    window['gradflowRest']['load']();
});
// clang-format on

void frame(void* arg)
{
    Platform& p = *static_cast<Platform*>(arg);
    const bool hold_input = gf::platform::web::interacted() && !gf_js_rest_ready();
    if (hold_input)
        gf_js_load_rest();
    else if (gf::platform::web::process_events())
        p.idle.frames_left = kWakeFrames;

    // The clock is read here, once, and handed to everything that animates.
    double now_s = (emscripten_get_now() - p.clock_start_ms) / 1000.0;
    const double skipped = pause_to_skip(now_s, p.last_s, std::exchange(p.idle.slept, false), p.stats.frames);
    if (skipped > 0.0) {
        p.clock_start_ms += skipped * 1000.0;
        now_s -= skipped;
    }

    const gf::platform::web::CanvasSize size = gf::platform::web::update_canvas_size();
    gf::platform::imgui_gl::new_frame();
    gf::platform::web::new_frame(size, hold_input);
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = std::clamp(float(now_s - p.last_s), kMinDt, float(gf::anim::kMaxFrameStep));
    p.last_s = now_s;
    ensure_fonts(p.font_dpi_scale, io.DisplayFramebufferScale.x > 0.0f ? io.DisplayFramebufferScale.x : 1.0f);

    build_and_draw(*p.app, p.stats, now_s, size.fb_w, size.fb_h, &p.damage,
                   &p.gfx.layer); // the browser presents it
    if (start_deferred_gl(*p.app, p.gfx, p.stats)) gf::web::set_plane_evaluator(p.gfx.plane.get(), p.gfx.plane_why);

    double wait_s = 0.0;
    if (should_sleep(*p.app, p.idle, gf::platform::web::keys_held(), wait_s)) sleep_until_woken(p, wait_s);
}

void timed_wake(void* arg)
{
    Platform& p = platform();
    if (unsigned(reinterpret_cast<std::uintptr_t>(arg)) == p.idle.timer_id) wake(p);
}

// Stops drawing until an event, an API call, becoming visible again, or `wait_s` (App::next_wake_s;
// infinity: no timer) has passed.
void sleep_until_woken(Platform& p, double wait_s)
{
    p.idle.asleep = true;
    p.idle.slept = true;
    p.idle.frames_left = 0;
    emscripten_pause_main_loop();
    const unsigned id = ++p.idle.timer_id;
    if (p.idle.visible && std::isfinite(wait_s))
        emscripten_async_call(timed_wake, reinterpret_cast<void*>(std::uintptr_t(id)), int(wait_s * 1000.0));
}

// The world's mistake (no WebGL2): said in words, with what to do. stderr goes to the page
// shell, which shows it in place of the canvas.
int fail(const char* what)
{
    std::fprintf(stderr,
                 "gradflow: fatal: %s\n"
                 "gradflow needs WebGL 2. Try a current Firefox, Chrome, Edge or Safari, and check that "
                 "hardware acceleration is enabled.\n",
                 what);
    return 1;
}

} // namespace

// web/shell.html: the canvas came into view or left it (IntersectionObserver, visibilitychange).
// Out of view nothing is drawn, whatever moves; back in view the story goes on from where it was.
extern "C" EMSCRIPTEN_KEEPALIVE void gradflow_set_visible(int visible)
{
    Platform& p = platform();
    if (p.idle.visible == (visible != 0)) return;
    p.idle.visible = visible != 0;
    if (p.idle.visible)
        wake(p);
    else if (!p.idle.asleep && p.stats.frames > 0)
        sleep_until_woken(p, std::numeric_limits<double>::infinity());
}

// The shell's view of visibility at start-up (it may have learnt it before the module loaded).
// clang-format off
EM_JS(int, gf_js_visible, (), {
    const visibility = window['gradflowVisibility'];
    return visibility ? (visibility['visible']() ? 1 : 0) : 1;
});
// clang-format on

int main(int, char**)
{
    Platform& p = platform();

    // No alpha, depth, stencil or multisampling (2D only, and the screenshots compare pixels),
    // WebGL 2. The drawing buffer is kept between frames, so a frame draws only what changed
    // (platform/damage.hpp): on a software renderer the side panels cost as much as the canvas.
    // The page's WebGL 2 check (web/shell.html) already made the context with these same
    // attributes: a canvas has one context, so keep the two lists alike.
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.alpha = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.preserveDrawingBuffer = EM_TRUE;
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    // Emscripten's default asks the browser for every extension it has, one getExtension() each:
    // ~15 ms of start-up for extensions nothing here uses. The one we use is asked for below.
    attrs.enableExtensionsByDefault = EM_FALSE;
    const gf::platform::web::CanvasSize size = gf::platform::web::update_canvas_size();
    p.gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (p.gl <= 0) return fail("could not create a WebGL 2 context");
    emscripten_webgl_make_context_current(p.gl);
    // Float render targets, for the GPU evaluation of the input plane (platform/plane_gl.cpp); it
    // says so and leaves the plane to the CPU where the browser lacks them.
    (void)emscripten_webgl_enable_extension(p.gl, "EXT_color_buffer_float");

    create_imgui();
    gf::platform::web::install_input([] { wake(platform()); });
    p.font_dpi_scale = size.css_w > 0 && size.fb_w > 0 ? float(size.fb_w) / float(size.css_w) : 1.0f;
    p.app = create_app("#version 300 es", p.font_dpi_scale, p.gfx);
    gf::web::start(*p.app); // the link's state and window.gradflow
    p.clock_start_ms = emscripten_get_now();

    // Every input wakes the loop (install_input); so does a page API call. The first frames are
    // drawn anyway.
    gf::web::set_wake([] { wake(platform()); });
    p.idle.frames_left = kWakeFrames;
    p.idle.visible = gf_js_visible() != 0; // the first frame is drawn even so (the loader waits for it)
    // The browser owns the loop; this call does not return (simulate_infinite_loop = true).
    emscripten_set_main_loop_arg(frame, &p, 0, true);
    return 0;
}
