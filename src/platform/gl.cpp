#include "platform/gl.hpp"

namespace gf::platform {

void* gl_entry([[maybe_unused]] const char* name, [[maybe_unused]] std::string& missing)
{
#if defined(IMGUI_IMPL_OPENGL_ES3)
    return nullptr; // not called: GF_GL_LOAD takes the linked function's address
#else
    void* fn = SDL_GL_GetProcAddress(name);
    if (!fn && missing.empty()) missing = std::string(name) + " (" + SDL_GetError() + ")";
    return fn;
#endif
}

} // namespace gf::platform
