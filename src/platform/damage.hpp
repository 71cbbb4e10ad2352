// Which parts of the screen a frame changed, so the page redraws only those (loop.cpp).
//
// On a software WebGL renderer (SwiftShader: a reader without a GPU, headless Chromium) a frame's
// cost is mostly rasterizing ImGui's triangles, and every triangle costs per row it spans. While
// the story plays, the canvas and the transport bar change every frame but the two side panels
// (about half of the triangles at 1280×800) do not. With the drawing buffer kept between frames
// (preserveDrawingBuffer on the page) only the rectangles whose draw lists changed are cleared and
// drawn again; the rest of the picture stays as it was.
//
// No GL here: the platform draws the rectangles; tests/ui/test_damage.cpp drives this with the
// real App headless.
#pragma once

#include "imgui.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gf::platform {

// A rectangle in ImGui's display coordinates (the same as ImDrawCmd::ClipRect): x0, y0, x1, y1.
using DamageRect = ImVec4;

class Damage {
public:
    // The rectangles this frame's draw data must be drawn into, given what was drawn last time:
    // the bounds (old and new) of every draw list whose content changed, appeared or went away.
    // The still layer's markers (ui/layer.hpp) are callbacks that draw nothing and count as such.
    // Everything the first time, after forget(), when the display size or draw order changed, or
    // when `scene` (what is drawn besides the lists: clear colour, backdrops) changed. Lists that
    // draw through a callback other than ImDrawCallback_ResetRenderState (the glow pass: its dots
    // are not in the list) count as changed every frame, and so do lists drawing a texture other
    // than the font atlas when `textures_version` moved (its pixels were refilled). Empty: nothing
    // changed, draw nothing.
    std::vector<DamageRect> update(const ImDrawData& dd, std::uint64_t scene, std::uint64_t textures_version);

    // The next update() returns the whole display (the drawing buffer was lost or not kept).
    void forget() { valid_ = false; }

    // command_bounds() of every command of the draw data last given to update(), list by list
    // and command by command in drawing order: the platform clips each command to a rectangle
    // with these rather than walking the vertices again.
    const std::vector<DamageRect>& bounds_by_command() const { return commands_; }

private:
    struct Mark {
        const ImDrawList* list; // ImGui keeps one list per window for the window's life
        std::uint64_t hash;     // vertices, indices and commands
        DamageRect bounds;      // union of the commands' bounds (command_bounds), inside the display
    };
    std::vector<Mark> last_;
    std::vector<DamageRect> commands_; // bounds_by_command()
    ImVec2 size_{-1.0f, -1.0f};
    std::uint64_t scene_ = 0;
    std::uint64_t textures_version_ = 0;
    bool valid_ = false;
};

// The pixels one command can touch: its vertices' bounding box (padded by 2 px for fringes and rounding)
// inside its clip rectangle; a callback's whole clip rectangle (it draws what the list does not hold).
DamageRect command_bounds(const ImDrawList& list, const ImDrawCmd& cmd);

// The canvas's still layer (ui/layer.hpp) in a frame's draw data: where its commands are and a
// hash of what they draw, so the platform draws them again only when that changed.
struct StaticSpan {
    int list = -1;          // dd.CmdLists[list] holds the layer
    int begin = 0, end = 0; // its begin and end markers' indices in that list's CmdBuffer
    DamageRect rect{};      // the begin marker's clip rectangle: the layer's pixels
    std::uint64_t hash = 0; // the commands between the markers, their vertices and indices
    unsigned vertices = 0;  // how many vertices those commands draw
};
// Edges drawn with fewer vertices than this are drawn directly every frame rather than kept in
// the layer's texture: drawing the texture is a textured quad over the whole canvas each frame,
// which a software renderer pays for by area. Measured in headless Chromium on SwiftShader at
// 1280x800 (bench/web.mjs): the seed (~800 edge vertices) 59 frames/s direct, 49 through the
// layer; the wide preset (~30,000) 11 direct, 23 through the layer. The line is set between.
inline constexpr unsigned kLayerMinVertices = 10000;
// The first list's layer with both markers; list = -1 when there is none.
StaticSpan static_span(const ImDrawData& dd);

// A hash of a draw list's vertices, indices and commands (64-bit, not cryptographic).
std::uint64_t draw_list_hash(const ImDrawList& list);
// The same hash over `n` bytes (the platform's "scene": what it draws besides the lists).
std::uint64_t hash_bytes(const void* data, std::size_t n);

} // namespace gf::platform
