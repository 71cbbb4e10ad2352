// [SECTION] Colours and the refresh rule shared with the plane
// [SECTION] The atlas: every hidden neuron's map in one texture
// [SECTION] A map inside its node
// [SECTION] The large view on hover
//
// Playground's neuron heatmaps (issue 8): every hidden neuron's activation over the input plane,
// drawn inside its node on the canvas, and large with its colour scale while the node is hovered.
// The numbers are the Session's (NeuronMaps, from the plane's own forward passes); this file only
// colours them. All the small maps share one texture (one upload per refresh, one texture bound
// for every node), the hovered one gets a texture of its own at the plane's full resolution.
#include "ui/state.hpp"
#include "ui/theme.hpp"

#include "core/names.hpp"

#include <algorithm>
#include <cmath>

namespace gf::ui {

// -----------------------------------------------------------------------------------------------
// [SECTION] Colours and the refresh rule shared with the plane
// -----------------------------------------------------------------------------------------------

bool plane_refresh_due(State& s, double& last_at)
{
    // While training, the plane (and the maps from its passes) is recomputed kPlaneHz times a
    // second: each refresh is 4,096 forward passes, epochs' worth of work that would otherwise be
    // spent every frame. Whoever asks first in a frame refreshes; the rest get the same passes.
    constexpr double kPlaneHz = 15.0;
    const bool due = !s.session.data_run().running || s.last_now - last_at >= 1.0 / kPlaneHz;
    if (due) last_at = s.last_now;
    return due;
}

namespace {

void put(unsigned char* px, const view::Rgba& c)
{
    px[0] = (unsigned char)std::lround(std::clamp(c.r, 0.0f, 1.0f) * 255.0f);
    px[1] = (unsigned char)std::lround(std::clamp(c.g, 0.0f, 1.0f) * 255.0f);
    px[2] = (unsigned char)std::lround(std::clamp(c.b, 0.0f, 1.0f) * 255.0f);
    px[3] = 255;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The atlas: every hidden neuron's map in one texture
// -----------------------------------------------------------------------------------------------

constexpr int kTile = 32; // atlas cells per map side: 2×2 of the plane's 64 averaged (a node is ~40 px)

// Refills the atlas when the maps, the theme or the palette changed; false when there are none.
bool update_atlas(State& s, const NeuronMaps& m, view::Theme theme)
{
    NeuronMapUi& u = s.neuron_maps;
    if (!m.ok) return false;
    if (u.atlas_of == m.version && u.atlas_theme == theme && u.atlas_palette == s.settings.palette) return true;
    const int count = int(m.neurons.size());
    u.cols = std::max(1, int(std::ceil(std::sqrt(double(count)))));
    u.rows = (count + u.cols - 1) / u.cols;
    u.tile = m.n >= 2 * kTile ? kTile : m.n;
    const int f = m.n / u.tile; // plane cells per atlas cell side
    const int w = u.cols * u.tile, h = u.rows * u.tile;
    u.pixels.assign(std::size_t(w) * std::size_t(h) * 4, 0);
    const std::size_t cells = std::size_t(m.n) * std::size_t(m.n);
    for (int i = 0; i < count; ++i) {
        const float* map = m.value.data() + std::size_t(i) * cells;
        const int ox = (i % u.cols) * u.tile, oy = (i / u.cols) * u.tile;
        for (int r = 0; r < u.tile; ++r)
            for (int c = 0; c < u.tile; ++c) {
                double sum = 0.0;
                for (int dr = 0; dr < f; ++dr)
                    for (int dc = 0; dc < f; ++dc)
                        sum += map[std::size_t(r * f + dr) * std::size_t(m.n) + std::size_t(c * f + dc)];
                const float v = float(sum / double(f * f));
                put(&u.pixels[(std::size_t(oy + r) * std::size_t(w) + std::size_t(ox + c)) * 4],
                    neuron_color(v, m.neurons[std::size_t(i)].scale, s.settings.palette, theme));
            }
    }
    u.atlas_of = m.version;
    u.atlas_theme = theme;
    u.atlas_palette = s.settings.palette;
    if (s.textures) u.atlas = s.textures->update(u.atlas, w, h, u.pixels.data());
    return true;
}

} // namespace

view::Rgba neuron_color(float v, double scale, view::Palette palette, view::Theme theme)
{
    // Less muted than the plane behind its points: a map fills a small disc with nothing on it.
    const view::Rgba c = view::color_for(v, scale, palette, theme);
    const view::Rgba& bg = view::theme_colors(theme).node_fill;
    constexpr float t = 0.8f;
    return {bg.r + (c.r - bg.r) * t, bg.g + (c.g - bg.g) * t, bg.b + (c.b - bg.b) * t, 1.0f};
}

void begin_neuron_maps(State& s)
{
    NeuronMapUi& u = s.neuron_maps;
    u.drawn.clear();
    u.ready = false;
    const Session& m = s.session;
    if (!m.has_data()) return;
    const view::Theme theme = resolve_theme(s.settings.theme, s.settings.system_dark);
    u.ready = update_atlas(s, m.neuron_maps(plane_refresh_due(s, s.data.plane_at)), theme);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] A map inside its node
// -----------------------------------------------------------------------------------------------

bool draw_neuron_map(const State& s, ImDrawList* dl, int layer, int j, ImVec2 c, float r, const std::string& name,
                     const std::string& shown_name, std::vector<DrawnLabel>& out)
{
    const NeuronMapUi& u = s.neuron_maps;
    if (!u.ready || r < 6.0f) return false;
    const NeuronMaps& m = s.session.neuron_maps(false);
    const int i = m.index(layer, j);
    if (i < 0) return false;
    // The disc inside the rim (drawn after, over the map's edge).
    const float rr = r - 0.5f;
    const ImVec2 a(c.x - rr, c.y - rr), b(c.x + rr, c.y + rr);
    const int w = u.cols * u.tile, h = u.rows * u.tile;
    if (s.textures && u.atlas) {
        // Half a texel in from the tile's edge: bilinear filtering never reaches the neighbour.
        const float tx = float((i % u.cols) * u.tile), ty = float((i / u.cols) * u.tile);
        const ImVec2 uv0((tx + 0.5f) / float(w), (ty + 0.5f) / float(h));
        const ImVec2 uv1((tx + float(u.tile) - 0.5f) / float(w), (ty + float(u.tile) - 0.5f) / float(h));
        dl->AddImageRounded(u.atlas, a, b, uv0, uv1, IM_COL32_WHITE, rr);
    } else { // no texture: 8×8 cells of the map, the inscribed square
        constexpr int kCells = 8;
        const int step = u.tile / kCells;
        const float side = rr * 1.41421356f, cell = side / kCells;
        const ImVec2 o(c.x - side * 0.5f, c.y - side * 0.5f);
        for (int y = 0; y < kCells; ++y)
            for (int x = 0; x < kCells; ++x) {
                const int px = (i % u.cols) * u.tile + x * step, py = (i / u.cols) * u.tile + y * step;
                const unsigned char* p = &u.pixels[(std::size_t(py) * std::size_t(w) + std::size_t(px)) * 4];
                dl->AddRectFilled(ImVec2(o.x + float(x) * cell, o.y + float(y) * cell),
                                  ImVec2(o.x + float(x + 1) * cell, o.y + float(y + 1) * cell),
                                  IM_COL32(p[0], p[1], p[2], 255));
            }
    }
    out.push_back(DrawnLabel{name, "neuron-map", shown_name, view::Rect{{a.x, a.y}, {b.x, b.y}}});
    return true;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The large view on hover
// -----------------------------------------------------------------------------------------------

bool draw_neuron_view(State& s, int layer, int j, const std::string& ascii_name, const std::string& shown_name)
{
    NeuronMapUi& u = s.neuron_maps;
    if (!u.ready) return false;
    const NeuronMaps& m = s.session.neuron_maps(false);
    const int i = m.index(layer, j);
    if (i < 0) return false;
    const view::Theme theme = resolve_theme(s.settings.theme, s.settings.system_dark);
    const view::ThemeColors& tc = view::theme_colors(theme);
    const double scale = m.neurons[std::size_t(i)].scale;
    const std::size_t cells = std::size_t(m.n) * std::size_t(m.n);
    const float* map = m.value.data() + std::size_t(i) * cells;
    if (u.big_of != m.version || u.big_index != i || u.big_theme != theme || u.big_palette != s.settings.palette) {
        u.big_pixels.resize(cells * 4);
        for (std::size_t k = 0; k < cells; ++k)
            put(&u.big_pixels[4 * k], neuron_color(map[k], scale, s.settings.palette, theme));
        u.big_of = m.version;
        u.big_index = i;
        u.big_theme = theme;
        u.big_palette = s.settings.palette;
        if (s.textures) u.big = s.textures->update(u.big, m.n, m.n, u.big_pixels.data());
    }
    const std::string caption = shown_name + " over the input plane";
    ImGui::TextUnformatted(caption.c_str());
    const float side = std::max(176.0f, ImGui::GetFontSize() * 11.0f);
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, side));
    const ImVec2 b(a.x + side, a.y + side);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (s.textures && u.big) {
        dl->AddImage(u.big, a, b);
    } else { // no texture: 32×32 cells
        constexpr int kCells = 32;
        const int step = std::max(1, m.n / kCells);
        const float cell = side / float(m.n / step);
        for (int r = 0; r < m.n / step; ++r)
            for (int c = 0; c < m.n / step; ++c) {
                const unsigned char* p =
                    &u.big_pixels[(std::size_t(r * step) * std::size_t(m.n) + std::size_t(c * step)) * 4];
                dl->AddRectFilled(ImVec2(a.x + float(c) * cell, a.y + float(r) * cell),
                                  ImVec2(a.x + float(c + 1) * cell, a.y + float(r + 1) * cell),
                                  IM_COL32(p[0], p[1], p[2], 255));
            }
    }
    dl->AddRect(a, b, to_imu32(tc.node_rim));
    // The colour scale: −scale … 0 … +scale as a bar of the same colours.
    const float bar_h = std::max(8.0f, ImGui::GetFontSize() * 0.6f);
    const ImVec2 ba = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(side, bar_h));
    constexpr int kSteps = 32;
    for (int k = 0; k < kSteps; ++k) {
        const float v = float(scale * (-1.0 + 2.0 * (k + 0.5) / kSteps));
        dl->AddRectFilled(ImVec2(ba.x + side * float(k) / kSteps, ba.y),
                          ImVec2(ba.x + side * float(k + 1) / kSteps, ba.y + bar_h),
                          to_imu32(neuron_color(v, scale, s.settings.palette, theme)));
    }
    const std::string lo = fmt(-scale, 3), hi = fmt(scale, 3);
    const float x0 = ImGui::GetCursorPosX();
    ImGui::TextDisabled("%s", lo.c_str());
    ImGui::SameLine(x0 + side * 0.5f - ImGui::CalcTextSize("0").x * 0.5f);
    ImGui::TextDisabled("0");
    ImGui::SameLine(x0 + side - ImGui::CalcTextSize(hi.c_str()).x);
    ImGui::TextDisabled("%s", hi.c_str());
    u.view = DrawnLabel{ascii_name, "neuron-view", caption, view::Rect{{a.x, a.y}, {b.x, b.y}}};
    return true;
}

} // namespace gf::ui
