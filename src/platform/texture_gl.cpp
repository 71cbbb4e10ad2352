#include "platform/texture_gl.hpp"

#include "platform/gl.hpp"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace gf::platform {
namespace {

// clang-format off
#define GF_TEX_GL_FUNCTIONS(X) \
    X(GenTextures) X(BindTexture) X(TexParameteri) X(TexImage2D) X(TexSubImage2D) X(PixelStorei) \
    X(DeleteTextures) X(GetIntegerv)
// clang-format on

struct Gl {
    GF_TEX_GL_FUNCTIONS(GF_GL_DECLARE)
};

bool load(Gl& table)
{
    std::string missing;
    GF_TEX_GL_FUNCTIONS(GF_GL_LOAD)
    if (missing.empty()) return true;
    std::fprintf(stderr, "gradflow: the OpenGL driver has no %s; the data plane is drawn without a texture.\n",
                 missing.c_str());
    return false;
}

std::uint64_t g_updates = 0; // texture_updates()

class GlTextures final : public ui::Textures {
public:
    explicit GlTextures(const Gl& gl) : gl_(gl) {}
    ~GlTextures() override
    {
        for (const Tex& t : made_) gl_.DeleteTextures(1, &t.name);
    }

    ImTextureID update(ImTextureID id, int w, int h, const unsigned char* rgba) override
    {
        ++g_updates;
        Tex* tex = nullptr;
        for (Tex& t : made_)
            if (to_id(t.name) == id) tex = &t;
        GLint previous = 0; // ImGui's renderer binds its own before drawing; leave GL as found
        gl_.GetIntegerv(GL_TEXTURE_BINDING_2D, &previous);
        if (!tex) {
            made_.push_back({});
            tex = &made_.back();
            gl_.GenTextures(1, &tex->name);
            gl_.BindTexture(GL_TEXTURE_2D, tex->name);
            // Bilinear between cells: the boundary reads as a smooth curve, as Playground's does.
            gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
            gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
            gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
            gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        } else {
            gl_.BindTexture(GL_TEXTURE_2D, tex->name);
        }
        gl_.PixelStorei(GL_UNPACK_ALIGNMENT, 1);
        if (tex->w == w && tex->h == h) {
            gl_.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
        } else {
            gl_.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
            tex->w = w, tex->h = h;
        }
        gl_.BindTexture(GL_TEXTURE_2D, GLuint(previous));
        return to_id(tex->name);
    }

private:
    struct Tex {
        GLuint name = 0;
        int w = 0, h = 0;
    };
    // imgui_gl draws an ImTextureID as the GL texture name it holds.
    static ImTextureID to_id(GLuint name) { return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(name)); }

    Gl gl_;
    std::vector<Tex> made_;
};

} // namespace

std::uint64_t texture_updates() { return g_updates; }

std::unique_ptr<ui::Textures> make_gl_textures()
{
    Gl gl;
    if (!load(gl)) return nullptr;
    return std::make_unique<GlTextures>(gl);
}

} // namespace gf::platform
