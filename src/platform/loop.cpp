#include "platform/loop.hpp"

#include "platform/clipboard_web.hpp"
#include "platform/damage.hpp"
#include "platform/glow_gl.hpp"
#include "platform/imgui_gl.hpp"
#include "platform/plane_gl.hpp"
#include "platform/texture_gl.hpp"
#include "platform/web_api.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"
#include "ui/glow.hpp"

#if defined(IMGUI_IMPL_OPENGL_ES3)
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <utility>
#include <vector>

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
    imgui_gl::destroy_fonts_texture();
    imgui_gl::create_fonts_texture();
    font_dpi_scale = dpi_scale;
}

namespace {

enum class LayerUse { direct, kept, draw };

// The texture for `key`: kept (it holds it), draw (its framebuffer is bound: clear and draw the
// layer at the window framebuffer's coordinates, then bind framebuffer 0), or direct (natively, or
// the framebuffer is incomplete: draw the layer in the window as before).
LayerUse prepare_layer(LayerCache& c, int w, int h, std::uint64_t key)
{
#if defined(IMGUI_IMPL_OPENGL_ES3)
    if (c.broken) return LayerUse::direct;
    if (c.fbo == 0) {
        glGenTextures(1, &c.tex);
        glGenFramebuffers(1, &c.fbo);
    }
    if (c.w != w || c.h != h) {
        // (Re)sized in place: the framebuffer keeps the texture attached. ImGui's renderer binds
        // its own textures per command.
        glBindTexture(GL_TEXTURE_2D, c.tex);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST); // texel for pixel
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glBindFramebuffer(GL_FRAMEBUFFER, c.fbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, c.tex, 0);
        const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            std::fprintf(stderr, "gradflow: edges drawn directly: framebuffer incomplete (0x%x)\n", unsigned(status));
            c.broken = true;
            return LayerUse::direct;
        }
        c.w = w;
        c.h = h;
        c.valid = false;
    }
    if (c.valid && c.key == key) return LayerUse::kept;
    glBindFramebuffer(GL_FRAMEBUFFER, c.fbo);
    c.key = key;
    c.valid = true;
    return LayerUse::draw;
#else
    (void)c, (void)w, (void)h, (void)key;
    return LayerUse::direct;
#endif
}

} // namespace

void build_and_draw(gf::ui::App& app, FrameStats& stats, double now_s, int fb_w, int fb_h, Damage* damage,
                    LayerCache* layer)
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

    ImDrawData* dd = ImGui::GetDrawData();
    const gf::view::Rgba clear = app.clear_color(); // the theme's
    const std::vector<gf::ui::App::Backdrop>& backdrops = app.backdrops();
    std::vector<DamageRect> rects;
    std::uint64_t scene_hash = 0;
    // The first frame is drawn whole and without the still layer, and measures nothing: what it
    // would hash has nothing to be compared with, and hashing and filling the layer's texture
    // there (in the module's not yet optimised code, with the GPU still compiling shaders) delayed
    // the first picture by tens of ms. The damage stays unset, so the second frame is whole too.
    const bool tracked = damage && stats.frames > 0;
    if (tracked) {
        // What is drawn besides the lists: a change there redraws everything.
        std::vector<float> scene{float(fb_w), float(fb_h), clear.r, clear.g, clear.b};
        for (const gf::ui::App::Backdrop& b : backdrops)
            for (float v : {b.rect.min.x, b.rect.min.y, b.rect.max.x, b.rect.max.y, b.color.r, b.color.g, b.color.b})
                scene.push_back(v);
        scene_hash = hash_bytes(scene.data(), scene.size() * sizeof(float));
        rects = damage->update(*dd, scene_hash, texture_updates());
    } else {
        rects.assign(1, DamageRect{dd->DisplayPos.x, dd->DisplayPos.y, dd->DisplayPos.x + dd->DisplaySize.x,
                                   dd->DisplayPos.y + dd->DisplaySize.y});
    }

    glViewport(0, 0, fb_w, fb_h);
    // Framebuffer pixels (y up) whose centres a rectangle in display coordinates covers.
    auto scissor = [&](float x0f, float y0f, float x1f, float y1f) {
        const int x0 = std::max(0, int(std::ceil(x0f * dpi_scale - 0.5f)));
        const int x1 = std::min(fb_w, int(std::ceil(x1f * dpi_scale - 0.5f)));
        const int y0 = std::max(0, int(std::ceil(y0f * dpi_scale - 0.5f)));
        const int y1 = std::min(fb_h, int(std::ceil(y1f * dpi_scale - 0.5f)));
        if (x1 <= x0 || y1 <= y0) return false;
        glScissor(x0, fb_h - y1, x1 - x0, y1 - y0);
        return true;
    };
    // The panels' and the canvas's backgrounds (App::backdrops) inside r, each a scissored clear:
    // as ImGui's triangles they cost more than the rest of the frame on a software renderer.
    auto clear_backdrops = [&](const DamageRect& r) {
        for (const gf::ui::App::Backdrop& b : backdrops) {
            if (!scissor(std::max(b.rect.min.x, r.x), std::max(b.rect.min.y, r.y), std::min(b.rect.max.x, r.z),
                         std::min(b.rect.max.y, r.w)))
                continue;
            glClearColor(b.color.r, b.color.g, b.color.b, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
        }
    };

    // The canvas's still layer (ui/layer.hpp: the edges) from its texture when it holds this
    // frame's; drawn into the texture first when not. Its commands are then skipped below.
    std::vector<ImDrawList*> lists;
    std::vector<ImVec4> saved;
    StaticSpan span;
    if (layer && tracked && !rects.empty()) span = static_span(*dd);
    if (span.vertices < kLayerMinVertices) span.list = -1; // cheaper drawn directly
    if (span.list >= 0) {
        const std::uint64_t words[] = {span.hash, scene_hash, texture_updates()};
        const DamageRect lr = span.rect;
        const LayerUse use = prepare_layer(*layer, fb_w, fb_h, hash_bytes(words, sizeof words));
        if (use == LayerUse::draw) {
            glViewport(0, 0, fb_w, fb_h);
            glEnable(GL_SCISSOR_TEST);
            if (scissor(lr.x, lr.y, lr.z, lr.w)) {
                glClearColor(clear.r, clear.g, clear.b, 1.0f);
                glClear(GL_COLOR_BUFFER_BIT);
                clear_backdrops(lr);
            }
            glDisable(GL_SCISSOR_TEST);
            // The canvas's list alone, cut short after the layer, the commands before it clipped
            // to nothing; put back after.
            ImDrawList* l = dd->CmdLists[span.list];
            const int size = std::exchange(l->CmdBuffer.Size, span.end);
            saved.clear();
            for (int k = 0; k < span.begin; ++k) saved.push_back(std::exchange(l->CmdBuffer[k].ClipRect, ImVec4()));
            ImDrawData part = *dd;
            part.CmdLists = &l;
            part.CmdListsCount = 1;
            imgui_gl::render(part); // (it reads each list's own sizes)
            l->CmdBuffer.Size = size;
            for (int k = 0; k < span.begin; ++k) l->CmdBuffer[k].ClipRect = saved[std::size_t(k)];
#if defined(IMGUI_IMPL_OPENGL_ES3) // (natively prepare_layer says direct: no framebuffer to leave)
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
#endif
        }
        if (use == LayerUse::direct) span.list = -1;
    }
    // The layer's commands are left out of the drawing below (they are in the texture): clipped
    // to nothing (the draw data is not drawn again, so they stay so).
    auto hide_layer = [&] {
        for (int k = span.begin + 1; k < span.end; ++k) dd->CmdLists[span.list]->CmdBuffer[k].ClipRect = ImVec4();
    };
    if (span.list >= 0) hide_layer();
    // In the frame's drawing the begin marker becomes one quad of the texture, texel for pixel
    // (a glBlitFramebuffer into the page's canvas cost SwiftShader several times more), at the
    // layer's place in its list; its vertices go at the end of the list's buffers (this frame's
    // draw data is not used again).
    if (span.list >= 0) {
        ImDrawList* l = dd->CmdLists[span.list];
        const ImVec4 c = span.rect;
        const ImVec2 o = dd->DisplayPos;
        const int vtx_size = l->VtxBuffer.Size, idx_size = l->IdxBuffer.Size;
        const ImVec2 corners[4] = {{c.x, c.y}, {c.z, c.y}, {c.z, c.w}, {c.x, c.w}};
        for (const ImVec2& p : corners)
            l->VtxBuffer.push_back(ImDrawVert{
                p, ImVec2((p.x - o.x) * dpi_scale / float(fb_w), 1.0f - (p.y - o.y) * dpi_scale / float(fb_h)),
                IM_COL32_WHITE});
        for (int i : {0, 1, 2, 0, 2, 3}) l->IdxBuffer.push_back(static_cast<ImDrawIdx>(vtx_size + i));
        ImDrawCmd& q = l->CmdBuffer[span.begin];
        q.UserCallback = nullptr;
        q.TextureId = reinterpret_cast<ImTextureID>(std::uintptr_t(layer->tex));
        q.VtxOffset = 0;
        q.IdxOffset = unsigned(idx_size);
        q.ElemCount = 6;
    }
    for (const DamageRect& r : rects) {
        const bool whole = r.x <= dd->DisplayPos.x && r.y <= dd->DisplayPos.y &&
                           r.z >= dd->DisplayPos.x + dd->DisplaySize.x && r.w >= dd->DisplayPos.y + dd->DisplaySize.y;
        // The whole canvas: one unscissored clear (what bench/web.mjs once counted frames by).
        glClearColor(clear.r, clear.g, clear.b, 1.0f);
        if (whole) {
            glClear(GL_COLOR_BUFFER_BIT);
            glEnable(GL_SCISSOR_TEST);
        } else {
            glEnable(GL_SCISSOR_TEST);
            if (!scissor(r.x, r.y, r.z, r.w)) {
                glDisable(GL_SCISSOR_TEST);
                continue;
            }
            glClear(GL_COLOR_BUFFER_BIT);
        }
        clear_backdrops(r);
        glDisable(GL_SCISSOR_TEST);
        if (whole) {
            imgui_gl::render(*dd);
            continue;
        }
        // Only the lists that reach into r, each command clipped to r and to its own vertices
        // (ImGui's renderer skips the ones left empty); the clip rectangles are put back afterwards.
        // A partial rectangle comes only from damage->update(), which measured the commands.
        const std::vector<DamageRect>& bounds = damage->bounds_by_command();
        lists.clear();
        saved.clear();
        for (int i = 0; i < dd->CmdListsCount; ++i) {
            ImDrawList* l = dd->CmdLists[i];
            bool reaches = false;
            for (ImDrawCmd& c : l->CmdBuffer) {
                const DamageRect b = bounds[saved.size()];
                saved.push_back(c.ClipRect);
                c.ClipRect = ImVec4(std::max(b.x, r.x), std::max(b.y, r.y), std::min(b.z, r.z), std::min(b.w, r.w));
                reaches = reaches || (c.ClipRect.z > c.ClipRect.x && c.ClipRect.w > c.ClipRect.y);
            }
            if (reaches) lists.push_back(l);
        }
        if (span.list >= 0) hide_layer(); // after the clipping above (`saved` holds them hidden)
        ImDrawData part = *dd;
        part.CmdLists = lists.data();
        part.CmdListsCount = int(lists.size());
        part.TotalVtxCount = part.TotalIdxCount = 0;
        for (const ImDrawList* l : lists) {
            part.TotalVtxCount += l->VtxBuffer.Size;
            part.TotalIdxCount += l->IdxBuffer.Size;
        }
        if (!lists.empty()) imgui_gl::render(part);
        std::size_t k = 0;
        for (int i = 0; i < dd->CmdListsCount; ++i)
            for (ImDrawCmd& c : dd->CmdLists[i]->CmdBuffer) c.ClipRect = saved[k++];
    }

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
    install_clipboard();                // the browser's (web only); after the platform backend, which sets its own
    (void)imgui_gl::init(glsl_version); // when it cannot draw it says why on stderr
    gfx.glsl_version = glsl_version;    // glow and the GPU plane are made after the first frame (start_deferred_gl)
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
    gfx.textures.reset();     // its GL textures go before the context does
    gfx.layer = LayerCache{}; // its GL names go with the context
    gf::ui::glow::set_renderer(nullptr);
    gfx.glow.reset(); // its GL objects go before the context does
    imgui_gl::shutdown();
}

} // namespace gf::platform
