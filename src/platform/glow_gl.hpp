// The glow pass's GL half: gf::ui::glow::Renderer implemented with OpenGL 3.3 core / ES 3.0
// (WebGL2), one shader program drawing additive soft discs.
//
// GL entry points come from SDL_GL_GetProcAddress natively (so nothing depends on libGL
// exporting them: Windows' opengl32 and macOS only export GL 1.1) and are linked from
// Emscripten's WebGL2 library on the web.
#pragma once

#include "ui/glow.hpp"

#include <memory>

namespace gf::platform {

// Compiles the shaders for `glsl_version` ("#version 330 core", "#version 300 es", …: the same
// string given to create_app) in the current GL context. On failure (a GL function
// missing, a shader that does not compile or link) prints what failed — with the GLSL version
// and the driver's log — and returns nullptr: the app carries on without glow.
std::unique_ptr<ui::glow::Renderer> make_glow_renderer(const char* glsl_version);

} // namespace gf::platform
