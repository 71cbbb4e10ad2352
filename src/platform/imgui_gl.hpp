// ImGui's draw data drawn with OpenGL 3.3 core or WebGL2, in place of ImGui's OpenGL3 backend.
//
// Why not imgui_impl_opengl3: before every draw it reads back about twenty pieces of GL state to
// put them back afterwards (glGetIntegerv, glIsEnabled). In a browser each read is a synchronous
// round trip to the GPU process, which first finishes everything queued: on the page that was
// most of a frame's main-thread time, and on the first frame it waited for the shaders to compile
// (tens of ms). gradflow's frame sets all the state it draws with, so nothing is read back: the
// renderer sets what it needs before drawing and leaves blending on and the scissor test off,
// which is what the platform's own passes (loop.cpp, glow_gl, plane_gl) expect or set themselves.
// It also drops the backend's version sniffing (a GL_VERSION string parsed with sscanf) and its
// shaders for other GLSL versions from the page.
#pragma once

struct ImDrawData;

namespace gf::platform::imgui_gl {

// The shader's GLSL version line ("#version 330 core", "#version 300 es"). False, with the reason
// on stderr, when the driver lacks an entry point; the program and buffers are made by the first
// new_frame().
bool init(const char* glsl_version);
void shutdown();
// Makes the program, buffers and font texture when missing. False when the shader failed (said on
// stderr once): frames are then not drawn.
bool new_frame();
// Draws the lists into the bound framebuffer, whose size is the draw data's display size times
// its framebuffer scale. Handles ImDrawCallback_ResetRenderState and other callbacks as ImGui's
// backend does.
void render(const ImDrawData& dd);
// The font atlas's texture, made again after the atlas was rebuilt (a new devicePixelRatio).
void create_fonts_texture();
void destroy_fonts_texture();

} // namespace gf::platform::imgui_gl
