// The canvas's still layer: what changes only with the network, the phase's reveals, the focus,
// the hover, the theme or the size — the edges — is drawn between begin() and end(), two marker
// callbacks in the canvas's ImDrawList. While the story plays, the pulses, nodes and labels over
// it move every frame but the edges mostly do not; a platform that sees the markers
// (src/platform/loop.cpp, web only) keeps the layer's pixels in a texture, draws its commands
// again only when they changed (platform/damage.hpp: static_span) and otherwise copies the
// texture in. On a software renderer the edges are most of a frame's rasterizing: the wide
// preset's ~7,400 long diagonal lines span hundreds of rows each.
//
// The markers draw nothing themselves: a renderer that does not know them (native, tests) calls
// two empty callbacks and draws the commands between them as usual, so the picture is the same.
#pragma once

#include "imgui.h"

namespace gf::ui::layer {

// Opens the layer at the list's current position and clip rectangle (the canvas's): the
// layer's pixels are that rectangle's.
void begin(ImDrawList* draw_list);
// Closes it: commands added after end() are drawn over the layer, every frame.
void end(ImDrawList* draw_list);

bool is_begin(const ImDrawCmd& cmd);
bool is_end(const ImDrawCmd& cmd);
inline bool is_marker(const ImDrawCmd& cmd) { return is_begin(cmd) || is_end(cmd); }
// A marker's place in its list's VtxBuffer: the layer's vertices are [vertex_at(begin), vertex_at(end)).
unsigned vertex_at(const ImDrawCmd& marker);

} // namespace gf::ui::layer
