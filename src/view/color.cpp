#include "view/color.hpp"

#include <algorithm>
#include <cmath>

namespace gf::view {

namespace {

struct Stop {
    float x;
    float r, g, b;
};

// ColorBrewer: RdBu #2166ac #67a9cf, neutral #f7f7f7, PuOr #fdb863 #e66101.
constexpr Stop kStandard[] = {
    {-1.0f, 0x21 / 255.f, 0x66 / 255.f, 0xac / 255.f}, {-0.5f, 0x67 / 255.f, 0xa9 / 255.f, 0xcf / 255.f},
    {0.0f, 0xf7 / 255.f, 0xf7 / 255.f, 0xf7 / 255.f},  {0.5f, 0xfd / 255.f, 0xb8 / 255.f, 0x63 / 255.f},
    {1.0f, 0xe6 / 255.f, 0x61 / 255.f, 0x01 / 255.f},
};
// Okabe–Ito sky blue #56b4e9 and orange #e69f00, with white between.
constexpr Stop kHighContrast[] = {
    {-1.0f, 0x56 / 255.f, 0xb4 / 255.f, 0xe9 / 255.f},
    {0.0f, 1.0f, 1.0f, 1.0f},
    {1.0f, 0xe6 / 255.f, 0x9f / 255.f, 0x00 / 255.f},
};

// On white (light theme): RdBu's #2166ac #67a9cf, a pale neutral #dcdde0 just off the canvas,
// PuOr's #f1a340 #b35806. The dark ends give ≥ 3:1 against the background.
constexpr Stop kStandardLight[] = {
    {-1.0f, 0x21 / 255.f, 0x66 / 255.f, 0xac / 255.f}, {-0.5f, 0x67 / 255.f, 0xa9 / 255.f, 0xcf / 255.f},
    {0.0f, 0xdc / 255.f, 0xdd / 255.f, 0xe0 / 255.f},  {0.5f, 0xf1 / 255.f, 0xa3 / 255.f, 0x40 / 255.f},
    {1.0f, 0xb3 / 255.f, 0x58 / 255.f, 0x06 / 255.f},
};
// Okabe–Ito blue #0072b2 and vermillion #d55e00, the pair of that set that holds on white.
constexpr Stop kHighContrastLight[] = {
    {-1.0f, 0x00 / 255.f, 0x72 / 255.f, 0xb2 / 255.f},
    {0.0f, 0xe4 / 255.f, 0xe4 / 255.f, 0xe4 / 255.f},
    {1.0f, 0xd5 / 255.f, 0x5e / 255.f, 0x00 / 255.f},
};

constexpr Rgba rgb(int r, int g, int b) { return {float(r) / 255.f, float(g) / 255.f, float(b) / 255.f, 1.0f}; }

// The dark theme keeps the app's original canvas and panel colours where they passed WCAG AA;
// ImGui's StyleColorsDark hover blue (#4296fa) under white text (3.0:1) was darkened.
ThemeColors make_dark()
{
    ThemeColors c;
    c.canvas_bg = rgb(20, 23, 30);
    c.node_fill = rgb(44, 52, 68);
    c.loss_fill = rgb(70, 44, 56);
    c.node_rim = rgb(120, 135, 160);
    c.neutral_edge = rgb(110, 118, 132);
    c.text = rgb(225, 230, 240);
    c.text_dim = rgb(150, 160, 178);
    c.plate = rgb(14, 16, 22);
    c.grad_text = rgb(150, 205, 255);
    c.focus = rgb(255, 221, 87);
    c.outline = rgb(255, 255, 255);
    c.glow = true;
    c.clear = rgb(14, 16, 21);
    c.window_bg = rgb(19, 22, 28);
    c.popup_bg = rgb(24, 28, 36);
    c.title_bg = rgb(26, 31, 41);
    c.title_bg_active = rgb(33, 43, 61);
    c.border = rgb(62, 72, 92);
    c.panel_text = rgb(235, 238, 245);
    c.panel_text_dim = rgb(150, 158, 172);
    c.frame_bg = rgb(36, 50, 76);
    c.frame_bg_hovered = rgb(44, 66, 104);
    c.frame_bg_active = rgb(50, 78, 124);
    c.button = rgb(42, 66, 106);
    c.button_hovered = rgb(52, 92, 156);
    c.button_active = rgb(40, 78, 138);
    c.header = rgb(42, 66, 106);
    c.header_hovered = rgb(52, 92, 156);
    c.header_active = rgb(40, 78, 138);
    c.check_mark = rgb(110, 180, 255);
    c.slider_grab = rgb(96, 156, 236);
    c.slider_grab_active = rgb(130, 182, 252);
    c.tick = rgb(140, 150, 170);
    c.tick_walk = rgb(255, 221, 87);
    c.good = rgb(115, 217, 140);
    c.bad = rgb(255, 115, 102);
    return c;
}

// Designed for a white course page: near-white canvas, slate text, pale blue controls with
// dark text, a dark gold for the focus (yellow vanishes on white) and no additive glow.
ThemeColors make_light()
{
    ThemeColors c;
    c.canvas_bg = rgb(252, 252, 253);
    c.node_fill = rgb(228, 233, 242);
    c.loss_fill = rgb(246, 223, 229);
    c.node_rim = rgb(104, 116, 140);
    c.neutral_edge = rgb(150, 158, 172);
    c.text = rgb(22, 26, 34);
    c.text_dim = rgb(78, 86, 102);
    c.plate = rgb(255, 255, 255);
    c.grad_text = rgb(16, 86, 166);
    c.focus = rgb(150, 96, 0);
    c.outline = rgb(28, 32, 42);
    c.glow = false;
    c.clear = rgb(238, 241, 246);
    c.window_bg = rgb(243, 245, 248);
    c.popup_bg = rgb(255, 255, 255);
    c.title_bg = rgb(226, 231, 239);
    c.title_bg_active = rgb(208, 218, 233);
    c.border = rgb(176, 184, 198);
    c.panel_text = rgb(22, 26, 34);
    c.panel_text_dim = rgb(82, 90, 106);
    c.frame_bg = rgb(255, 255, 255);
    c.frame_bg_hovered = rgb(232, 239, 250);
    c.frame_bg_active = rgb(214, 226, 246);
    c.button = rgb(218, 228, 243);
    c.button_hovered = rgb(196, 212, 238);
    c.button_active = rgb(172, 194, 230);
    c.header = rgb(208, 221, 242);
    c.header_hovered = rgb(190, 208, 238);
    c.header_active = rgb(168, 192, 232);
    c.check_mark = rgb(16, 86, 166);
    c.slider_grab = rgb(48, 104, 184);
    c.slider_grab_active = rgb(24, 76, 150);
    c.tick = rgb(110, 120, 140);
    c.tick_walk = rgb(150, 96, 0);
    c.good = rgb(20, 118, 50);
    c.bad = rgb(178, 34, 34);
    return c;
}

double channel_linear(float v)
{
    const double c = std::clamp(double(v), 0.0, 1.0);
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

template <std::size_t N>
Rgba ramp(const Stop (&stops)[N], float x)
{
    for (std::size_t i = 0; i + 1 < N; ++i) {
        const Stop& a = stops[i];
        const Stop& b = stops[i + 1];
        if (x <= b.x || i + 2 == N) {
            const float f = std::clamp((x - a.x) / (b.x - a.x), 0.0f, 1.0f);
            return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f, 1.0f};
        }
    }
    return {};
}

} // namespace

Rgba color_for(double value, double scale, Palette palette, Theme theme)
{
    if (!(scale > 0.0)) scale = 1.0;
    const double q = value / scale;
    if (std::isnan(q)) return {0.5f, 0.5f, 0.5f, 1.0f};
    float x = float(std::clamp(q, -1.0, 1.0));
    const bool light = theme == Theme::light;
    if (palette == Palette::high_contrast) {
        x = std::copysign(std::sqrt(std::abs(x)), x);
        return light ? ramp(kHighContrastLight, x) : ramp(kHighContrast, x);
    }
    return light ? ramp(kStandardLight, x) : ramp(kStandard, x);
}

const ThemeColors& theme_colors(Theme theme)
{
    static const ThemeColors dark = make_dark(), light = make_light();
    return theme == Theme::light ? light : dark;
}

std::string_view theme_name(Theme theme) { return theme == Theme::light ? "light" : "dark"; }

double relative_luminance(const Rgba& c)
{
    return 0.2126 * channel_linear(c.r) + 0.7152 * channel_linear(c.g) + 0.0722 * channel_linear(c.b);
}

double contrast_ratio(const Rgba& a, const Rgba& b)
{
    const double la = relative_luminance(a), lb = relative_luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

float thickness_for(double abs_value, double scale, float ui_scale, Palette palette)
{
    if (!(scale > 0.0)) scale = 1.0;
    double q = std::abs(abs_value) / scale;
    if (std::isnan(q)) q = 0.0;
    const float x = float(std::sqrt(std::clamp(q, 0.0, 1.0)));
    const bool hc = palette == Palette::high_contrast;
    const float lo = hc ? 1.5f : 0.75f, hi = hc ? 5.0f : 4.0f;
    return (lo + (hi - lo) * x) * ui_scale;
}

double value_scale(const double* values, std::size_t n)
{
    double m = 0.0;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(values[i])) m = std::max(m, std::abs(values[i]));
    return m > 0.0 ? m : 1.0;
}

unsigned pack_abgr(const Rgba& c)
{
    auto byte = [](float v) { return unsigned(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    return byte(c.a) << 24 | byte(c.b) << 16 | byte(c.g) << 8 | byte(c.r);
}

} // namespace gf::view
