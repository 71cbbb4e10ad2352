#include "platform/loop.hpp"

#include "platform/clipboard_web.hpp"
#include "platform/glow_gl.hpp"
#include "platform/plane_gl.hpp"
#include "platform/texture_gl.hpp"
#include "platform/web_api.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"
#include "ui/glow.hpp"

#include "imgui_impl_opengl3.h"

#if defined(IMGUI_IMPL_OPENGL_ES3)
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace gf::platform {

bool wake_up(Idle& idle)
{
    idle.frames_left = kWakeFrames;
    if (!idle.asleep || !idle.visible) return false;
    idle.asleep = false;
    ++idle.timer_id;
    return true;
}

bool hold_for_next_frame(const KeyEventView& e, std::vector<int>& changed, bool holding)
{
    if (e.is_text) return holding;
    if (!e.is_key) return false;
    if (holding) return true;
    // The system's auto-repeat only says "still down" (ImGui repeats keys itself): it never
    // starts a hold, so a long press at a low frame rate cannot pile up a queue.
    if (e.is_down && e.repeat) return false;
    if (std::find(changed.begin(), changed.end(), e.key) != changed.end()) return true;
    changed.push_back(e.key);
    return false;
}

double pause_to_skip(double now_s, double last_s, bool slept, long frames)
{
    if (!slept || frames <= 0 || now_s - last_s <= kPauseGapS) return 0.0;
    return now_s - last_s - kResumeStepS;
}

void ensure_fonts(float& font_dpi_scale, float dpi_scale)
{
    if (dpi_scale == font_dpi_scale) return;
    gf::ui::load_fonts(dpi_scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    font_dpi_scale = dpi_scale;
}

void build_and_draw(gf::ui::App& app, FrameStats& stats, double now_s, int fb_w, int fb_h)
{
    const ImGuiIO& io = ImGui::GetIO();
    const float dpi_scale = io.DisplayFramebufferScale.x > 0.0f ? io.DisplayFramebufferScale.x : 1.0f;

    using Clock = std::chrono::steady_clock;
    const Clock::time_point build_start = Clock::now();
    ImGui::NewFrame();
    app.frame(gf::ui::FrameInput{now_s, io.DisplaySize.x, io.DisplaySize.y, dpi_scale});
    ImGui::Render();
    stats.build_s += std::chrono::duration<double>(Clock::now() - build_start).count();
    if (stats.frames + 1 == kCostFrames)
        std::printf(
            "gradflow: building a frame's draw data took %.3f ms on average over %ld frames (%d vertices now)\n",
            stats.build_s * 1000.0 / double(kCostFrames), kCostFrames, ImGui::GetDrawData()->TotalVtxCount);
    gf::web::after_frame(); // page API events (web only)

    glViewport(0, 0, fb_w, fb_h);
    const gf::view::Rgba clear = app.clear_color(); // the theme's
    glClearColor(clear.r, clear.g, clear.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    // The panels' and the canvas's backgrounds (App::backdrops), each a scissored clear: as
    // ImGui's triangles they cost more than the rest of the frame on a software renderer.
    glEnable(GL_SCISSOR_TEST);
    for (const gf::ui::App::Backdrop& b : app.backdrops()) {
        // The pixels whose centres a filled rectangle would cover, in framebuffer rows (y up).
        const int x0 = std::max(0, int(std::ceil(b.rect.min.x * dpi_scale - 0.5f)));
        const int x1 = std::min(fb_w, int(std::ceil(b.rect.max.x * dpi_scale - 0.5f)));
        const int y0 = std::max(0, int(std::ceil(b.rect.min.y * dpi_scale - 0.5f)));
        const int y1 = std::min(fb_h, int(std::ceil(b.rect.max.y * dpi_scale - 0.5f)));
        if (x1 <= x0 || y1 <= y0) continue;
        glScissor(x0, fb_h - y1, x1 - x0, y1 - y0);
        glClearColor(b.color.r, b.color.g, b.color.b, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    // Tests (tests/browser/screenshot.mjs) and the page shell wait for this line.
    if (++stats.frames == 1) {
        std::printf("gradflow: first frame rendered (%dx%d px)\n", fb_w, fb_h);
        std::fflush(stdout);
    }
}

bool should_sleep(gf::ui::App& app, Idle& idle, bool keys_held, double& wait_s)
{
    // Sleep once nothing moves and the last input has had its frames.
    wait_s = app.next_wake_s();
    if (wait_s <= 0.0) idle.frames_left = kWakeFrames;
    if (keys_held) idle.frames_left = std::max(idle.frames_left, 2); // a held tap's release
    return --idle.frames_left <= 0 || !idle.visible;
}

Graphics::Graphics() = default;
Graphics::~Graphics() = default;

void create_imgui()
{
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // layout is the app's business, and the web has no filesystem
    // Keyboard navigation of the panels is switched on by the App when the person presses Tab
    // (ui/app.cpp, handle_keys): on from the start it made Space press the last clicked button.
    ImGui::StyleColorsDark(); // App::frame() applies the theme's colours on top
}

std::unique_ptr<gf::ui::App> create_app(const char* glsl_version, float dpi_scale, Graphics& gfx)
{
    install_clipboard(); // the browser's (web only); after the platform backend, which sets its own
    ImGui_ImplOpenGL3_Init(glsl_version);
    gfx.glsl_version = glsl_version; // glow and the GPU plane are made after the first frame (start_deferred_gl)
    // The first atlas, before the first frame creates the font texture from it.
    gf::ui::load_fonts(dpi_scale);
    auto app = std::make_unique<gf::ui::App>();
    app->set_backdrops_by_platform(true); // build_and_draw clears them
    gfx.textures = make_gl_textures();    // on failure it says why; the plane is drawn without
    app->set_textures(gfx.textures.get());
    return app;
}

bool start_deferred_gl(gf::ui::App& app, Graphics& gfx, const FrameStats& stats)
{
    if (gfx.deferred_done || stats.frames < 1) return false;
    gfx.deferred_done = true;
    gfx.glow = make_glow_renderer(gfx.glsl_version.c_str()); // on failure it says why; the app carries on
    gf::ui::glow::set_renderer(gfx.glow.get());
    gfx.plane = make_gl_plane_evaluator(gfx.glsl_version.c_str(), gfx.plane_why);
    if (!gfx.plane)
        std::fprintf(stderr, "gradflow: the data plane is computed on the CPU: %s\n", gfx.plane_why.c_str());
    if (kPlaneOnGpu) app.session().set_plane_evaluator(gfx.plane.get());
    return true;
}

void destroy_app(std::unique_ptr<gf::ui::App>& app, Graphics& gfx)
{
    app.reset();
    gfx.plane.reset();
    gfx.textures.reset(); // its GL textures go before the context does
    gf::ui::glow::set_renderer(nullptr);
    gfx.glow.reset(); // its GL objects go before the context does
    ImGui_ImplOpenGL3_Shutdown();
}

} // namespace gf::platform
