// The still layer's markers (layer.hpp): one callback that draws nothing.
#include "ui/layer.hpp"

namespace gf::ui::layer {

void marker_callback(const ImDrawList*, const ImDrawCmd*) {}

void begin(ImDrawList* draw_list)
{
    IM_ASSERT(draw_list && "layer::begin() needs the ImDrawList to mark, e.g. ImGui::GetWindowDrawList()");
    draw_list->AddCallback(marker_callback, reinterpret_cast<void*>(std::uintptr_t(draw_list->VtxBuffer.Size) * 2u));
}

void end(ImDrawList* draw_list)
{
    draw_list->AddCallback(marker_callback,
                           reinterpret_cast<void*>(std::uintptr_t(draw_list->VtxBuffer.Size) * 2u + 1u));
}

} // namespace gf::ui::layer
