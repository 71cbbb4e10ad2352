#include "ui/glow.hpp"

#include "embed/glow_frag.hpp"
#include "embed/glow_vert.hpp"

// GL entry points. The web build (IMGUI_IMPL_OPENGL_ES3) links them from Emscripten's WebGL2
// library. Natively, libGL exports every core function on Linux, so prototypes are enough there;
// a port to Windows/macOS would need a loader (ImGui's own one is private to its backend).
#if defined(IMGUI_IMPL_OPENGL_ES3)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
#endif

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace gf::ui::glow {
namespace {

struct Vertex {
    float    x, y;    // a_position
    float    u, v;    // a_local
    uint32_t rgba;    // a_color: ImU32 is R in the low byte, i.e. bytes R,G,B,A in memory
};

enum : GLuint { k_attr_position = 0, k_attr_local = 1, k_attr_color = 2 };

struct {
    bool enabled = false;
    struct {
        GLuint program        = 0;
        GLuint vao            = 0;
        GLuint vbo            = 0;
        GLint  u_projection   = -1;
    } gl;
    struct {
        int frame_count = -1;                       // ImGui frame the batches belong to
        std::vector<std::vector<Vertex>> batches;   // one per draw() call, indexed by callback data
    } frame;
} state;

// The world's mistake: say what failed, with the GLSL version and the driver's log.
bool check(GLuint object, bool is_program, const char* what, const char* glsl_version)
{
    GLint ok = 0, log_len = 0;
    if (is_program) {
        glGetProgramiv(object, GL_LINK_STATUS, &ok);
        glGetProgramiv(object, GL_INFO_LOG_LENGTH, &log_len);
    } else {
        glGetShaderiv(object, GL_COMPILE_STATUS, &ok);
        glGetShaderiv(object, GL_INFO_LOG_LENGTH, &log_len);
    }
    if (ok) return true;
    std::string log(std::size_t(log_len > 1 ? log_len : 1), '\0');
    if (is_program) glGetProgramInfoLog(object, log_len, nullptr, log.data());
    else            glGetShaderInfoLog(object, log_len, nullptr, log.data());
    std::fprintf(stderr, "gradflow: the glow shader (%s) failed with GLSL '%s'; pulses are drawn without glow.\n%s\n",
                 what, glsl_version, log.c_str());
    return false;
}

GLuint compile(GLenum stage, std::span<const unsigned char> body, const char* what, const char* glsl_version)
{
    // One GLSL body for both targets: only the header differs, as in imgui_impl_opengl3.
    std::string header = std::string(glsl_version) + "\n";
    if (header.find(" es") != std::string::npos) header += "precision mediump float;\n";
    const std::string text(reinterpret_cast<const char*>(body.data()), body.size());
    const char* sources[] = {header.c_str(), text.c_str()};
    GLuint shader = glCreateShader(stage);
    glShaderSource(shader, 2, sources, nullptr);
    glCompileShader(shader);
    if (!check(shader, false, what, glsl_version)) {
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

void render_callback(const ImDrawList*, const ImDrawCmd* cmd)
{
    const auto index = std::size_t(reinterpret_cast<std::uintptr_t>(cmd->UserCallbackData));
    if (!state.enabled || index >= state.frame.batches.size()) return;
    const std::vector<Vertex>& verts = state.frame.batches[index];
    const ImDrawData* dd = ImGui::GetDrawData();
    if (verts.empty() || !dd) return;

    const ImVec2 pos = dd->DisplayPos, size = dd->DisplaySize, scale = dd->FramebufferScale;
    const float fb_h = size.y * scale.y;
    const ImVec4 clip = cmd->ClipRect;   // x1, y1, x2, y2 in display coordinates
    const float cx1 = (clip.x - pos.x) * scale.x, cy1 = (clip.y - pos.y) * scale.y;
    const float cx2 = (clip.z - pos.x) * scale.x, cy2 = (clip.w - pos.y) * scale.y;
    if (cx2 <= cx1 || cy2 <= cy1) return;

    // Same orthographic mapping as ImGui's renderer: display rectangle -> clip space, y down.
    const float l = pos.x, r = pos.x + size.x, t = pos.y, b = pos.y + size.y;
    const float projection[16] = {
        2.0f / (r - l),    0.0f,              0.0f, 0.0f,
        0.0f,              2.0f / (t - b),    0.0f, 0.0f,
        0.0f,              0.0f,             -1.0f, 0.0f,
        (r + l) / (l - r), (t + b) / (b - t), 0.0f, 1.0f,
    };

    glUseProgram(state.gl.program);
    glUniformMatrix4fv(state.gl.u_projection, 1, GL_FALSE, projection);
    glBindVertexArray(state.gl.vao);
    glBindBuffer(GL_ARRAY_BUFFER, state.gl.vbo);
    glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(verts.size() * sizeof(Vertex)), verts.data(), GL_STREAM_DRAW);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_ONE, GL_ONE, GL_ZERO, GL_ONE);   // additive light, destination alpha kept
    glEnable(GL_SCISSOR_TEST);
    glScissor(GLint(cx1), GLint(fb_h - cy2), GLsizei(cx2 - cx1), GLsizei(cy2 - cy1));
    glDrawArrays(GL_TRIANGLES, 0, GLsizei(verts.size()));
    // ImDrawCallback_ResetRenderState, queued right after this callback, restores ImGui's state.
}

} // namespace

bool init(const char* glsl_version)
{
    IM_ASSERT(glsl_version && "Pass the same GLSL version string as to ImGui_ImplOpenGL3_Init()");
    shutdown();
    const GLuint vs = compile(GL_VERTEX_SHADER, gf::embed::glow_vert(), "shaders/glow.vert", glsl_version);
    const GLuint fs = compile(GL_FRAGMENT_SHADER, gf::embed::glow_frag(), "shaders/glow.frag", glsl_version);
    if (!vs || !fs) {
        if (vs) glDeleteShader(vs);
        if (fs) glDeleteShader(fs);
        return false;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    // Fixed locations, so the same body needs no layout() qualifiers (absent from GLSL 1.30).
    glBindAttribLocation(program, k_attr_position, "a_position");
    glBindAttribLocation(program, k_attr_local, "a_local");
    glBindAttribLocation(program, k_attr_color, "a_color");
    glLinkProgram(program);
    glDeleteShader(vs);   // the program keeps them alive as long as it needs them
    glDeleteShader(fs);
    if (!check(program, true, "link", glsl_version)) {
        glDeleteProgram(program);
        return false;
    }
    state.gl.program      = program;
    state.gl.u_projection = glGetUniformLocation(program, "u_projection");

    // Remember ImGui's bindings: init() may run between frames, and nothing else expects ours.
    GLint last_vao = 0, last_vbo = 0;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &last_vao);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &last_vbo);
    glGenVertexArrays(1, &state.gl.vao);
    glGenBuffers(1, &state.gl.vbo);
    glBindVertexArray(state.gl.vao);
    glBindBuffer(GL_ARRAY_BUFFER, state.gl.vbo);
    glEnableVertexAttribArray(k_attr_position);
    glEnableVertexAttribArray(k_attr_local);
    glEnableVertexAttribArray(k_attr_color);
    glVertexAttribPointer(k_attr_position, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, x)));
    glVertexAttribPointer(k_attr_local, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, u)));
    glVertexAttribPointer(k_attr_color, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Vertex), reinterpret_cast<void*>(offsetof(Vertex, rgba)));
    glBindVertexArray(GLuint(last_vao));
    glBindBuffer(GL_ARRAY_BUFFER, GLuint(last_vbo));

    state.enabled = true;
    return true;
}

void shutdown()
{
    if (state.gl.vbo) glDeleteBuffers(1, &state.gl.vbo);
    if (state.gl.vao) glDeleteVertexArrays(1, &state.gl.vao);
    if (state.gl.program) glDeleteProgram(state.gl.program);
    state.gl      = {};
    state.enabled = false;
    state.frame.batches.clear();
}

bool enabled() { return state.enabled; }

void draw(ImDrawList* draw_list, std::span<const Dot> dots)
{
    IM_ASSERT(draw_list && "glow::draw() needs the ImDrawList to draw into, e.g. ImGui::GetWindowDrawList()");
    if (!state.enabled || dots.empty()) return;

    // Batches live until the frame they were made in has been rendered: the frame after clears them.
    const int frame_count = ImGui::GetFrameCount();
    if (frame_count != state.frame.frame_count) {
        state.frame.frame_count = frame_count;
        state.frame.batches.clear();
    }
    const std::size_t index = state.frame.batches.size();
    std::vector<Vertex>& verts = state.frame.batches.emplace_back();
    verts.reserve(dots.size() * 6);
    for (const Dot& d : dots) {
        const float x1 = d.center.x - d.radius, x2 = d.center.x + d.radius;
        const float y1 = d.center.y - d.radius, y2 = d.center.y + d.radius;
        const Vertex a{x1, y1, -1, -1, d.color}, b{x2, y1, 1, -1, d.color};
        const Vertex c{x2, y2, 1, 1, d.color}, e{x1, y2, -1, 1, d.color};
        verts.insert(verts.end(), {a, b, c, a, c, e});
    }
    draw_list->AddCallback(render_callback, reinterpret_cast<void*>(static_cast<std::uintptr_t>(index)));
    draw_list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

} // namespace gf::ui::glow
