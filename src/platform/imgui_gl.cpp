// [SECTION] GL entry points
// [SECTION] Program, buffers and the font texture
// [SECTION] Drawing
#include "platform/imgui_gl.hpp"

#include "embed/imgui_frag.hpp"
#include "embed/imgui_vert.hpp"

#include "platform/gl.hpp"

#include "imgui.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

namespace gf::platform::imgui_gl {
namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] GL entry points
// -----------------------------------------------------------------------------------------------

// clang-format off
#define GF_IMGUI_GL_FUNCTIONS(X)                                                                    \
    X(ActiveTexture) X(AttachShader) X(BindAttribLocation) X(BindBuffer) X(BindTexture)            \
    X(BindVertexArray) X(BlendEquation) X(BlendFuncSeparate) X(BufferData) X(CompileShader)        \
    X(CreateProgram) X(CreateShader) X(DeleteBuffers) X(DeleteProgram) X(DeleteShader)             \
    X(DeleteTextures) X(DeleteVertexArrays) X(Disable) X(DrawElements) X(Enable)                   \
    X(EnableVertexAttribArray) X(GenBuffers) X(GenTextures) X(GenVertexArrays) X(GetProgramInfoLog) \
    X(GetProgramiv) X(GetShaderInfoLog) X(GetShaderiv) X(GetUniformLocation) X(LinkProgram)        \
    X(PixelStorei) X(Scissor) X(ShaderSource) X(TexImage2D) X(TexParameteri) X(Uniform1i)          \
    X(UniformMatrix4fv) X(UseProgram) X(VertexAttribPointer) X(Viewport)
// clang-format on

struct Gl {
    GF_IMGUI_GL_FUNCTIONS(GF_GL_DECLARE)
};

enum : GLuint { kAttrPosition = 0, kAttrUv = 1, kAttrColor = 2 };

struct State {
    Gl gl;
    std::string glsl_version;
    bool failed = false; // the shader did not build: said once, nothing drawn
    GLuint program = 0, vao = 0, vbo = 0, ebo = 0, font_texture = 0;
    GLint u_projection = -1, u_texture = -1;
};

State* g_state = nullptr; // one ImGui context, one GL context

// -----------------------------------------------------------------------------------------------
// [SECTION] Program, buffers and the font texture
// -----------------------------------------------------------------------------------------------

// The world's mistake (a driver that refuses the shader): said with the GLSL version and its log.
bool built(const Gl& gl, GLuint object, bool is_program, const char* what, const std::string& glsl_version)
{
    GLint ok = 0, log_len = 0;
    (is_program ? gl.GetProgramiv : gl.GetShaderiv)(object, is_program ? GL_LINK_STATUS : GL_COMPILE_STATUS, &ok);
    if (ok) return true;
    (is_program ? gl.GetProgramiv : gl.GetShaderiv)(object, GL_INFO_LOG_LENGTH, &log_len);
    std::string log(std::size_t(log_len > 1 ? log_len : 1), '\0');
    (is_program ? gl.GetProgramInfoLog : gl.GetShaderInfoLog)(object, log_len, nullptr, log.data());
    std::fprintf(stderr,
                 "gradflow: the interface's shader (%s) failed with GLSL '%s', so nothing can be drawn; updating "
                 "the graphics driver may help.\n%s\n",
                 what, glsl_version.c_str(), log.c_str());
    return false;
}

GLuint compile(const State& s, GLenum stage, std::span<const unsigned char> body, const char* what)
{
    // One GLSL body for both targets: only the header differs (as for the glow and plane passes).
    std::string header = s.glsl_version + "\n";
    if (header.find(" es") != std::string::npos) header += "precision mediump float;\n";
    const std::string text(reinterpret_cast<const char*>(body.data()), body.size());
    const char* sources[] = {header.c_str(), text.c_str()};
    const GLuint shader = s.gl.CreateShader(stage);
    s.gl.ShaderSource(shader, 2, sources, nullptr);
    s.gl.CompileShader(shader);
    if (built(s.gl, shader, false, what, s.glsl_version)) return shader;
    s.gl.DeleteShader(shader);
    return 0;
}

bool create_objects(State& s)
{
    const Gl& gl = s.gl;
    const GLuint vs = compile(s, GL_VERTEX_SHADER, gf::embed::imgui_vert(), "shaders/imgui.vert");
    const GLuint fs = compile(s, GL_FRAGMENT_SHADER, gf::embed::imgui_frag(), "shaders/imgui.frag");
    if (!vs || !fs) {
        if (vs) gl.DeleteShader(vs);
        if (fs) gl.DeleteShader(fs);
        return false;
    }
    s.program = gl.CreateProgram();
    gl.AttachShader(s.program, vs);
    gl.AttachShader(s.program, fs);
    gl.BindAttribLocation(s.program, kAttrPosition, "a_position");
    gl.BindAttribLocation(s.program, kAttrUv, "a_uv");
    gl.BindAttribLocation(s.program, kAttrColor, "a_color");
    gl.LinkProgram(s.program);
    gl.DeleteShader(vs); // the program keeps them as long as it needs them
    gl.DeleteShader(fs);
    if (!built(gl, s.program, true, "link", s.glsl_version)) {
        gl.DeleteProgram(s.program);
        s.program = 0;
        return false;
    }
    s.u_projection = gl.GetUniformLocation(s.program, "u_projection");
    s.u_texture = gl.GetUniformLocation(s.program, "u_texture");
    gl.GenBuffers(1, &s.vbo);
    gl.GenBuffers(1, &s.ebo);
    gl.GenVertexArrays(1, &s.vao);
    gl.BindVertexArray(s.vao);
    gl.BindBuffer(GL_ARRAY_BUFFER, s.vbo);
    gl.EnableVertexAttribArray(kAttrPosition);
    gl.EnableVertexAttribArray(kAttrUv);
    gl.EnableVertexAttribArray(kAttrColor);
    gl.VertexAttribPointer(kAttrPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                           reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
    gl.VertexAttribPointer(kAttrUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert),
                           reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
    gl.VertexAttribPointer(kAttrColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert),
                           reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
    return true;
}

// Everything a draw needs, set rather than read: alpha blending (destination alpha kept as ImGui's
// backend does), no culling, depth or stencil, the scissor on, the whole framebuffer as viewport.
void set_up(const State& s, const ImDrawData& dd, int fb_w, int fb_h)
{
    const Gl& gl = s.gl;
    gl.Enable(GL_BLEND);
    gl.BlendEquation(GL_FUNC_ADD);
    gl.BlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    gl.Disable(GL_CULL_FACE);
    gl.Disable(GL_DEPTH_TEST);
    gl.Disable(GL_STENCIL_TEST);
    gl.Enable(GL_SCISSOR_TEST);
    gl.Viewport(0, 0, fb_w, fb_h);
    // The display rectangle to clip space, y down.
    const float l = dd.DisplayPos.x, r = dd.DisplayPos.x + dd.DisplaySize.x;
    const float t = dd.DisplayPos.y, b = dd.DisplayPos.y + dd.DisplaySize.y;
    // clang-format off
    const float projection[16] = {
        2.0f / (r - l),    0.0f,              0.0f,  0.0f, //
        0.0f,              2.0f / (t - b),    0.0f,  0.0f, //
        0.0f,              0.0f,              -1.0f, 0.0f, //
        (r + l) / (l - r), (t + b) / (b - t), 0.0f,  1.0f, //
    };
    // clang-format on
    gl.UseProgram(s.program);
    gl.Uniform1i(s.u_texture, 0);
    gl.UniformMatrix4fv(s.u_projection, 1, GL_FALSE, projection);
    gl.ActiveTexture(GL_TEXTURE0);
    gl.BindVertexArray(s.vao);
    gl.BindBuffer(GL_ARRAY_BUFFER, s.vbo);
    gl.BindBuffer(GL_ELEMENT_ARRAY_BUFFER, s.ebo);
}

} // namespace

bool init(const char* glsl_version)
{
    Gl gl;
    std::string missing;
    Gl& table = gl;
    GF_IMGUI_GL_FUNCTIONS(GF_GL_LOAD)
    if (!missing.empty()) {
        std::fprintf(stderr,
                     "gradflow: the OpenGL driver has no %s, so nothing can be drawn; updating the graphics driver "
                     "may bring it.\n",
                     missing.c_str());
        return false;
    }
    delete g_state;
    g_state = new State{gl, glsl_version};
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "gradflow_imgui_gl";
    // No ImGuiBackendFlags_RendererHasVtxOffset: with 32-bit indices (ImDrawIdx, cmake/ImGuiSDL2.cmake)
    // every command's vertices start at its list's first (VtxOffset 0), which render() relies on.
    static_assert(sizeof(ImDrawIdx) == 4, "render() draws every command from its list's first vertex");
    return true;
}

void shutdown()
{
    if (!g_state) return;
    const Gl& gl = g_state->gl;
    destroy_fonts_texture();
    if (g_state->vbo) gl.DeleteBuffers(1, &g_state->vbo);
    if (g_state->ebo) gl.DeleteBuffers(1, &g_state->ebo);
    if (g_state->vao) gl.DeleteVertexArrays(1, &g_state->vao);
    if (g_state->program) gl.DeleteProgram(g_state->program);
    delete g_state;
    g_state = nullptr;
    ImGui::GetIO().BackendRendererName = nullptr;
}

bool new_frame()
{
    if (!g_state || g_state->failed) return false;
    if (!g_state->program && !create_objects(*g_state)) {
        g_state->failed = true;
        return false;
    }
    if (!g_state->font_texture) create_fonts_texture();
    return true;
}

void create_fonts_texture()
{
    if (!g_state) return;
    const Gl& gl = g_state->gl;
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    // RGBA rather than one byte per texel: the same shader then draws the atlas, the data plane's
    // texture and the canvas's still layer.
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    gl.GenTextures(1, &g_state->font_texture);
    gl.BindTexture(GL_TEXTURE_2D, g_state->font_texture);
    gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    gl.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    gl.PixelStorei(GL_UNPACK_ALIGNMENT, 1);
    gl.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(std::uintptr_t(g_state->font_texture)));
}

void destroy_fonts_texture()
{
    if (!g_state || !g_state->font_texture) return;
    g_state->gl.DeleteTextures(1, &g_state->font_texture);
    g_state->font_texture = 0;
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Drawing
// -----------------------------------------------------------------------------------------------

void render(const ImDrawData& dd)
{
    const int fb_w = int(dd.DisplaySize.x * dd.FramebufferScale.x);
    const int fb_h = int(dd.DisplaySize.y * dd.FramebufferScale.y);
    if (!g_state || !g_state->program || fb_w <= 0 || fb_h <= 0) return;
    const State& s = *g_state;
    const Gl& gl = s.gl;
    set_up(s, dd, fb_w, fb_h);
    const ImVec2 off = dd.DisplayPos, scale = dd.FramebufferScale;
    for (int n = 0; n < dd.CmdListsCount; ++n) {
        const ImDrawList& list = *dd.CmdLists[n];
        gl.BufferData(GL_ARRAY_BUFFER, GLsizeiptr(list.VtxBuffer.Size) * GLsizeiptr(sizeof(ImDrawVert)),
                      list.VtxBuffer.Data, GL_STREAM_DRAW);
        gl.BufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(list.IdxBuffer.Size) * GLsizeiptr(sizeof(ImDrawIdx)),
                      list.IdxBuffer.Data, GL_STREAM_DRAW);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState)
                    set_up(s, dd, fb_w, fb_h);
                else
                    cmd.UserCallback(&list, &cmd);
                continue;
            }
            // The clip rectangle in framebuffer pixels (y up), truncated as ImGui's backend does.
            const float x0 = (cmd.ClipRect.x - off.x) * scale.x, y0 = (cmd.ClipRect.y - off.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - off.x) * scale.x, y1 = (cmd.ClipRect.w - off.y) * scale.y;
            if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
            gl.Scissor(int(x0), int(float(fb_h) - y1), int(x1 - x0), int(y1 - y0));
            gl.BindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<std::uintptr_t>(cmd.TextureId)));
            gl.DrawElements(GL_TRIANGLES, GLsizei(cmd.ElemCount), GL_UNSIGNED_INT,
                            reinterpret_cast<void*>(std::size_t(cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
    }
    gl.Disable(GL_SCISSOR_TEST); // the platform's clears expect it off
}

} // namespace gf::platform::imgui_gl
