// The GL headers and entry-point tables for the platform's own GL passes (glow_gl, texture_gl,
// plane_gl); ImGui's OpenGL3 backend loads its own.
//
// A pass lists the functions it calls in an X-macro and declares its table with GF_GL_DECLARE:
//   #define MY_GL_FUNCTIONS(X) X(BindTexture) X(TexImage2D)
//   struct Gl { MY_GL_FUNCTIONS(GF_GL_DECLARE) };
// and fills it, in a function with a `Gl& table` and a `std::string missing`, with
//   MY_GL_FUNCTIONS(GF_GL_LOAD)
// after which `missing` names the first entry point the driver lacks ("" when it has them all).
#pragma once

#if defined(IMGUI_IMPL_OPENGL_ES3)
#include <GLES3/gl3.h>
#else
// Prototypes only so that decltype(&::glFoo) names each entry point's type; nothing calls them
// directly (SDL's copy of glext.h, so no Khronos header is needed on Windows or macOS).
#define GL_GLEXT_PROTOTYPES 1
#include <SDL.h>
#include <SDL_opengl.h>
#endif

#include <string>

namespace gf::platform {

// A GL entry point by name ("glFoo"), natively through SDL (Windows' opengl32 and macOS export
// only GL 1.1, and SDL falls back to the library for those). When the driver lacks it: null, and
// `missing`, if still empty, becomes "glFoo (SDL's reason)". (On the web Emscripten links every
// entry point and GF_GL_LOAD takes its address.)
void* gl_entry(const char* name, std::string& missing);

} // namespace gf::platform

#define GF_GL_DECLARE(fn) decltype(&::gl##fn) fn = nullptr;
#if defined(IMGUI_IMPL_OPENGL_ES3)
#define GF_GL_LOAD(fn) table.fn = &::gl##fn;
#else
#define GF_GL_LOAD(fn) table.fn = reinterpret_cast<decltype(table.fn)>(::gf::platform::gl_entry("gl" #fn, missing));
#endif
