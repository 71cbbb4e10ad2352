// An optional GPU pass that draws soft glowing dots (pulses travelling along edges) into an
// ImDrawList, through ImDrawList::AddCallback.
//
// It only adds light: callers draw their pulses with ImDrawList circles as well, so the picture
// is right when the pass is off (shader failed to compile, or init() never ran). The platform
// layer calls init() after creating the GL context and shutdown() before destroying it; the UI
// only calls draw().
#pragma once

#include "imgui.h"

#include <span>

namespace gf::ui::glow {

struct Dot {
    ImVec2 center;          // logical pixels, the same space as ImDrawList coordinates
    float  radius = 8.0f;   // of the whole halo, logical pixels (the bright core is ~1/6 of it)
    ImU32  color  = IM_COL32(255, 200, 80, 255);   // alpha scales the glow's strength
};

// Compiles the shaders for `glsl_version` ("#version 330 core", "#version 300 es", …: the same
// string given to ImGui_ImplOpenGL3_Init). On failure prints the GLSL version and the info log,
// leaves the pass disabled and returns false.
bool init(const char* glsl_version);
void shutdown();
bool enabled();

// Queues `dots` at the current position of `draw_list`'s command stream (so they are drawn over
// what was added before and under what is added after), clipped to its current clip rectangle.
// The dots are copied; a no-op when the pass is disabled.
void draw(ImDrawList* draw_list, std::span<const Dot> dots);

} // namespace gf::ui::glow
