// The canvas's still layer: what changes only with the network, the phase's reveals, the focus,
// the hover, the theme or the size — the edges — is drawn between begin() and end(), two marker
// callbacks in the canvas's ImDrawList. While the story plays, the pulses, nodes and labels over
// it move every frame but the edges mostly do not; the page's renderer (src/platform/loop.cpp)
// keeps the layer's pixels in a texture, draws its commands again only when they changed
// (platform/damage.hpp: static_span) and otherwise copies the texture in. On a software renderer
// the edges are most of a frame's rasterizing: the wide preset's ~7,400 long lines span hundreds
// of rows each.
//
// The markers draw nothing themselves: a renderer that does not know them (native, tests) calls
// two empty callbacks and draws the commands between them as usual, so the picture is the same.
#pragma once

#include "imgui.h"

#include <cstdint>

namespace gf::ui::layer {

// One function for both markers (the linker may fold two empty functions into one address); its
// data is the list's vertex count at the marker, times two, plus one for end().
void marker_callback(const ImDrawList*, const ImDrawCmd*);

// Opens the layer at the list's current position and clip rectangle (the canvas's): the
// layer's pixels are that rectangle's.
void begin(ImDrawList* draw_list);
// Closes it: commands added after end() are drawn over the layer, every frame.
void end(ImDrawList* draw_list);

inline bool is_marker(const ImDrawCmd& cmd) { return cmd.UserCallback == marker_callback; }
inline bool is_begin(const ImDrawCmd& cmd)
{
    return is_marker(cmd) && (reinterpret_cast<std::uintptr_t>(cmd.UserCallbackData) & 1u) == 0;
}
inline bool is_end(const ImDrawCmd& cmd)
{
    return is_marker(cmd) && (reinterpret_cast<std::uintptr_t>(cmd.UserCallbackData) & 1u) == 1;
}
// A marker's place in its list's VtxBuffer: the layer's vertices are [vertex_at(begin), vertex_at(end)).
inline unsigned vertex_at(const ImDrawCmd& marker)
{
    return unsigned(reinterpret_cast<std::uintptr_t>(marker.UserCallbackData) >> 1);
}

} // namespace gf::ui::layer
