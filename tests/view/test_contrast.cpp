// WCAG AA for both themes and both palettes: every text colour against every background it is
// drawn on ≥ 4.5:1, the edge palette's ends and the graphical marks ≥ 3:1 against the canvas.
// The pairs are listed by where the UI draws them (ui/canvas.cpp, ui/theme.cpp), so a colour
// changed to a low-contrast one in view/color.cpp fails here with its name.
#include "view/color.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace gf::view;

namespace {

constexpr double kText = 4.5;    // WCAG 2.x AA, normal text
constexpr double kGraphic = 3.0; // WCAG 2.1 1.4.11, non-text contrast

struct Pair {
    const char* what;
    Rgba fg, bg;
    double min;
};

std::string label(Theme t, const Pair& p) { return std::string(theme_name(t)) + ": " + p.what; }

} // namespace

TEST_CASE("contrast: the WCAG formula on known colours", "[view][contrast]")
{
    CHECK(contrast_ratio(Rgba{0, 0, 0, 1}, Rgba{1, 1, 1, 1}) == Approx(21.0));
    CHECK(contrast_ratio(Rgba{1, 1, 1, 1}, Rgba{1, 1, 1, 1}) == Approx(1.0));
    // #767676 on white is the classic 4.54:1, the lightest grey that passes AA.
    const float g = 0x76 / 255.f;
    CHECK(contrast_ratio(Rgba{g, g, g, 1}, Rgba{1, 1, 1, 1}) == Approx(4.54).margin(0.01));
    CHECK(contrast_ratio(Rgba{1, 1, 1, 1}, Rgba{g, g, g, 1}) == contrast_ratio(Rgba{g, g, g, 1}, Rgba{1, 1, 1, 1}));
}

TEST_CASE("contrast: every text and mark of both themes meets WCAG AA", "[view][contrast]")
{
    for (Theme t : {Theme::dark, Theme::light}) {
        const ThemeColors& c = theme_colors(t);
        const Pair pairs[] = {
            // The canvas.
            {"node name on the canvas", c.text, c.canvas_bg, kText},
            {"node name on a node", c.text, c.node_fill, kText},
            {"node name on the loss", c.text, c.loss_fill, kText},
            {"second line on a node", c.text_dim, c.node_fill, kText},
            {"caption / legend on the canvas", c.text_dim, c.canvas_bg, kText},
            {"value on its plate", c.text, c.plate, kText},
            {"gradient on its plate", c.grad_text, c.plate, kText},
            {"gradient on the canvas", c.grad_text, c.canvas_bg, kText},
            {"path product (focus colour) on its plate", c.focus, c.plate, kText},
            {"path product (focus colour) on the canvas", c.focus, c.canvas_bg, kText},
            {"node rim", c.node_rim, c.canvas_bg, kGraphic},
            {"focus halo", c.focus, c.canvas_bg, kGraphic},
            {"pulse rim / hovered edge", c.outline, c.canvas_bg, kGraphic},
            // The panels.
            {"panel text", c.panel_text, c.window_bg, kText},
            {"dim panel text (phase, share link)", c.panel_text_dim, c.window_bg, kText},
            {"text in a popup / tooltip", c.panel_text, c.popup_bg, kText},
            {"dim text in a popup", c.panel_text_dim, c.popup_bg, kText},
            {"window title", c.panel_text, c.title_bg, kText},
            {"active window title", c.panel_text, c.title_bg_active, kText},
            {"text in a field", c.panel_text, c.frame_bg, kText},
            {"text in a hovered field", c.panel_text, c.frame_bg_hovered, kText},
            {"text in an active field", c.panel_text, c.frame_bg_active, kText},
            {"button label", c.panel_text, c.button, kText},
            {"hovered button label", c.panel_text, c.button_hovered, kText},
            {"pressed button label", c.panel_text, c.button_active, kText},
            {"selected item", c.panel_text, c.header, kText},
            {"hovered item", c.panel_text, c.header_hovered, kText},
            {"active item", c.panel_text, c.header_active, kText},
            {"check mark in its box", c.check_mark, c.frame_bg, kGraphic},
            {"slider grab on its track", c.slider_grab, c.frame_bg, kGraphic},
            {"active slider grab", c.slider_grab_active, c.frame_bg_active, kGraphic},
            {"phase tick on the slider", c.tick, c.frame_bg, kGraphic},
            {"walk tick on the slider", c.tick_walk, c.frame_bg, kGraphic},
            {"focused gradient in the inspector (focus colour)", c.focus, c.window_bg, kText},
            {"a check that agrees", c.good, c.window_bg, kText},
            {"a refusal", c.bad, c.window_bg, kText},
        };
        for (const Pair& p : pairs) {
            INFO(label(t, p) << ": " << contrast_ratio(p.fg, p.bg) << ":1, needs " << p.min);
            CHECK(contrast_ratio(p.fg, p.bg) >= p.min);
        }
    }
}

TEST_CASE("contrast: the edge palettes' ends stand out from each theme's canvas", "[view][contrast]")
{
    for (Theme t : {Theme::dark, Theme::light})
        for (Palette p : {Palette::standard, Palette::high_contrast}) {
            const Rgba bg = theme_colors(t).canvas_bg;
            for (double v : {-1.0, 1.0}) {
                const Rgba c = color_for(v, 1.0, p, t);
                INFO(theme_name(t) << (p == Palette::high_contrast ? " high-contrast" : " standard") << " at " << v
                                   << ": " << contrast_ratio(c, bg) << ":1");
                CHECK(contrast_ratio(c, bg) >= kGraphic);
            }
        }
}

TEST_CASE("contrast: on the light canvas zero recedes and both signs stay apart", "[view][contrast]")
{
    for (Palette p : {Palette::standard, Palette::high_contrast}) {
        const Rgba bg = theme_colors(Theme::light).canvas_bg;
        const Rgba zero = color_for(0.0, 1.0, p, Theme::light);
        INFO((p == Palette::high_contrast ? "high-contrast" : "standard"));
        // Near the background: a zero weight is a faint line, not a dark one.
        CHECK(contrast_ratio(zero, bg) < 1.6);
        // Blue for negative, orange for positive, as on dark.
        const Rgba neg = color_for(-1.0, 1.0, p, Theme::light), pos = color_for(1.0, 1.0, p, Theme::light);
        CHECK(neg.b > neg.r);
        CHECK(pos.r > pos.b);
        // Half the scale already reads as a mark, not as background.
        CHECK(contrast_ratio(color_for(-0.5, 1.0, p, Theme::light), bg) > 1.8);
        CHECK(contrast_ratio(color_for(0.5, 1.0, p, Theme::light), bg) > 1.8);
    }
    // The light theme really is another palette, not the dark one on white.
    CHECK(pack_abgr(color_for(1.0, 1.0, Palette::standard, Theme::light)) !=
          pack_abgr(color_for(1.0, 1.0, Palette::standard, Theme::dark)));
}
