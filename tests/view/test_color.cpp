#include "view/color.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace gf::view;

namespace {

float lin(float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); }

// Machado, Oliveira & Fernandes (2009) dichromacy simulation (severity 1) on linear RGB.
struct M3 {
    float m[3][3];
};
const M3 kProtan{
    {{0.152286f, 1.052583f, -0.204868f}, {0.114503f, 0.786281f, 0.099216f}, {-0.003882f, -0.048116f, 1.051998f}}};
const M3 kDeutan{
    {{0.367322f, 0.860646f, -0.227968f}, {0.280085f, 0.672501f, 0.047413f}, {-0.011820f, 0.042940f, 0.968881f}}};
const M3 kTritan{
    {{1.255528f, -0.076749f, -0.178779f}, {-0.078411f, 0.930809f, 0.147602f}, {0.004733f, 0.691367f, 0.303900f}}};

float seen_distance(const M3& M, Rgba a, Rgba b)
{
    const float la[3] = {lin(a.r), lin(a.g), lin(a.b)}, lb[3] = {lin(b.r), lin(b.g), lin(b.b)};
    float d2 = 0;
    for (int i = 0; i < 3; ++i) {
        float x = 0;
        for (int k = 0; k < 3; ++k) x += M.m[i][k] * (la[k] - lb[k]);
        d2 += x * x;
    }
    return std::sqrt(d2);
}

float luminance(Rgba c) { return 0.2126f * lin(c.r) + 0.7152f * lin(c.g) + 0.0722f * lin(c.b); }

} // namespace

TEST_CASE("colour: blue for negative, orange for positive, neutral at zero", "[view][color]")
{
    for (Palette p : {Palette::standard, Palette::high_contrast}) {
        const Rgba zero = color_for(0.0, 1.0, p);
        CHECK(std::abs(zero.r - zero.b) < 0.01f);
        const Rgba neg = color_for(-1.0, 1.0, p), pos = color_for(1.0, 1.0, p);
        CHECK(neg.b > neg.r);
        CHECK(pos.r > pos.b);
        CHECK(neg.a == 1.0f);
        // Clamped beyond the scale; scale divides.
        CHECK(color_for(-7.0, 1.0, p).b == neg.b);
        CHECK(color_for(0.5, 0.5, p).r == pos.r);
        // Moving away from zero moves away from the neutral colour, on both sides.
        float prev_n = 0, prev_p = 0;
        for (int i = 1; i <= 10; ++i) {
            const double x = i / 10.0;
            const float dn = seen_distance(M3{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, color_for(-x, 1.0, p), zero);
            const float dp = seen_distance(M3{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}}, color_for(x, 1.0, p), zero);
            CHECK(dn > prev_n);
            CHECK(dp > prev_p);
            prev_n = dn;
            prev_p = dp;
        }
    }
    const Rgba nan = color_for(std::numeric_limits<double>::quiet_NaN(), 1.0);
    CHECK(nan.r == nan.g);
    CHECK(color_for(1.0, 0.0).r == color_for(1.0, 1.0).r); // a zero scale counts as 1
}

TEST_CASE("colour: the two ends stay apart for the three dichromacies", "[view][color]")
{
    for (Theme t : {Theme::dark, Theme::light})
        for (Palette p : {Palette::standard, Palette::high_contrast})
            for (const M3* m : {&kProtan, &kDeutan, &kTritan}) {
                CHECK(seen_distance(*m, color_for(-1.0, 1.0, p, t), color_for(1.0, 1.0, p, t)) > 0.3f);
                CHECK(seen_distance(*m, color_for(-0.5, 1.0, p, t), color_for(0.5, 1.0, p, t)) > 0.1f);
            }
}

TEST_CASE("colour: high contrast leaves the neutral sooner", "[view][color]")
{
    const float std_small = std::abs(luminance(color_for(0.1, 1.0)) - luminance(color_for(0.0, 1.0)));
    const float hc_small = std::abs(luminance(color_for(0.1, 1.0, Palette::high_contrast)) -
                                    luminance(color_for(0.0, 1.0, Palette::high_contrast)));
    CHECK(hc_small > std_small);
}

TEST_CASE("thickness: monotone, bounded, visible at zero, scaled by ui_scale", "[view][color]")
{
    float prev = 0;
    for (int i = 0; i <= 20; ++i) {
        const float t = thickness_for(i / 10.0, 1.0);
        CHECK(t >= prev);
        prev = t;
    }
    CHECK(thickness_for(0.0, 1.0) > 0.5f);
    CHECK(thickness_for(5.0, 1.0) == thickness_for(1.0, 1.0));
    CHECK(thickness_for(-0.5, 1.0) == thickness_for(0.5, 1.0));
    CHECK(thickness_for(0.5, 1.0, 2.0f) == Approx(2.0f * thickness_for(0.5, 1.0)));
    CHECK(thickness_for(0.0, 1.0, 1.0f, Palette::high_contrast) > thickness_for(0.0, 1.0));
    CHECK(thickness_for(std::numeric_limits<double>::quiet_NaN(), 1.0) == thickness_for(0.0, 1.0));
}

TEST_CASE("value_scale and pack_abgr", "[view][color]")
{
    const double v[] = {0.5, -2.0, std::numeric_limits<double>::infinity(), 1.0};
    CHECK(value_scale(v, 4) == 2.0);
    const double z[] = {0.0, 0.0};
    CHECK(value_scale(z, 2) == 1.0);
    CHECK(value_scale(nullptr, 0) == 1.0);
    CHECK(pack_abgr(Rgba{1, 0, 0, 1}) == 0xFF0000FFu);
    CHECK(pack_abgr(Rgba{0, 0, 1, 0.5f}) == 0x80FF0000u);
}
