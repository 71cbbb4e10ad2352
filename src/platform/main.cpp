// gradflow's desktop platform layer: SDL2 window, GL context, Dear ImGui backends and the main loop.
//
// Natively SDL2 + desktop OpenGL 3.3 core. The page has its own platform layer without SDL
// (web_main.cpp: Emscripten's html5 API and WebGL2); what both loops share — the key hold rule,
// the clock across a pause, building and drawing a frame, when to sleep — is in loop.cpp.
// Modelled on Dear ImGui's examples/example_sdl_opengl3: one frame function. Everything the
// person sees is built by gf::ui::App::frame(), which receives the clock from here.
//
// Idle: when nothing moves (App::next_wake_s) and no input came for a few frames, no frame is
// drawn: the loop blocks in SDL_WaitEventTimeout, and an SDL event watch or a timer wakes it.
#include "platform/files.hpp"
#include "platform/imgui_gl.hpp"
#include "platform/loop.hpp"
#include "ui/app.hpp"

#include "anim/transport.hpp"
#include "embed/page_state.hpp"
#include "session/session.hpp"
#ifdef GRADFLOW_HAVE_TUTOR
#include "tutor/tutor.hpp"
#endif

#include "imgui.h"
#include "imgui_impl_sdl.h"

#include <SDL.h>
#include <SDL_opengl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace gf::platform;

// One state struct: everything the frame function needs.
struct Platform {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    std::unique_ptr<gf::ui::App> app;
    gf::platform::DiskFiles files; // the editor's Load / Save
    Graphics gfx;                  // the glow pass and the data plane's textures
    struct {
        Uint64 start = 0;       // performance counter at start-up
        double frequency = 1.0; // counts per second
        double last_s = 0.0;    // the previous frame's now_s
    } clock;
    std::vector<SDL_Event> held_keys; // key events kept for the next frame (hold_for_next_frame)
    float font_dpi_scale = 0.0f;      // the scale the font atlas was rasterized for
    Idle idle;
    bool done = false;
    FrameStats stats;
};

Platform& platform(); // the one instance (main()'s)
void sleep_until_woken(Platform& p, double wait_s);

// Something changed that a frame must show: draw the next few (wait_natively returns).
void wake(Platform& p) { wake_up(p.idle); }

// SDL's event watch: runs inside SDL_PushEvent.
int wake_on_event(void* arg, SDL_Event* event)
{
    // SDL 2.26 queues a sentinel at the end of every poll cycle: the loop's own, not input.
    if (event->type == SDL_POLLSENTINEL) return 0;
    wake(*static_cast<Platform*>(arg));
    return 0;
}

KeyEventView key_view(const SDL_Event& e)
{
    KeyEventView v;
    v.is_text = e.type == SDL_TEXTINPUT;
    v.is_key = e.type == SDL_KEYDOWN || e.type == SDL_KEYUP;
    if (v.is_key) {
        v.is_down = e.type == SDL_KEYDOWN;
        v.repeat = e.key.repeat != 0;
        v.key = int(e.key.keysym.scancode);
    }
    return v;
}

// A file dropped on the window goes to the data panel as CSV (the page's "Load CSV file…"). At
// most the limit + 1 bytes are read: a larger file is refused by its size, unread.
void load_dropped_csv(gf::ui::App& app, const char* path)
{
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    const std::string name = std::filesystem::path(path).filename().string();
    if (!f) {
        app.show_message("Could not open the dropped file " + std::string(path) + ". Check it is a readable file.",
                         true);
        return;
    }
    const auto size = double(f.tellg());
    std::string text;
    if (size <= double(gf::kMaxCsvBytes)) {
        f.seekg(0);
        text.resize(std::size_t(size));
        f.read(text.data(), std::streamsize(text.size()));
        text.resize(std::size_t(f.gcount()));
    }
    app.receive_csv_file(name, text, size);
}

void frame(Platform& p)
{
    std::vector<SDL_Event> events;
    events.swap(p.held_keys);
    SDL_Event polled;
    while (SDL_PollEvent(&polled)) events.push_back(polled);
    std::vector<int> changed;
    for (const SDL_Event& event : events) {
        if (hold_for_next_frame(key_view(event), changed, !p.held_keys.empty())) {
            p.held_keys.push_back(event);
            continue;
        }
        p.idle.frames_left = kWakeFrames;
        ImGui_ImplSDL2_ProcessEvent(&event);
        // Pinch (SDL's two-finger gesture on touch screens) zooms like the mouse wheel;
        // ImGui 1.86's SDL backend ignores gestures.
        if (event.type == SDL_MULTIGESTURE && event.mgesture.numFingers == 2)
            ImGui::GetIO().MouseWheel += event.mgesture.dDist * kPinchToWheel;
        if (event.type == SDL_QUIT) p.done = true;
        if (event.type == SDL_DROPFILE && event.drop.file) {
            load_dropped_csv(*p.app, event.drop.file);
            SDL_free(event.drop.file);
        }
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(p.window))
            p.done = true;
    }

    // The clock is read here, once, and handed to everything that animates.
    double now_s = double(SDL_GetPerformanceCounter() - p.clock.start) / p.clock.frequency;
    const double skipped = pause_to_skip(now_s, p.clock.last_s, std::exchange(p.idle.slept, false), p.stats.frames);
    if (skipped > 0.0) {
        p.clock.start += Uint64(skipped * p.clock.frequency);
        now_s -= skipped;
    }

    gf::platform::imgui_gl::new_frame();
    ImGui_ImplSDL2_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = std::clamp(float(now_s - p.clock.last_s), kMinDt, float(gf::anim::kMaxFrameStep));
    p.clock.last_s = now_s;
    ensure_fonts(p.font_dpi_scale, io.DisplayFramebufferScale.x > 0.0f ? io.DisplayFramebufferScale.x : 1.0f);

    int fb_w = 0, fb_h = 0;
    SDL_GL_GetDrawableSize(p.window, &fb_w, &fb_h);
    build_and_draw(*p.app, p.stats, now_s, fb_w, fb_h);
    SDL_GL_SwapWindow(p.window);
    start_deferred_gl(*p.app, p.gfx, p.stats);
    if (p.app->wants_quit()) p.done = true;

    double wait_s = 0.0;
    if (should_sleep(*p.app, p.idle, !p.held_keys.empty(), wait_s)) sleep_until_woken(p, wait_s);
}

// Stops drawing until an event or `wait_s` (App::next_wake_s; infinity: no timer) has passed.
void sleep_until_woken(Platform& p, double wait_s)
{
    if (p.done) return;
    p.idle.asleep = true;
    p.idle.slept = true;
    p.idle.frames_left = 0;
    p.idle.wake_at_s = std::isfinite(wait_s) ? p.clock.last_s + wait_s : -1.0;
}

// The loop itself waits: for the next event, or until a timed wake is due.
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

// The world's mistake (no GL 3.3): said in words, with what to do.
int fail(const char* what)
{
    std::fprintf(stderr,
                 "gradflow: fatal: %s: %s\n"
                 "gradflow needs OpenGL 3.3. Update the graphics driver, or run with "
                 "LIBGL_ALWAYS_SOFTWARE=1 to use Mesa's software renderer.\n",
                 what, SDL_GetError());
    return 1;
}

Platform& platform()
{
    static Platform p;
    return p;
}

} // namespace

int main(int, char**)
{
    Platform& p = platform();

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) return fail("SDL_Init failed");

    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG); // macOS needs it
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0); // 2D only
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    const auto flags = SDL_WindowFlags(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    p.window = SDL_CreateWindow("gradflow — backpropagation, step by step", SDL_WINDOWPOS_CENTERED,
                                SDL_WINDOWPOS_CENTERED, 1280, 720, flags);
    if (!p.window) return fail("could not create the window");
    p.gl = SDL_GL_CreateContext(p.window);
    if (!p.gl) return fail("could not create an OpenGL context");
    SDL_GL_MakeCurrent(p.window, p.gl);
    SDL_GL_SetSwapInterval(1); // vsync

    create_imgui();
    ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
    int win_w = 0, win_h = 0, fb_w = 0, fb_h = 0;
    SDL_GetWindowSize(p.window, &win_w, &win_h);
    SDL_GL_GetDrawableSize(p.window, &fb_w, &fb_h);
    p.font_dpi_scale = win_w > 0 && fb_w > 0 ? float(fb_w) / float(win_w) : 1.0f;
    p.app = create_app("#version 330 core", p.font_dpi_scale, p.gfx);
    p.app->set_files(&p.files);
    p.app->set_csv_drop(true); // a .csv dropped on the window: the data panel's CSV, as if pasted
#ifdef GRADFLOW_HAVE_TUTOR
    // Natively the checker is linked in and answers at once (the web loads it as a module).
    p.app->set_working_checker([app = p.app.get()](std::string text, int generation) {
        const gf::Config& c = app->session().config();
        app->receive_working_report(generation, gf::tutor::check_working(c.net, c.sample(), text));
    });
#endif
    start_native(*p.app);
    p.clock.start = SDL_GetPerformanceCounter();
    p.clock.frequency = double(SDL_GetPerformanceFrequency());

    // Every input wakes the loop. The first frames are drawn anyway.
    SDL_AddEventWatch(wake_on_event, &p);
    p.idle.frames_left = kWakeFrames;

    while (!p.done) {
        wait_natively(p);
        frame(p);
    }
    // scripts/idle-native.sh reads this: a paused, untouched window draws only its first few.
    std::printf("gradflow: drew %ld frames in %.1f s\n", p.stats.frames, double(SDL_GetTicks64()) / 1000.0);

    destroy_app(p.app, p.gfx);
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(p.gl);
    SDL_DestroyWindow(p.window);
    SDL_Quit();
    return 0;
}
