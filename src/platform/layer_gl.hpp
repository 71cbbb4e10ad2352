// The canvas's still layer (ui/layer.hpp) kept in a texture: drawn into when what it shows
// changed, copied into the window's framebuffer every frame it is needed (build_and_draw).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace gf::platform {

class LayerCache {
public:
    virtual ~LayerCache() = default;
    // Makes the texture hold the layer for `key`: when the key or the framebuffer's size moved,
    // binds the texture's framebuffer, calls `draw` (which clears and draws the layer at the
    // window framebuffer's coordinates) and binds the window's again. False when the layer cannot
    // be kept (the framebuffer is incomplete): draw it directly.
    virtual bool update(int fb_w, int fb_h, std::uint64_t key, const std::function<void()>& draw) = 0;
    // The texture (GL name), at the window framebuffer's size, rows bottom up as GL's.
    virtual unsigned texture() const = 0;
    // The next update() draws again (the window's context was lost and restored).
    virtual void forget() = 0;
};

// Null, with the reason printed, when the driver lacks what it needs; the page then draws the
// layer every frame as before.
std::unique_ptr<LayerCache> make_gl_layer_cache();

} // namespace gf::platform
