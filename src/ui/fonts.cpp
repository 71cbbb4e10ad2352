#include "ui/fonts.hpp"

#include "embed/dejavu_sans.hpp"
#include "embed/dejavu_sans_ranges.hpp"

#include <cstdio>
#include <cstring>
#include <type_traits>

namespace gf::ui {
namespace {

// A TrueType/OpenType file starts with one of these four tags. stb_truetype asserts rather than
// failing on garbage, so the data is checked before ImGui sees it.
bool looks_like_ttf(const unsigned char* data, std::size_t size)
{
    if (size < 12) return false;
    static const unsigned char tags[][4] = {
        {0, 1, 0, 0}, {'t', 'r', 'u', 'e'}, {'O', 'T', 'T', 'O'}, {'t', 't', 'c', 'f'}};
    for (const auto& tag : tags)
        if (std::memcmp(data, tag, 4) == 0) return true;
    return false;
}

} // namespace

const ImWchar* glyph_ranges()
{
    // Generated from src/ui/fonts.glyphs.txt, the same list the embedded font was subset to.
    static_assert(
        std::is_same_v<ImWchar, std::remove_cv_t<std::remove_extent_t<decltype(gf::embed::dejavu_sans_ranges)>>>,
        "ImWchar is 16-bit in ImGui 1.86 unless IMGUI_USE_WCHAR32; the generated ranges match that");
    return gf::embed::dejavu_sans_ranges;
}

Fonts load_fonts(float dpi_scale, float size_px)
{
    IM_ASSERT(ImGui::GetCurrentContext() && "Call ImGui::CreateContext() before gf::ui::load_fonts()");
    if (!(dpi_scale > 0.0f)) dpi_scale = 1.0f;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.FontGlobalScale = 1.0f / dpi_scale;

    Fonts out;
    const auto sans = gf::embed::dejavu_sans();
    if (looks_like_ttf(sans.data(), sans.size())) {
        ImFontConfig cfg;
        cfg.FontDataOwnedByAtlas = false; // the bytes are static, ImGui must not free them
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        cfg.PixelSnapH = false;
        std::snprintf(cfg.Name, sizeof cfg.Name, "DejaVu Sans %.0fpx x%.2g", double(size_px), double(dpi_scale));
        // ImGui takes void*, but with FontDataOwnedByAtlas = false it only reads the data.
        out.regular = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(sans.data()), int(sans.size()),
                                                     size_px * dpi_scale, &cfg, glyph_ranges());
        out.embedded = out.regular != nullptr && io.Fonts->Build();
    }
    if (!out.embedded) {
#ifdef GRADFLOW_IMGUI_NO_DEFAULT_FONT
        // The page's ImGui has no built-in font to fall back on (cmake/ImGuiSDL2.cmake): the
        // embedded one is compiled in, so failing to load it is a broken build, not the reader's.
        std::fprintf(stderr,
                     "gradflow: the embedded font (DejaVu Sans, %zu bytes) could not be loaded and this "
                     "build has no fallback font; rebuild the page with fonts-dejavu-core installed.\n",
                     sans.size());
        IM_ASSERT(false && "the embedded font must load: check the build's font subset step");
        return out;
#else
        std::fprintf(stderr,
                     "gradflow: the embedded font (DejaVu Sans, %zu bytes) could not be loaded; "
                     "using ImGui's built-in font, which lacks Greek and math symbols (ŷ ∂ Σ show as '?'). "
                     "Rebuild with fonts-dejavu-core installed.\n",
                     sans.size());
        io.Fonts->Clear();
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * dpi_scale; // the built-in font is a 13 px bitmap font
        out.regular = io.Fonts->AddFontDefault(&cfg);
        io.Fonts->Build();
#endif
    }
    return out;
}

} // namespace gf::ui
