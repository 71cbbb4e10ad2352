// An optional GPU pass that draws soft glowing dots (pulses travelling along edges) into an
// ImDrawList, through ImDrawList::AddCallback.
//
// It only adds light: callers draw their pulses with ImDrawList circles as well, so the picture
// is right when the pass is off (no renderer, or its shader failed to compile). The UI knows no
// GL: it queues the dots and, when ImGui's renderer reaches them, hands them to the Renderer the
// platform layer installed (src/platform/glow_gl.cpp) after creating its GL context, and removes
// before destroying it.
#pragma once

#include "imgui.h"

#include <span>

namespace gf::ui::glow {

struct Dot {
    ImVec2 center;                             // logical pixels, the same space as ImDrawList coordinates
    float radius = 8.0f;                       // of the whole halo, logical pixels (the bright core is ~1/6 of it)
    ImU32 color = IM_COL32(255, 200, 80, 255); // alpha scales the glow's strength
};

// What the platform implements: draw `dots` as additive light, clipped to `clip_rect`
// (ImDrawCmd::ClipRect: x1, y1, x2, y2 in ImDrawList coordinates), for the frame `draw_data`
// describes (display rectangle, framebuffer scale). Called from inside ImGui's renderer, with its
// state set; ImGui restores that state afterwards (ImDrawCallback_ResetRenderState).
class Renderer {
public:
    virtual ~Renderer() = default;
    virtual void render(std::span<const Dot> dots, const ImVec4& clip_rect, const ImDrawData& draw_data) = 0;
};

// The platform's renderer, or nullptr to turn the pass off. Not owned; it must outlive its
// installation (set_renderer(nullptr) before destroying it or its GL context).
void set_renderer(Renderer* renderer);
bool enabled();

// Queues `dots` at the current position of `draw_list`'s command stream (so they are drawn over
// what was added before and under what is added after), clipped to its current clip rectangle.
// The dots are copied; a no-op when the pass is off.
void draw(ImDrawList* draw_list, std::span<const Dot> dots);

} // namespace gf::ui::glow
