// Colour and thickness for signed values: weights, gradients, pulses.
//
// A diverging blue ↔ orange scale, safe for the common colour-vision deficiencies (blue and
// orange stay apart under deuteranopia, protanopia and tritanopia): negative blue, zero a light
// neutral, positive orange. Stops are ColorBrewer's (RdBu's blues, PuOr's oranges). The
// high-contrast palette uses the Okabe–Ito sky blue and orange against white and a square-root
// ramp, so small values already leave the neutral, and draws lines thicker.
#pragma once

#include <cstddef>

namespace gf::view {

struct Rgba {
    float r = 0, g = 0, b = 0, a = 1; // 0 … 1, straight (not premultiplied) alpha
};

enum class Palette { standard, high_contrast };

// value / scale clamped to [-1, 1] picks the colour; NaN gives a mid grey. scale ≤ 0 counts as 1.
Rgba color_for(double value, double scale, Palette palette = Palette::standard);

// Line thickness in pixels for |value| on a square-root ramp: thin but visible at 0, thickest at
// |value| ≥ scale.
float thickness_for(double abs_value, double scale, float ui_scale = 1.0f, Palette palette = Palette::standard);

// A symmetric scale for a set of values: the largest finite |v|, 1 when there is none or it is 0.
double value_scale(const double* values, std::size_t n);

// Packs to Dear ImGui's ImU32 layout (IM_COL32: a << 24 | b << 16 | g << 8 | r) without ImGui.
unsigned pack_abgr(const Rgba& c);

} // namespace gf::view
