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

// Panel text colours beyond ImGuiStyle's, for the theme apply_style() last set: the focused
// gradient, a check that agrees, a refusal. Read them through kYellow / kGood / kBad references.
struct StatusInk {
    ImVec4 focus{1.0f, 0.87f, 0.34f, 1.0f}, good{0.45f, 0.85f, 0.55f, 1.0f}, bad{1.0f, 0.45f, 0.40f, 1.0f};
};
extern StatusInk g_status_ink;

} // namespace gf::ui
