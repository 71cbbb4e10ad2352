// The input plane's forward passes on the GPU: gf::PlaneEvaluator as a fragment shader
// (shaders/plane.frag) drawing one pixel per grid cell into a float render target, read back for
// the Session. OpenGL 3.3 core / ES 3.0 (WebGL2); entry points as in glow_gl.cpp.
#pragma once

#include "session/session.hpp"

#include <memory>
#include <string>

namespace gf::platform {

// For the current GL context and `glsl_version` (as given to create_app). nullptr
// when it cannot run here — a GL function missing, no float render target (WebGL2 without
// EXT_color_buffer_float), a shader that does not compile — with the reason in `why`: the
// Session then computes the plane on the CPU. Destroy it before the context.
std::unique_ptr<PlaneEvaluator> make_gl_plane_evaluator(const char* glsl_version, std::string& why);

} // namespace gf::platform
