// The still layer's markers (layer.hpp): one callback that draws nothing. Its data says which
// marker and where: the list's vertex count at the marker, times two, plus one for end().
#include "ui/layer.hpp"

#include <cstdint>

namespace gf::ui::layer {
namespace {

// One function for both markers: the linker may fold two empty functions into one address.
void marker_callback(const ImDrawList*, const ImDrawCmd*) {}

void add(ImDrawList* draw_list, std::uintptr_t is_end)
{
    IM_ASSERT(draw_list && "layer::begin()/end() need the ImDrawList to mark, e.g. ImGui::GetWindowDrawList()");
    const auto at = static_cast<std::uintptr_t>(draw_list->VtxBuffer.Size);
    draw_list->AddCallback(marker_callback, reinterpret_cast<void*>(at * 2u + is_end));
}

bool marker(const ImDrawCmd& cmd, std::uintptr_t is_end)
{
    return cmd.UserCallback == marker_callback &&
           (reinterpret_cast<std::uintptr_t>(cmd.UserCallbackData) & 1u) == is_end;
}

} // namespace

void begin(ImDrawList* draw_list) { add(draw_list, 0); }
void end(ImDrawList* draw_list) { add(draw_list, 1); }
bool is_begin(const ImDrawCmd& cmd) { return marker(cmd, 0); }
bool is_end(const ImDrawCmd& cmd) { return marker(cmd, 1); }
unsigned vertex_at(const ImDrawCmd& cmd)
{
    return unsigned(reinterpret_cast<std::uintptr_t>(cmd.UserCallbackData) >> 1);
}

} // namespace gf::ui::layer
