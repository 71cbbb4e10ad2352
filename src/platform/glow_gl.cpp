// [SECTION] GL entry points
// [SECTION] Shaders
// [SECTION] GlowRenderer
// [SECTION] make_glow_renderer
#include "platform/glow_gl.hpp"

#include "embed/glow_frag.hpp"
#include "embed/glow_vert.hpp"

#include "platform/gl.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace gf::platform {
namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] GL entry points
// -----------------------------------------------------------------------------------------------

// Every GL function the pass calls, once. Natively each is looked up through SDL (Windows'
// opengl32 and macOS export only GL 1.1, and SDL falls back to the library for those); on the
// web Emscripten links them.
// clang-format off
#define GF_GLOW_GL_FUNCTIONS(X)                                                                    \
    X(AttachShader) X(BindAttribLocation) X(BindBuffer) X(BindVertexArray) X(BlendEquation)        \
    X(BlendFuncSeparate) X(BufferData) X(CompileShader) X(CreateProgram) X(CreateShader)          \
    X(DeleteBuffers) X(DeleteProgram) X(DeleteShader) X(DeleteVertexArrays) X(DrawArrays)         \
    X(Enable) X(EnableVertexAttribArray) X(GenBuffers) X(GenVertexArrays) X(GetIntegerv)          \
    X(GetProgramInfoLog) X(GetProgramiv) X(GetShaderInfoLog) X(GetShaderiv) X(GetUniformLocation) \
    X(LinkProgram) X(Scissor) X(ShaderSource) X(UniformMatrix4fv) X(UseProgram)                  \
    X(VertexAttribPointer)
// clang-format on

struct Gl {
    GF_GLOW_GL_FUNCTIONS(GF_GL_DECLARE)
};

// The world's mistake (a driver without one of them) is reported by name; false leaves the
// pass off.
bool load(Gl& table)
{
    std::string missing;
    GF_GLOW_GL_FUNCTIONS(GF_GL_LOAD)
    if (missing.empty()) return true;
    std::fprintf(stderr,
                 "gradflow: the OpenGL driver has no %s; pulses are drawn without glow. Updating the graphics "
                 "driver may bring it.\n",
                 missing.c_str());
    return false;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Shaders
// -----------------------------------------------------------------------------------------------

struct Vertex {
    float x, y;    // a_position
    float u, v;    // a_local
    uint32_t rgba; // a_color: ImU32 is R in the low byte, i.e. bytes R,G,B,A in memory
};

enum : GLuint { kAttrPosition = 0, kAttrLocal = 1, kAttrColor = 2 };

// The world's mistake: say what failed, with the GLSL version and the driver's log.
bool check(const Gl& gl, GLuint object, bool is_program, const char* what, const char* glsl_version)
{
    GLint ok = 0, log_len = 0;
    if (is_program) {
        gl.GetProgramiv(object, GL_LINK_STATUS, &ok);
        gl.GetProgramiv(object, GL_INFO_LOG_LENGTH, &log_len);
    } else {
        gl.GetShaderiv(object, GL_COMPILE_STATUS, &ok);
        gl.GetShaderiv(object, GL_INFO_LOG_LENGTH, &log_len);
    }
    if (ok) return true;
    std::string log(std::size_t(log_len > 1 ? log_len : 1), '\0');
    if (is_program)
        gl.GetProgramInfoLog(object, log_len, nullptr, log.data());
    else
        gl.GetShaderInfoLog(object, log_len, nullptr, log.data());
    std::fprintf(stderr, "gradflow: the glow shader (%s) failed with GLSL '%s'; pulses are drawn without glow.\n%s\n",
                 what, glsl_version, log.c_str());
    return false;
}

GLuint compile(const Gl& gl, GLenum stage, std::span<const unsigned char> body, const char* what,
               const char* glsl_version)
{
    // One GLSL body for both targets: only the header differs (as for imgui_gl and plane_gl).
    std::string header = std::string(glsl_version) + "\n";
    if (header.find(" es") != std::string::npos) header += "precision mediump float;\n";
    const std::string text(reinterpret_cast<const char*>(body.data()), body.size());
    const char* sources[] = {header.c_str(), text.c_str()};
    GLuint shader = gl.CreateShader(stage);
    gl.ShaderSource(shader, 2, sources, nullptr);
    gl.CompileShader(shader);
    if (!check(gl, shader, false, what, glsl_version)) {
        gl.DeleteShader(shader);
        return 0;
    }
    return shader;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] GlowRenderer
// -----------------------------------------------------------------------------------------------

class GlowRenderer final : public ui::glow::Renderer {
public:
    GlowRenderer(const Gl& gl, GLuint program) : gl_(gl), program_(program)
    {
        u_projection_ = gl_.GetUniformLocation(program_, "u_projection");
        // Remember ImGui's bindings: this may run between frames, and nothing else expects ours.
        GLint last_vao = 0, last_vbo = 0;
        gl_.GetIntegerv(GL_VERTEX_ARRAY_BINDING, &last_vao);
        gl_.GetIntegerv(GL_ARRAY_BUFFER_BINDING, &last_vbo);
        gl_.GenVertexArrays(1, &vao_);
        gl_.GenBuffers(1, &vbo_);
        gl_.BindVertexArray(vao_);
        gl_.BindBuffer(GL_ARRAY_BUFFER, vbo_);
        gl_.EnableVertexAttribArray(kAttrPosition);
        gl_.EnableVertexAttribArray(kAttrLocal);
        gl_.EnableVertexAttribArray(kAttrColor);
        gl_.VertexAttribPointer(kAttrPosition, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                                reinterpret_cast<void*>(offsetof(Vertex, x)));
        gl_.VertexAttribPointer(kAttrLocal, 2, GL_FLOAT, GL_FALSE, sizeof(Vertex),
                                reinterpret_cast<void*>(offsetof(Vertex, u)));
        gl_.VertexAttribPointer(kAttrColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(Vertex),
                                reinterpret_cast<void*>(offsetof(Vertex, rgba)));
        gl_.BindVertexArray(GLuint(last_vao));
        gl_.BindBuffer(GL_ARRAY_BUFFER, GLuint(last_vbo));
    }
    ~GlowRenderer() override
    {
        gl_.DeleteBuffers(1, &vbo_);
        gl_.DeleteVertexArrays(1, &vao_);
        gl_.DeleteProgram(program_);
    }
    GlowRenderer(const GlowRenderer&) = delete;
    GlowRenderer& operator=(const GlowRenderer&) = delete;

    void render(std::span<const ui::glow::Dot> dots, const ImVec4& clip, const ImDrawData& dd) override
    {
        if (dots.empty()) return;
        const ImVec2 pos = dd.DisplayPos, size = dd.DisplaySize, scale = dd.FramebufferScale;
        const float fb_h = size.y * scale.y;
        const float cx1 = (clip.x - pos.x) * scale.x, cy1 = (clip.y - pos.y) * scale.y;
        const float cx2 = (clip.z - pos.x) * scale.x, cy2 = (clip.w - pos.y) * scale.y;
        if (cx2 <= cx1 || cy2 <= cy1) return;

        verts_.clear();
        verts_.reserve(dots.size() * 6);
        for (const ui::glow::Dot& d : dots) {
            const float x1 = d.center.x - d.radius, x2 = d.center.x + d.radius;
            const float y1 = d.center.y - d.radius, y2 = d.center.y + d.radius;
            const Vertex a{x1, y1, -1, -1, d.color}, b{x2, y1, 1, -1, d.color};
            const Vertex c{x2, y2, 1, 1, d.color}, e{x1, y2, -1, 1, d.color};
            verts_.insert(verts_.end(), {a, b, c, a, c, e});
        }

        // Same orthographic mapping as ImGui's renderer: display rectangle -> clip space, y down.
        const float l = pos.x, r = pos.x + size.x, t = pos.y, b = pos.y + size.y;
        const float projection[16] = {
            2.0f / (r - l), 0.0f, 0.0f, 0.0f,  0.0f, 2.0f / (t - b),    0.0f,
            0.0f,           0.0f, 0.0f, -1.0f, 0.0f, (r + l) / (l - r), (t + b) / (b - t),
            0.0f,           1.0f,
        };
        gl_.UseProgram(program_);
        gl_.UniformMatrix4fv(u_projection_, 1, GL_FALSE, projection);
        gl_.BindVertexArray(vao_);
        gl_.BindBuffer(GL_ARRAY_BUFFER, vbo_);
        gl_.BufferData(GL_ARRAY_BUFFER, GLsizeiptr(verts_.size() * sizeof(Vertex)), verts_.data(), GL_STREAM_DRAW);
        gl_.Enable(GL_BLEND);
        gl_.BlendEquation(GL_FUNC_ADD);
        gl_.BlendFuncSeparate(GL_ONE, GL_ONE, GL_ZERO, GL_ONE); // additive light, destination alpha kept
        gl_.Enable(GL_SCISSOR_TEST);
        gl_.Scissor(GLint(cx1), GLint(fb_h - cy2), GLsizei(cx2 - cx1), GLsizei(cy2 - cy1));
        gl_.DrawArrays(GL_TRIANGLES, 0, GLsizei(verts_.size()));
        // ImDrawCallback_ResetRenderState, queued right after this callback, restores ImGui's state.
    }

private:
    Gl gl_;
    GLuint program_ = 0;
    GLuint vao_ = 0;
    GLuint vbo_ = 0;
    GLint u_projection_ = -1;
    std::vector<Vertex> verts_; // scratch, reused every batch
};

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] make_glow_renderer
// -----------------------------------------------------------------------------------------------

std::unique_ptr<ui::glow::Renderer> make_glow_renderer(const char* glsl_version)
{
    IM_ASSERT(glsl_version && "Pass the same GLSL version string as to create_app()");
    Gl gl;
    if (!load(gl)) return nullptr;
    const GLuint vs = compile(gl, GL_VERTEX_SHADER, gf::embed::glow_vert(), "shaders/glow.vert", glsl_version);
    const GLuint fs = compile(gl, GL_FRAGMENT_SHADER, gf::embed::glow_frag(), "shaders/glow.frag", glsl_version);
    if (!vs || !fs) {
        if (vs) gl.DeleteShader(vs);
        if (fs) gl.DeleteShader(fs);
        return nullptr;
    }
    const GLuint program = gl.CreateProgram();
    gl.AttachShader(program, vs);
    gl.AttachShader(program, fs);
    // Fixed locations, so the same body needs no layout() qualifiers (absent from GLSL 1.30).
    gl.BindAttribLocation(program, kAttrPosition, "a_position");
    gl.BindAttribLocation(program, kAttrLocal, "a_local");
    gl.BindAttribLocation(program, kAttrColor, "a_color");
    gl.LinkProgram(program);
    gl.DeleteShader(vs); // the program keeps them alive as long as it needs them
    gl.DeleteShader(fs);
    if (!check(gl, program, true, "link", glsl_version)) {
        gl.DeleteProgram(program);
        return nullptr;
    }
    return std::make_unique<GlowRenderer>(gl, program);
}

} // namespace gf::platform
