// The app's fonts: DejaVu Sans, cut down at build time to the glyphs listed in fonts.glyphs.txt
// (Latin, Greek, ŷ, ∂ Σ ∑ · − → ≈, sub/superscript digits, arrows) and embedded in the binary
// (cmake/FontSubset.cmake). A string the UI draws needs its code points in that list:
// tests/fonts/check_glyphs.py checks every string literal in src/.
#pragma once

#include "imgui.h"

namespace gf::ui {

struct Fonts {
    ImFont* regular = nullptr; // DejaVu Sans, or ImGui's built-in font if loading failed
    bool embedded = false;     // false: the fallback is in use (a message was printed)
};

// Rebuilds ImGui's font atlas for a framebuffer with `dpi_scale` pixels per logical pixel: glyphs
// are rasterized at size_px * dpi_scale and io.FontGlobalScale = 1 / dpi_scale, so layout stays in
// logical pixels while text is drawn at the screen's real resolution (crisp on high-DPI screens).
// The renderer's font texture must be re-created afterwards (the platform layer does that).
// Never fails: if the embedded font cannot be used it says so on stderr and falls back to
// ImGui's built-in font (ASCII only).
Fonts load_fonts(float dpi_scale, float size_px = 16.0f);

// Zero-terminated ImWchar pairs: the code-point ranges put into the atlas (fonts.glyphs.txt).
const ImWchar* glyph_ranges();

} // namespace gf::ui
