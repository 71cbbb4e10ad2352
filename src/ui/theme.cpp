// ImGuiStyle from view::ThemeColors. Starting from ImGui's own dark or light set keeps the
// colours this file does not name (scrollbars, separators, resize grips) in the right family.
#include "ui/theme.hpp"

namespace gf::ui {

namespace {

ImVec4 v4(const view::Rgba& c, float alpha = 1.0f) { return ImVec4(c.r, c.g, c.b, c.a * alpha); }

} // namespace

StatusInk g_status_ink;

view::Theme resolve_theme(embed::ThemeChoice choice, bool system_dark)
{
    switch (choice) {
    case embed::ThemeChoice::dark: return view::Theme::dark;
    case embed::ThemeChoice::light: return view::Theme::light;
    case embed::ThemeChoice::follow_system: break;
    }
    return system_dark ? view::Theme::dark : view::Theme::light;
}

void apply_style(view::Theme theme)
{
    ImGuiStyle& st = ImGui::GetStyle();
    // ~50 stores: cheap enough every frame, and a theme switch then needs no bookkeeping.
    if (theme == view::Theme::light)
        ImGui::StyleColorsLight(&st);
    else
        ImGui::StyleColorsDark(&st);
    st.WindowRounding = 0.0f;
    st.FrameRounding = 3.0f;
    st.GrabRounding = 3.0f;
    st.WindowBorderSize = 1.0f;
    st.FrameBorderSize = theme == view::Theme::light ? 1.0f : 0.0f; // white fields on a pale panel need an edge
    st.ItemSpacing = ImVec2(6, 5);
    st.WindowPadding = ImVec2(8, 6);

    const view::ThemeColors& c = view::theme_colors(theme);
    ImVec4* col = st.Colors;
    col[ImGuiCol_Text] = v4(c.panel_text);
    col[ImGuiCol_TextDisabled] = v4(c.panel_text_dim);
    col[ImGuiCol_WindowBg] = v4(c.window_bg);
    col[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    col[ImGuiCol_PopupBg] = v4(c.popup_bg);
    col[ImGuiCol_Border] = v4(c.border);
    col[ImGuiCol_TitleBg] = v4(c.title_bg);
    col[ImGuiCol_TitleBgActive] = v4(c.title_bg_active);
    col[ImGuiCol_TitleBgCollapsed] = v4(c.title_bg);
    col[ImGuiCol_FrameBg] = v4(c.frame_bg);
    col[ImGuiCol_FrameBgHovered] = v4(c.frame_bg_hovered);
    col[ImGuiCol_FrameBgActive] = v4(c.frame_bg_active);
    col[ImGuiCol_Button] = v4(c.button);
    col[ImGuiCol_ButtonHovered] = v4(c.button_hovered);
    col[ImGuiCol_ButtonActive] = v4(c.button_active);
    col[ImGuiCol_Header] = v4(c.header);
    col[ImGuiCol_HeaderHovered] = v4(c.header_hovered);
    col[ImGuiCol_HeaderActive] = v4(c.header_active);
    col[ImGuiCol_CheckMark] = v4(c.check_mark);
    col[ImGuiCol_SliderGrab] = v4(c.slider_grab);
    col[ImGuiCol_SliderGrabActive] = v4(c.slider_grab_active);
    col[ImGuiCol_Tab] = v4(c.button);
    col[ImGuiCol_TabHovered] = v4(c.button_hovered);
    col[ImGuiCol_TabActive] = v4(c.button_active);
    col[ImGuiCol_TextSelectedBg] = v4(c.header_hovered, 0.8f);
    col[ImGuiCol_NavHighlight] = v4(c.check_mark);
    g_status_ink = StatusInk{v4(c.focus), v4(c.good), v4(c.bad)};
}

} // namespace gf::ui
