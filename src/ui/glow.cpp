// The glow pass's UI half: per-frame batches of dots and the ImDrawList callback that hands them
// to the platform's Renderer. No GL here (see glow.hpp).
#include "ui/glow.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gf::ui::glow {
namespace {

struct {
    Renderer* renderer = nullptr;
    int frame_count = -1;                  // ImGui frame the batches belong to
    std::vector<std::vector<Dot>> batches; // one per draw() call, indexed by callback data
} state;

void render_callback(const ImDrawList*, const ImDrawCmd* cmd)
{
    const auto index = std::size_t(reinterpret_cast<std::uintptr_t>(cmd->UserCallbackData));
    const ImDrawData* dd = ImGui::GetDrawData();
    if (!state.renderer || index >= state.batches.size() || !dd) return;
    state.renderer->render(state.batches[index], cmd->ClipRect, *dd);
}

} // namespace

void set_renderer(Renderer* renderer)
{
    state.renderer = renderer;
    state.batches.clear();
    state.frame_count = -1;
}

bool enabled() { return state.renderer != nullptr; }

void draw(ImDrawList* draw_list, std::span<const Dot> dots)
{
    IM_ASSERT(draw_list && "glow::draw() needs the ImDrawList to draw into, e.g. ImGui::GetWindowDrawList()");
    if (!state.renderer || dots.empty()) return;

    // Batches live until the frame they were made in has been rendered: the frame after clears them.
    const int frame_count = ImGui::GetFrameCount();
    if (frame_count != state.frame_count) {
        state.frame_count = frame_count;
        state.batches.clear();
    }
    const std::size_t index = state.batches.size();
    state.batches.emplace_back(dots.begin(), dots.end());
    draw_list->AddCallback(render_callback, reinterpret_cast<void*>(static_cast<std::uintptr_t>(index)));
    draw_list->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

} // namespace gf::ui::glow
