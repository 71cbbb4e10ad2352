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

Rgba color_for(double value, double scale, Palette palette)
{
    if (!(scale > 0.0)) scale = 1.0;
    const double q = value / scale;
    if (std::isnan(q)) return {0.5f, 0.5f, 0.5f, 1.0f};
    float x = float(std::clamp(q, -1.0, 1.0));
    if (palette == Palette::high_contrast) {
        x = std::copysign(std::sqrt(std::abs(x)), x);
        return ramp(kHighContrast, x);
    }
    return ramp(kStandard, x);
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
