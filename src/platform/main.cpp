// gradflow's platform layer: SDL2 window, GL context, Dear ImGui backends and the main loop.
//
// The only file that knows whether it runs natively (SDL2 + desktop OpenGL 3.3 core) or in a
// browser (Emscripten, SDL2 + WebGL2 = OpenGL ES 3.0). Modelled on Dear ImGui's
// examples/example_sdl_opengl3: one frame function, one #ifdef __EMSCRIPTEN__ around the loop.
// Everything the person sees is built by gf::ui::App::frame(), which receives the clock from here.
//
// Idle: when nothing moves (App::next_wake_s) and no input came for a few frames, no frame is
// drawn. Natively the loop blocks in SDL_WaitEventTimeout; on the web the main loop is paused and
// an SDL event watch (every mouse, touch, key, wheel and resize event passes through SDL's queue),
// a page API call (web_api.cpp) or a timer resumes it. A page that is out of view (an iframe
// scrolled away, a hidden tab: web/shell.html calls gradflow_set_visible) is not drawn at all.
#include "platform/clipboard_web.hpp"
#include "platform/files.hpp"
#include "platform/glow_gl.hpp"
#include "platform/texture_gl.hpp"
#include "platform/web_api.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"
#include "ui/glow.hpp"

#include "anim/transport.hpp"
#include "embed/page_state.hpp"
#include "session/session.hpp"
#ifdef GRADFLOW_HAVE_TUTOR
#include "tutor/tutor.hpp"
#endif

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl.h"

#include <SDL.h>
#if defined(IMGUI_IMPL_OPENGL_ES3)
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

// One state struct: everything the frame function needs, since Emscripten's main loop is a
// callback and cannot keep state on main()'s stack.
struct Platform {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    const char* glsl_version = nullptr; // "#version 300 es" or "#version 330 core"
    std::unique_ptr<gf::ui::App> app;
#ifndef __EMSCRIPTEN__
    gf::platform::DiskFiles files; // the editor's Load / Save (the web has no filesystem)
#endif
    std::unique_ptr<gf::ui::glow::Renderer> glow; // null when its shaders failed: no glow, same picture
    std::unique_ptr<gf::ui::Textures> textures;   // the data plane's; null: drawn as rectangles
    struct {
        Uint64 start = 0;       // performance counter at start-up
        double frequency = 1.0; // counts per second
        double last_s = 0.0;    // the previous frame's now_s
    } clock;
    std::vector<SDL_Event> held_keys; // key events kept for the next frame (hold_for_next_frame)
    float font_dpi_scale = 0.0f;      // the scale the font atlas was rasterized for
    struct {
        int frames_left = 0;   // frames still drawn after the last input or change
        bool asleep = false;   // the web's main loop is paused (natively: the loop waits)
        bool slept = false;    // since the last frame: its clock gap is a pause, not a slow frame
        bool visible = true;   // on screen (web: shell.html's IntersectionObserver and visibilitychange)
        double wake_at_s = 0;  // natively: when a timed wake (App::next_wake_s) is due, clock seconds
        unsigned timer_id = 0; // web: the timer that is current; older ones find a newer id and do nothing
    } idle;
    bool done = false;
    long frames = 0;
    double build_s = 0.0; // CPU time in App::frame + ImGui::Render, summed
};

// After this many frames the mean CPU cost of building a frame's draw data is printed once
// (stdout; the browser console on the web), a figure tests and people can read.
constexpr long kCostFrames = 240;

// Small enough to be harmless, large enough that ImGui's "DeltaTime > 0" assertion never fires
// (the 1.86 SDL backend hands over 0 when the counter does not advance, e.g. headless/virtual time).
constexpr float kMinDt = 1.0f / 10000.0f;
// Frames drawn after the last input or change before the loop sleeps: ImGui sees hover a frame
// late, a tooltip or popup appears on the frame after the one that asked for it.
constexpr int kWakeFrames = 4;
// A gap longer than this across a sleep (idle, out of view) is skipped by the clock, so the story
// resumes where it was instead of jumping kMaxFrameStep. Slow frames (no sleep between them) keep
// their time, capped as before; short timed wakes (a blinking cursor) keep theirs too.
constexpr double kPauseGapS = 0.5;
// The step the first frame after such a pause is given.
constexpr double kResumeStepS = 1.0 / 60.0;
// dDist is in touch-device units (the screen is 1 wide): spreading two fingers by a fifth of the
// screen zooms 1.15^4 ≈ 1.75×, about what the same gesture does in a map.
constexpr float kPinchToWheel = 20.0f;

// Rasterizing text at the framebuffer's resolution keeps it crisp on high-DPI screens; the atlas is
// rebuilt when the window moves to a screen (or browser zoom) with a different scale.
void ensure_fonts(Platform& p, float dpi_scale)
{
    if (dpi_scale == p.font_dpi_scale) return;
    gf::ui::load_fonts(dpi_scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    p.font_dpi_scale = dpi_scale;
}

Platform& platform(); // the one instance (main()'s)
void sleep_until_woken(Platform& p, double wait_s);

// Something changed that a frame must show: draw the next few.
void wake(Platform& p)
{
    p.idle.frames_left = kWakeFrames;
    if (!p.idle.asleep || !p.idle.visible) return;
    p.idle.asleep = false;
    ++p.idle.timer_id; // a pending timed wake is now stale
#ifdef __EMSCRIPTEN__
    emscripten_resume_main_loop();
#endif
}

// SDL's event watch: runs inside SDL_PushEvent, on the web straight from the DOM event handler,
// so the paused loop resumes before the browser's next animation frame.
int wake_on_event(void* arg, SDL_Event* event)
{
    // SDL 2.26 queues a sentinel at the end of every poll cycle: the loop's own, not input.
    if (event->type == SDL_POLLSENTINEL) return 0;
    wake(*static_cast<Platform*>(arg));
    return 0;
}

// ImGui 1.86 reads a key's state once per frame (io.KeysDown), so a key pressed and released
// between two frames (a quick tap at a low frame rate, a 0 ms press from a test) was never seen
// down, and a release followed by the next press of the same key looked like one long hold (the
// second press was lost). So each frame hears at most one change per key: a second event for a
// key already changed in this frame — and every key event after it, to keep their order — waits
// for the next frame.
bool hold_for_next_frame(const SDL_Event& e, std::vector<SDL_Scancode>& changed, bool holding)
{
    if (e.type == SDL_TEXTINPUT) return holding;
    if (e.type != SDL_KEYDOWN && e.type != SDL_KEYUP) return false;
    if (holding) return true;
    // The system's auto-repeat only says "still down" (ImGui repeats keys itself): it never
    // starts a hold, so a long press at a low frame rate cannot pile up a queue.
    if (e.type == SDL_KEYDOWN && e.key.repeat != 0) return false;
    const SDL_Scancode key = e.key.keysym.scancode;
    if (std::find(changed.begin(), changed.end(), key) != changed.end()) return true;
    changed.push_back(key);
    return false;
}

void frame(void* arg)
{
    Platform& p = *static_cast<Platform*>(arg);

    std::vector<SDL_Event> events;
    events.swap(p.held_keys);
    SDL_Event polled;
    while (SDL_PollEvent(&polled)) events.push_back(polled);
    std::vector<SDL_Scancode> changed;
    for (const SDL_Event& event : events) {
        if (hold_for_next_frame(event, changed, !p.held_keys.empty())) {
            p.held_keys.push_back(event);
            continue;
        }
        p.idle.frames_left = kWakeFrames;
        ImGui_ImplSDL2_ProcessEvent(&event);
        // Pinch (SDL's two-finger gesture on touch screens) zooms like the mouse wheel, which
        // the canvas already understands; ImGui 1.86's SDL backend ignores gestures.
        if (event.type == SDL_MULTIGESTURE && event.mgesture.numFingers == 2)
            ImGui::GetIO().MouseWheel += event.mgesture.dDist * kPinchToWheel;
        if (event.type == SDL_QUIT) p.done = true;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(p.window))
            p.done = true;
    }

    // The clock is read here, once, and handed to everything that animates.
    double now_s = double(SDL_GetPerformanceCounter() - p.clock.start) / p.clock.frequency;
    const bool slept = std::exchange(p.idle.slept, false);
    if (slept && p.frames > 0 && now_s - p.clock.last_s > kPauseGapS) {
        const double skipped = now_s - p.clock.last_s - kResumeStepS;
        p.clock.start += Uint64(skipped * p.clock.frequency);
        now_s -= skipped;
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = std::clamp(float(now_s - p.clock.last_s), kMinDt, float(gf::anim::kMaxFrameStep));
    p.clock.last_s = now_s;

    const float dpi_scale = io.DisplayFramebufferScale.x > 0.0f ? io.DisplayFramebufferScale.x : 1.0f;
    ensure_fonts(p, dpi_scale);

    const Uint64 build_start = SDL_GetPerformanceCounter();
    ImGui::NewFrame();
    p.app->frame(gf::ui::FrameInput{now_s, io.DisplaySize.x, io.DisplaySize.y, dpi_scale});
    ImGui::Render();
    p.build_s += double(SDL_GetPerformanceCounter() - build_start) / p.clock.frequency;
    if (p.frames + 1 == kCostFrames)
        std::printf(
            "gradflow: building a frame's draw data took %.3f ms on average over %ld frames (%d vertices now)\n",
            p.build_s * 1000.0 / double(kCostFrames), kCostFrames, ImGui::GetDrawData()->TotalVtxCount);
    gf::web::after_frame(); // page API events (web only)

    int fb_w = 0, fb_h = 0;
    SDL_GL_GetDrawableSize(p.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    const gf::view::Rgba clear = p.app->clear_color(); // the theme's
    glClearColor(clear.r, clear.g, clear.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(p.window);

    // Tests (tests/browser/screenshot.mjs) and the page shell wait for this line.
    if (++p.frames == 1) {
        std::printf("gradflow: first frame rendered (%dx%d px)\n", fb_w, fb_h);
        std::fflush(stdout);
    }
    if (p.app->wants_quit()) p.done = true;

    // Sleep once nothing moves and the last input has had its frames.
    const double wait_s = p.app->next_wake_s();
    if (wait_s <= 0.0) p.idle.frames_left = kWakeFrames;
    if (!p.held_keys.empty()) p.idle.frames_left = std::max(p.idle.frames_left, 2); // a held tap's release
    if (--p.idle.frames_left <= 0 || !p.idle.visible) sleep_until_woken(p, wait_s);
}

#ifdef __EMSCRIPTEN__
void timed_wake(void* arg)
{
    Platform& p = platform();
    if (unsigned(reinterpret_cast<std::uintptr_t>(arg)) == p.idle.timer_id) wake(p);
}
#endif

// Stops drawing until an event, an API call, becoming visible again, or `wait_s` (App::next_wake_s;
// infinity: no timer) has passed.
void sleep_until_woken(Platform& p, double wait_s)
{
    if (p.done) return;
    p.idle.asleep = true;
    p.idle.slept = true;
    p.idle.frames_left = 0;
#ifdef __EMSCRIPTEN__
    emscripten_pause_main_loop();
    const unsigned id = ++p.idle.timer_id;
    if (p.idle.visible && std::isfinite(wait_s))
        emscripten_async_call(timed_wake, reinterpret_cast<void*>(std::uintptr_t(id)), int(wait_s * 1000.0));
#else
    p.idle.wake_at_s = std::isfinite(wait_s) ? p.clock.last_s + wait_s : -1.0;
#endif
}

#ifndef __EMSCRIPTEN__
// Natively the loop itself waits: for the next event, or until a timed wake is due.
void wait_natively(Platform& p)
{
    if (!p.idle.asleep) return;
    int timeout_ms = -1; // no timer: only an event wakes it
    if (p.idle.wake_at_s >= 0.0) {
        const double now_s = double(SDL_GetPerformanceCounter() - p.clock.start) / p.clock.frequency;
        timeout_ms = std::max(0, int((p.idle.wake_at_s - now_s) * 1000.0));
    }
    // A null event leaves it in the queue for frame(); the event watch has already woken us.
    if (timeout_ms < 0)
        SDL_WaitEvent(nullptr);
    else
        SDL_WaitEventTimeout(nullptr, timeout_ms);
    wake(p);
}
#endif

#ifndef __EMSCRIPTEN__
// Dev and screenshot hook: GRADFLOW_DEMO holds a page query string
// ("preset=wide&focus=w_212&view=gradients&t=3.5&autoplay=0&panels=inspector"), read by the same
// parser as the page's address (embed::parse_page_url), so a native run can start where a link does.
void start_native(gf::ui::App& app)
{
    const char* demo = std::getenv("GRADFLOW_DEMO");
    if (!demo || !*demo) return;
    const gf::embed::PageState page = gf::embed::parse_page_url(demo, "");
    app.apply_page(page);
    if (page.problems.empty()) return;
    std::string text = "GRADFLOW_DEMO:";
    for (const std::string& problem : page.problems) text += " " + problem;
    std::fprintf(stderr, "gradflow: %s\n", text.c_str());
    app.show_message(std::move(text), true);
}
#endif

// The world's mistake (no GL 3.3 / no WebGL2): said in words, with what to do. On the web
// stderr goes to the page shell, which shows it in place of the canvas.
int fail(const char* what)
{
    std::fprintf(stderr,
                 "gradflow: fatal: %s: %s\n"
#if defined(IMGUI_IMPL_OPENGL_ES3)
                 "gradflow needs WebGL 2. Try a current Firefox, Chrome, Edge or Safari, and check that "
                 "hardware acceleration is enabled.\n",
#else
                 "gradflow needs OpenGL 3.3. Update the graphics driver, or run with "
                 "LIBGL_ALWAYS_SOFTWARE=1 to use Mesa's software renderer.\n",
#endif
                 what, SDL_GetError());
    return 1;
}

Platform& platform()
{
    static Platform p; // static: outlives main() on the web, where the loop keeps running
    return p;
}

} // namespace

#ifdef __EMSCRIPTEN__
// web/shell.html: the canvas came into view or left it (IntersectionObserver, visibilitychange).
// Out of view nothing is drawn, whatever moves; back in view the story goes on from where it was.
extern "C" EMSCRIPTEN_KEEPALIVE void gradflow_set_visible(int visible)
{
    Platform& p = platform();
    if (p.idle.visible == (visible != 0)) return;
    p.idle.visible = visible != 0;
    if (p.idle.visible)
        wake(p);
    else if (!p.idle.asleep && p.frames > 0)
        sleep_until_woken(p, std::numeric_limits<double>::infinity());
}

// The shell's view of visibility at start-up (it may have learnt it before the module loaded).
// clang-format off
EM_JS(int, gf_js_visible, (), {
    const visibility = window['gradflowVisibility'];
    return visibility ? (visibility['visible']() ? 1 : 0) : 1;
});
// clang-format on
#endif

int main(int, char**)
{
    Platform& p = platform();

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) return fail("SDL_Init failed");

#if defined(IMGUI_IMPL_OPENGL_ES3)
    p.glsl_version = "#version 300 es"; // WebGL2
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
    p.glsl_version = "#version 330 core";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG); // macOS needs it
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0); // 2D only
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    // On the web the canvas's CSS size (web/shell.html: the whole window) wins over 1280x720, and
    // ALLOW_HIGHDPI makes SDL size the drawing buffer by devicePixelRatio and follow resizes.
    const auto flags = SDL_WindowFlags(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    p.window = SDL_CreateWindow("gradflow — backpropagation, step by step", SDL_WINDOWPOS_CENTERED,
                                SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
    if (!p.window) return fail("could not create the window");
    p.gl = SDL_GL_CreateContext(p.window);
    if (!p.gl) return fail("could not create an OpenGL context");
    SDL_GL_MakeCurrent(p.window, p.gl);
    SDL_GL_SetSwapInterval(1); // vsync

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // layout is the app's business, and the web has no filesystem
    // Keyboard navigation of the panels is switched on by the App when the person presses Tab
    // (ui/app.cpp, handle_keys): on from the start it made Space press the last clicked button.
    ImGui::StyleColorsDark(); // App::frame() applies the theme's colours on top

    ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
    gf::platform::install_clipboard(); // after the backend, whose SDL clipboard is page-local on the web
    ImGui_ImplOpenGL3_Init(p.glsl_version);
    p.glow = gf::platform::make_glow_renderer(p.glsl_version); // on failure it says why; the app carries on
    gf::ui::glow::set_renderer(p.glow.get());

    // The first atlas, before the first frame creates the font texture from it.
    {
        int win_w = 0, win_h = 0, fb_w = 0, fb_h = 0;
        SDL_GetWindowSize(p.window, &win_w, &win_h);
        SDL_GL_GetDrawableSize(p.window, &fb_w, &fb_h);
        p.font_dpi_scale = win_w > 0 && fb_w > 0 ? float(fb_w) / float(win_w) : 1.0f;
        gf::ui::load_fonts(p.font_dpi_scale);
    }

    p.app = std::make_unique<gf::ui::App>();
    p.textures = gf::platform::make_gl_textures(); // on failure it says why; the plane is drawn without
    p.app->set_textures(p.textures.get());
#ifdef __EMSCRIPTEN__
    gf::web::start(*p.app); // the link's state and window.gradflow
#else
    p.app->set_files(&p.files);
#ifdef GRADFLOW_HAVE_TUTOR
    // Natively the checker is linked in and answers at once (the web loads it as a module).
    p.app->set_working_checker([app = p.app.get()](std::string text, int generation) {
        const gf::Config& c = app->session().config();
        app->receive_working_report(generation, gf::tutor::check_working(c.net, c.sample(), text));
    });
#endif
    start_native(*p.app);
#endif
    p.clock.start = SDL_GetPerformanceCounter();
    p.clock.frequency = double(SDL_GetPerformanceFrequency());

    // Every input wakes the loop; so does a page API call. The first frames are drawn anyway.
    SDL_AddEventWatch(wake_on_event, &p);
    gf::web::set_wake([] { wake(platform()); });
    p.idle.frames_left = kWakeFrames;

#ifdef __EMSCRIPTEN__
    p.idle.visible = gf_js_visible() != 0; // the first frame is drawn even so (the loader waits for it)
    // The browser owns the loop; this call does not return (simulate_infinite_loop = true).
    emscripten_set_main_loop_arg(frame, &p, 0, true);
#else
    while (!p.done) {
        wait_natively(p);
        frame(&p);
    }
    // scripts/idle-native.sh reads this: a paused, untouched window draws only its first few.
    std::printf("gradflow: drew %ld frames in %.1f s\n", p.frames, double(SDL_GetTicks64()) / 1000.0);
#endif

    p.app.reset();
    p.textures.reset(); // its GL textures go before the context does
    gf::ui::glow::set_renderer(nullptr);
    p.glow.reset(); // its GL objects go before the context does
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(p.gl);
    SDL_DestroyWindow(p.window);
    SDL_Quit();
    return 0;
}
