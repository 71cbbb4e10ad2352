// The UI's textures (the input plane's heatmap) as GL textures: gf::ui::Textures for OpenGL 3.3
// core / ES 3.0 (WebGL2). Entry points as in glow_gl.cpp: SDL_GL_GetProcAddress natively,
// Emscripten's WebGL2 library on the web.
#pragma once

#include "ui/app.hpp"

#include <cstdint>
#include <memory>

namespace gf::platform {

// For the current GL context; nullptr (with the reason on stderr) when a GL function is missing:
// the UI then draws the plane as rectangles. Destroy it before the context: it deletes its textures.
std::unique_ptr<ui::Textures> make_gl_textures();

// How many times a texture made here has been filled so far: a draw list showing one may look
// the same while its pixels changed (Damage::update redraws it when this moves).
std::uint64_t texture_updates();

} // namespace gf::platform
