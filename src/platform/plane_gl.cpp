// [SECTION] GL entry points
// [SECTION] GlPlaneEvaluator
// [SECTION] make_gl_plane_evaluator
#include "platform/plane_gl.hpp"

#include "embed/plane_frag.hpp"
#include "embed/plane_vert.hpp"

#include "platform/gl.hpp"

#include <cstdio>
#include <span>
#include <string>
#include <vector>

namespace gf::platform {
namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] GL entry points
// -----------------------------------------------------------------------------------------------

// clang-format off
#define GF_PLANE_GL_FUNCTIONS(X)                                                                    \
    X(ActiveTexture) X(AttachShader) X(BindFramebuffer) X(BindTexture) X(BindVertexArray)         \
    X(CheckFramebufferStatus) X(CompileShader) X(CreateProgram) X(CreateShader) X(DeleteFramebuffers) \
    X(DeleteProgram) X(DeleteShader) X(DeleteTextures) X(DeleteVertexArrays) X(Disable) X(DrawArrays) \
    X(Enable) X(FramebufferTexture2D) X(GenFramebuffers) X(GenTextures) X(GenVertexArrays)       \
    X(GetIntegerv) X(GetProgramInfoLog) X(GetProgramiv) X(GetShaderInfoLog) X(GetShaderiv)        \
    X(GetUniformLocation) X(IsEnabled) X(LinkProgram) X(PixelStorei) X(ReadPixels) X(ShaderSource) \
    X(TexImage2D) X(TexParameteri) X(TexSubImage2D) X(Uniform1f) X(Uniform1i) X(Uniform1iv)       \
    X(Uniform4f) X(UseProgram) X(Viewport)
// clang-format on

struct Gl {
    GF_PLANE_GL_FUNCTIONS(GF_GL_DECLARE)
};

bool load(Gl& table, std::string& why)
{
    std::string missing;
    GF_PLANE_GL_FUNCTIONS(GF_GL_LOAD)
    if (!missing.empty()) why = "the OpenGL driver has no " + missing;
    return missing.empty();
}

constexpr int kMaxIn = 8;         // widest layer the shader takes (Playground's 8), MAX_W
constexpr int kShaderLayers = 16; // MAX_LAYERS: sizes, input included (= kMaxLayers)
static_assert(kShaderLayers >= kMaxLayers, "the shader's arrays must hold every network validate_network allows");

bool check(const Gl& gl, GLuint object, bool is_program, std::string& why, const char* what, const char* glsl_version)
{
    GLint ok = 0, len = 0;
    if (is_program) {
        gl.GetProgramiv(object, GL_LINK_STATUS, &ok);
        gl.GetProgramiv(object, GL_INFO_LOG_LENGTH, &len);
    } else {
        gl.GetShaderiv(object, GL_COMPILE_STATUS, &ok);
        gl.GetShaderiv(object, GL_INFO_LOG_LENGTH, &len);
    }
    if (ok) return true;
    std::string log(std::size_t(len > 1 ? len : 1), '\0');
    if (is_program)
        gl.GetProgramInfoLog(object, len, nullptr, log.data());
    else
        gl.GetShaderInfoLog(object, len, nullptr, log.data());
    why = std::string("the plane shader (") + what + ") failed with GLSL '" + glsl_version + "': " + log.c_str();
    return false;
}

GLuint compile(const Gl& gl, GLenum stage, std::span<const unsigned char> body, const char* what,
               const char* glsl_version, std::string& why)
{
    // The forward pass needs float32 throughout: highp on GLSL ES (desktop GLSL has no mediump).
    std::string header = std::string(glsl_version) + "\n";
    if (header.find(" es") != std::string::npos) header += "precision highp float;\nprecision highp int;\n";
    const std::string text(reinterpret_cast<const char*>(body.data()), body.size());
    const char* sources[] = {header.c_str(), text.c_str()};
    GLuint shader = gl.CreateShader(stage);
    gl.ShaderSource(shader, 2, sources, nullptr);
    gl.CompileShader(shader);
    if (!check(gl, shader, false, why, what, glsl_version)) {
        gl.DeleteShader(shader);
        return 0;
    }
    return shader;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] GlPlaneEvaluator
// -----------------------------------------------------------------------------------------------

// The GL state this pass changes, put back as it was: it may run in the middle of ImGui's frame.
struct SavedState {
    GLint framebuffer = 0, viewport[4] = {}, program = 0, vao = 0, active = 0, texture = 0;
    GLboolean blend = GL_FALSE, scissor = GL_FALSE;
    void save(const Gl& gl)
    {
        gl.GetIntegerv(GL_FRAMEBUFFER_BINDING, &framebuffer);
        gl.GetIntegerv(GL_VIEWPORT, viewport);
        gl.GetIntegerv(GL_CURRENT_PROGRAM, &program);
        gl.GetIntegerv(GL_VERTEX_ARRAY_BINDING, &vao);
        gl.GetIntegerv(GL_ACTIVE_TEXTURE, &active);
        gl.ActiveTexture(GL_TEXTURE0);
        gl.GetIntegerv(GL_TEXTURE_BINDING_2D, &texture);
        blend = gl.IsEnabled(GL_BLEND);
        scissor = gl.IsEnabled(GL_SCISSOR_TEST);
    }
    void restore(const Gl& gl) const
    {
        gl.BindFramebuffer(GL_FRAMEBUFFER, GLuint(framebuffer));
        gl.Viewport(viewport[0], viewport[1], viewport[2], viewport[3]);
        gl.UseProgram(GLuint(program));
        gl.BindVertexArray(GLuint(vao));
        gl.BindTexture(GL_TEXTURE_2D, GLuint(texture));
        gl.ActiveTexture(GLenum(active));
        if (blend) gl.Enable(GL_BLEND);
        if (scissor) gl.Enable(GL_SCISSOR_TEST);
    }
};

class GlPlaneEvaluator final : public PlaneEvaluator {
public:
    GlPlaneEvaluator(const Gl& gl, GLuint program) : gl_(gl), program_(program)
    {
        const char* names[] = {"u_weights", "u_layers", "u_sizes", "u_row", "u_act", "u_features", "u_box", "u_n"};
        for (int i = 0; i < 8; ++i) loc_[i] = gl_.GetUniformLocation(program_, names[i]);
        gl_.GenVertexArrays(1, &vao_);
        gl_.GenTextures(1, &weights_);
        gl_.GenTextures(1, &target_);
        gl_.GenFramebuffers(1, &fbo_);
    }
    ~GlPlaneEvaluator() override
    {
        gl_.DeleteFramebuffers(1, &fbo_);
        gl_.DeleteTextures(1, &target_);
        gl_.DeleteTextures(1, &weights_);
        gl_.DeleteVertexArrays(1, &vao_);
        gl_.DeleteProgram(program_);
    }
    GlPlaneEvaluator(const GlPlaneEvaluator&) = delete;
    GlPlaneEvaluator& operator=(const GlPlaneEvaluator&) = delete;

    // Makes (or remakes, for a new n) the n×n RGBA32F render target; false: not renderable here.
    bool target(int n, std::string& why)
    {
        if (n == target_n_) return true;
        SavedState saved;
        saved.save(gl_);
        gl_.BindTexture(GL_TEXTURE_2D, target_);
        gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        gl_.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA32F, n, n, 0, GL_RGBA, GL_FLOAT, nullptr);
        gl_.BindFramebuffer(GL_FRAMEBUFFER, fbo_);
        gl_.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target_, 0);
        const bool ok = gl_.CheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
        saved.restore(gl_);
        if (!ok) {
            why = "no float render target (RGBA32F; WebGL2 needs EXT_color_buffer_float)";
            target_n_ = -1;
            return false;
        }
        target_n_ = n;
        return true;
    }

    bool evaluate(const Network& net, const std::vector<Feature>& features, int n, double x_min, double x_max,
                  double y_min, double y_max, std::vector<float>& out) override
    {
        const int layers = net.layers();
        const int outputs = net.outputs();
        if (int(net.sizes.size()) > kShaderLayers || outputs > 4 || n < 1) return false;
        for (int w : net.sizes)
            if (w > kMaxIn) return false; // wider than Playground's 8: the CPU's
        if (!features.empty() && int(features.size()) != net.inputs()) return false;
        if (features.empty() && net.inputs() != 2) return false;
        std::string why;
        if (!target(n, why)) return false;

        // The weights: layer l's neuron j on row row[l] + j, W in columns 0.., b in column kMaxIn.
        int sizes[kShaderLayers] = {}, row[kShaderLayers] = {}, act[kShaderLayers] = {}, feat[kMaxIn] = {};
        int rows = 0;
        for (int l = 0; l <= layers; ++l) sizes[l] = net.sizes[std::size_t(l)];
        for (int l = 0; l < layers; ++l) {
            row[l] = rows;
            rows += net.width(l);
            act[l] = int(net.act[std::size_t(l)]);
        }
        for (int i = 0; i < net.inputs(); ++i) feat[i] = features.empty() ? i : int(features[std::size_t(i)]);
        texels_.assign(std::size_t(kMaxIn + 1) * std::size_t(rows), 0.0f);
        for (int l = 0; l < layers; ++l) {
            const Matrix& W = net.W[std::size_t(l)];
            for (int j = 0; j < W.rows; ++j) {
                float* r = &texels_[std::size_t(row[l] + j) * std::size_t(kMaxIn + 1)];
                for (int k = 0; k < W.cols; ++k) r[k] = float(W(j, k));
                r[kMaxIn] = float(net.b[std::size_t(l)][std::size_t(j)]);
            }
        }

        SavedState saved;
        saved.save(gl_);
        gl_.Disable(GL_BLEND);
        gl_.Disable(GL_SCISSOR_TEST);
        gl_.ActiveTexture(GL_TEXTURE0);
        gl_.BindTexture(GL_TEXTURE_2D, weights_);
        gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        gl_.PixelStorei(GL_UNPACK_ALIGNMENT, 4);
        if (rows == weight_rows_) {
            gl_.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, kMaxIn + 1, rows, GL_RED, GL_FLOAT, texels_.data());
        } else {
            gl_.TexImage2D(GL_TEXTURE_2D, 0, GL_R32F, kMaxIn + 1, rows, 0, GL_RED, GL_FLOAT, texels_.data());
            weight_rows_ = rows;
        }
        gl_.UseProgram(program_);
        gl_.Uniform1i(loc_[0], 0);
        gl_.Uniform1i(loc_[1], layers);
        gl_.Uniform1iv(loc_[2], kShaderLayers, sizes);
        gl_.Uniform1iv(loc_[3], kShaderLayers, row);
        gl_.Uniform1iv(loc_[4], kShaderLayers, act);
        gl_.Uniform1iv(loc_[5], kMaxIn, feat);
        gl_.Uniform4f(loc_[6], float(x_min), float(x_max), float(y_min), float(y_max));
        gl_.Uniform1f(loc_[7], float(n));
        gl_.BindFramebuffer(GL_FRAMEBUFFER, fbo_);
        gl_.Viewport(0, 0, n, n);
        gl_.BindVertexArray(vao_);
        gl_.DrawArrays(GL_TRIANGLES, 0, 3);
        pixels_.resize(std::size_t(n) * std::size_t(n) * 4);
        gl_.PixelStorei(GL_PACK_ALIGNMENT, 4);
        gl_.ReadPixels(0, 0, n, n, GL_RGBA, GL_FLOAT, pixels_.data());
        saved.restore(gl_);

        // GL's row 0 is the bottom (smallest x₂); the plane's is the top.
        out.resize(std::size_t(n) * std::size_t(n) * std::size_t(outputs));
        for (int r = 0; r < n; ++r)
            for (int c = 0; c < n; ++c) {
                const float* px = &pixels_[(std::size_t(n - 1 - r) * std::size_t(n) + std::size_t(c)) * 4];
                float* o = &out[(std::size_t(r) * std::size_t(n) + std::size_t(c)) * std::size_t(outputs)];
                for (int i = 0; i < outputs; ++i) o[i] = px[i];
            }
        return true;
    }

private:
    Gl gl_;
    GLuint program_ = 0, vao_ = 0, weights_ = 0, target_ = 0, fbo_ = 0;
    GLint loc_[8] = {};
    int target_n_ = 0;     // the render target's size (-1: not renderable here)
    int weight_rows_ = -1; // the weight texture's height
    std::vector<float> texels_, pixels_;
};

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] make_gl_plane_evaluator
// -----------------------------------------------------------------------------------------------

std::unique_ptr<PlaneEvaluator> make_gl_plane_evaluator(const char* glsl_version, std::string& why)
{
    why.clear();
    Gl gl;
    if (!load(gl, why)) return nullptr;
    const GLuint vs = compile(gl, GL_VERTEX_SHADER, gf::embed::plane_vert(), "shaders/plane.vert", glsl_version, why);
    const GLuint fs =
        vs ? compile(gl, GL_FRAGMENT_SHADER, gf::embed::plane_frag(), "shaders/plane.frag", glsl_version, why) : 0;
    if (!vs || !fs) {
        if (vs) gl.DeleteShader(vs);
        return nullptr;
    }
    const GLuint program = gl.CreateProgram();
    gl.AttachShader(program, vs);
    gl.AttachShader(program, fs);
    gl.LinkProgram(program);
    gl.DeleteShader(vs);
    gl.DeleteShader(fs);
    if (!check(gl, program, true, why, "link", glsl_version)) {
        gl.DeleteProgram(program);
        return nullptr;
    }
    auto gpu = std::make_unique<GlPlaneEvaluator>(gl, program);
    if (!gpu->target(kPlaneGrid, why)) return nullptr; // no float render target: the CPU's
    return gpu;
}

} // namespace gf::platform
