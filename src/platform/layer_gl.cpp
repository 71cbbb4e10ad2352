// LayerCache on a framebuffer object with one RGBA8 texture at the window framebuffer's size
// (device pixels, so devicePixelRatio needs nothing of its own): the same coordinates, scissor
// and viewport as the window; sampled GL_NEAREST at texel centres, it copies pixels one for one.
#include "platform/layer_gl.hpp"

#include "platform/gl.hpp"

#include <cstdio>
#include <string>

namespace gf::platform {
namespace {

// clang-format off
#define GF_LAYER_GL_FUNCTIONS(X) \
    X(GenFramebuffers) X(BindFramebuffer) X(FramebufferTexture2D) X(CheckFramebufferStatus) \
    X(DeleteFramebuffers) X(GenTextures) X(BindTexture) X(TexParameteri) X(TexImage2D) \
    X(DeleteTextures) X(GetIntegerv)
// clang-format on

struct Gl {
    GF_LAYER_GL_FUNCTIONS(GF_GL_DECLARE)
};

class GlLayerCache final : public LayerCache {
public:
    explicit GlLayerCache(const Gl& gl) : gl_(gl) {}
    ~GlLayerCache() override { release(); }
    GlLayerCache(const GlLayerCache&) = delete;
    GlLayerCache& operator=(const GlLayerCache&) = delete;

    bool update(int fb_w, int fb_h, std::uint64_t key, const std::function<void()>& draw) override
    {
        if (broken_ || fb_w <= 0 || fb_h <= 0) return false;
        if (fb_w != w_ || fb_h != h_ || fbo_ == 0) {
            release();
            if (!make(fb_w, fb_h)) return false;
            valid_ = false;
        }
        if (valid_ && key == key_) return true;
        gl_.BindFramebuffer(GL_FRAMEBUFFER, fbo_);
        draw();
        gl_.BindFramebuffer(GL_FRAMEBUFFER, 0);
        key_ = key;
        valid_ = true;
        return true;
    }

    unsigned texture() const override { return tex_; }

    void forget() override
    {
        // The names died with the lost context: make new ones, delete nothing.
        fbo_ = tex_ = 0;
        w_ = h_ = 0;
        valid_ = false;
    }

private:
    bool make(int w, int h)
    {
        GLint last_texture = 0;
        gl_.GetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
        gl_.GenTextures(1, &tex_);
        gl_.BindTexture(GL_TEXTURE_2D, tex_);
        gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        gl_.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        gl_.TexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        gl_.BindTexture(GL_TEXTURE_2D, GLuint(last_texture));
        gl_.GenFramebuffers(1, &fbo_);
        gl_.BindFramebuffer(GL_FRAMEBUFFER, fbo_);
        gl_.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex_, 0);
        const GLenum status = gl_.CheckFramebufferStatus(GL_FRAMEBUFFER);
        gl_.BindFramebuffer(GL_FRAMEBUFFER, 0);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            std::fprintf(stderr,
                         "gradflow: a %d×%d framebuffer for the canvas's edges is incomplete (status 0x%x); they are "
                         "drawn every frame instead (slower on a software renderer, the same picture).\n",
                         w, h, unsigned(status));
            release();
            broken_ = true;
            return false;
        }
        w_ = w;
        h_ = h;
        return true;
    }

    void release()
    {
        if (fbo_ != 0) gl_.DeleteFramebuffers(1, &fbo_);
        if (tex_ != 0) gl_.DeleteTextures(1, &tex_);
        fbo_ = tex_ = 0;
        w_ = h_ = 0;
    }

    Gl gl_;
    GLuint fbo_ = 0, tex_ = 0;
    int w_ = 0, h_ = 0;
    std::uint64_t key_ = 0;
    bool valid_ = false;
    bool broken_ = false; // an incomplete framebuffer: not tried again
};

} // namespace

std::unique_ptr<LayerCache> make_gl_layer_cache()
{
    Gl table;
    std::string missing;
    GF_LAYER_GL_FUNCTIONS(GF_GL_LOAD)
    if (!missing.empty()) {
        std::fprintf(stderr, "gradflow: the OpenGL driver has no %s; the canvas's edges are drawn every frame.\n",
                     missing.c_str());
        return nullptr;
    }
    return std::make_unique<GlLayerCache>(table);
}

} // namespace gf::platform
