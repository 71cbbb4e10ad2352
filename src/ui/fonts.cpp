#include "ui/fonts.hpp"

#include "embed/dejavu_sans.hpp"

#include <cstdio>
#include <cstring>

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
    static const ImWchar ranges[] = {
        0x0020, 0x00FF, // Basic Latin + Latin-1 (· U+00B7, ², ³, ×, ÷)
        0x0100, 0x017F, // Latin Extended-A (ŷ U+0177)
        0x0370, 0x03FF, // Greek (σ, Σ, δ, η, θ …)
        0x1D00, 0x1DBF, // phonetic extensions: modifier letters such as ᵀ (transpose)
        0x2000, 0x206F, // general punctuation (– — ′ ″ … ‖)
        0x2070, 0x209F, // superscripts and subscripts (⁰ ¹ ⁻ ₀ ₁ ₙ …)
        0x2190, 0x21FF, // arrows (← → ↑ ↓ ⇒)
        0x2200, 0x22FF, // mathematical operators (∂ ∑ − ≈ ∇ ∈ ⊙ …)
        0x25A0, 0x25FF, // geometric shapes (▶ ■ ● ◆, for play/pause and markers)
        0,
    };
    return ranges;
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
    }
    return out;
}

} // namespace gf::ui
