// Colour and thickness for signed values: weights, gradients, pulses.
//
// A diverging blue ↔ orange scale, safe for the common colour-vision deficiencies (blue and
// orange stay apart under deuteranopia, protanopia and tritanopia): negative blue, zero a light
// neutral, positive orange. Stops are ColorBrewer's (RdBu's blues, PuOr's oranges). The
// high-contrast palette uses the Okabe–Ito sky blue and orange against white and a square-root
// ramp, so small values already leave the neutral, and draws lines thicker.
//
// The light theme has its own variants, designed for a white page rather than inverted: zero is a
// pale grey just off the background (a weight of 0 recedes, as it does on dark), and the ends are
// the darker ColorBrewer / Okabe–Ito hues (#2166ac / #b35806; #0072b2 / #d55e00) so that both
// signs keep ≥ 3:1 against white. ThemeColors names every other colour a theme draws with, so
// tests/view can check each text / background pair against WCAG AA.
#pragma once

#include <cstddef>
#include <string_view>

namespace gf::view {

struct Rgba {
    float r = 0, g = 0, b = 0, a = 1; // 0 … 1, straight (not premultiplied) alpha
};

enum class Palette { standard, high_contrast };
enum class Theme { dark, light };

// value / scale clamped to [-1, 1] picks the colour; NaN gives a mid grey. scale ≤ 0 counts as 1.
Rgba color_for(double value, double scale, Palette palette = Palette::standard, Theme theme = Theme::dark);

// Every colour a theme draws with besides the edge palette: the canvas's own (ui/canvas.cpp) and
// the panels' (ui/theme.cpp maps these onto ImGuiStyle). All opaque, so contrast is defined.
struct ThemeColors {
    // The canvas.
    Rgba canvas_bg, node_fill, loss_fill, node_rim, neutral_edge;
    Rgba text, text_dim; // node names, values; captions, the legend
    Rgba plate;          // behind values drawn over edges (alpha is applied by the canvas)
    Rgba grad_text;      // backward values under a node
    Rgba focus;          // focus halo, walked path, its ∏ captions (text too)
    Rgba outline;        // pulse rims, the hovered edge, the focus ring
    bool glow = true;    // additive glow shows on dark only; light draws darker rims instead
    // The panels (ImGui).
    Rgba clear; // glClearColor: what shows before and between the panels
    Rgba window_bg, popup_bg, title_bg, title_bg_active, border;
    Rgba panel_text, panel_text_dim;
    Rgba frame_bg, frame_bg_hovered, frame_bg_active;
    Rgba button, button_hovered, button_active;
    Rgba header, header_hovered, header_active;
    Rgba check_mark, slider_grab, slider_grab_active;
    Rgba tick, tick_walk; // the timeline's phase ticks
    Rgba good, bad;       // panel status text: a check agrees / a refusal
};
const ThemeColors& theme_colors(Theme theme);
std::string_view theme_name(Theme theme); // "dark", "light"

// WCAG 2.x relative luminance of an sRGB colour and the contrast ratio of two (1 … 21).
double relative_luminance(const Rgba& c);
double contrast_ratio(const Rgba& a, const Rgba& b);

// Line thickness in pixels for |value| on a square-root ramp: thin but visible at 0, thickest at
// |value| ≥ scale.
float thickness_for(double abs_value, double scale, float ui_scale = 1.0f, Palette palette = Palette::standard);

// A symmetric scale for a set of values: the largest finite |v|, 1 when there is none or it is 0.
double value_scale(const double* values, std::size_t n);

// Packs to Dear ImGui's ImU32 layout (IM_COL32: a << 24 | b << 16 | g << 8 | r) without ImGui.
unsigned pack_abgr(const Rgba& c);

} // namespace gf::view
