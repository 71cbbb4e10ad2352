// Light and dark: which theme is in effect and the ImGui style that draws it.
//
// The colours themselves are view::ThemeColors (src/view/color.*), pure data that tests/view
// checks against WCAG AA; this file only maps them onto ImGuiStyle and ImU32.
#pragma once

#include "embed/page_state.hpp"
#include "view/color.hpp"

#include "imgui.h"

namespace gf::ui {

// The theme a choice gives: auto follows the system's (the browser's prefers-color-scheme).
view::Theme resolve_theme(embed::ThemeChoice choice, bool system_dark);

// Sets the current ImGui context's style for `theme`: spacing and rounding, and every colour a
// panel draws with. Cheap; called every frame so it is right for whichever context is current.
void apply_style(view::Theme theme);

} // namespace gf::ui
