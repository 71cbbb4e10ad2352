// [SECTION] Helpers: transforms, what an edge shows
// [SECTION] Edges
// [SECTION] Pulses
// [SECTION] Nodes and their values
// [SECTION] The path walk, captions and the legend
// [SECTION] Tooltips
// [SECTION] The working's slip: its hop
// [SECTION] draw_canvas: input, then drawing
//
// The network diagram. Data → layout → draw: gf::view places nodes and edges, gf::anim's Frame
// says what is visible at t, and this file only turns both into ImDrawList primitives. The
// drawing functions take `const State&`; only the input handling at the end (pan, zoom, click
// to focus) changes anything, and only the canvas's scratch or, through Session::set_focus(),
// the focus.
//
// Vertex budget: indices are 32-bit (ImDrawIdx, cmake/ImGuiSDL2.cmake), so no list size limit
// applies, but every vertex is rebuilt on the CPU and uploaded each frame. Edges are
// integer-thickness lines (ImGui draws those from its baked line texture: 2 vertices per point)
// and dense graphs use straight lines, so the wide preset's ~7 400 edges cost ~30 000 vertices.
#include "ui/state.hpp"

#include "ui/glow.hpp"
#include "ui/layer.hpp"
#include "ui/theme.hpp"

#include "anim/graph.hpp"
#include "core/derive.hpp"
#include "core/names.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace gf::ui {

namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] Helpers: transforms, what an edge shows
// -----------------------------------------------------------------------------------------------

// The theme's canvas colours (view::ThemeColors, checked for WCAG AA in tests/view), packed once
// per frame by draw_canvas and handed to every function that draws.
struct Ink {
    ImU32 bg, node_fill, node_rim, loss_fill, focus, text, text_dim, neutral, plate, grad_text, outline;
    view::Theme theme = view::Theme::dark;
    bool glow = true; // additive glow only shows on dark
};

Ink make_ink(view::Theme theme)
{
    const view::ThemeColors& c = view::theme_colors(theme);
    auto u = [](const view::Rgba& v) { return view::pack_abgr(v); };
    // focus: the focus and the walked path (yellow on dark, dark gold on light); outline: pulse
    // rims, the hovered edge and node.
    return Ink{u(c.canvas_bg),    u(c.node_fill), u(c.node_rim),  u(c.loss_fill), u(c.focus), u(c.text), u(c.text_dim),
               u(c.neutral_edge), u(c.plate),     u(c.grad_text), u(c.outline),   theme,      c.glow};
}

// The edge palette in the ink's theme.
view::Rgba edge_color(const Ink& ink, double value, double scale, view::Palette palette)
{
    return view::color_for(value, scale, palette, ink.theme);
}
constexpr std::size_t kTightLabelNodes = 48; // beyond this many nodes, tight labels only on the focus's path

ImVec2 to_im(view::Vec2 v) { return ImVec2(v.x, v.y); }
view::Vec2 to_vec(ImVec2 v) { return view::Vec2{v.x, v.y}; }

// Layout world → screen: the layout is in canvas-local pixels, the user pans/zooms on top.
view::ViewTransform effective(const State& s)
{
    view::ViewTransform xf = s.canvas.user;
    xf.offset = xf.offset + to_vec(s.canvas.min);
    return xf;
}

ImU32 with_alpha(ImU32 c, float a)
{
    const unsigned alpha = unsigned(std::clamp(a, 0.0f, 1.0f) * float((c >> IM_COL32_A_SHIFT) & 0xFF) + 0.5f);
    return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

struct EdgeLook {
    double value = 0; // what colour and thickness stand for
    float shown = 1;  // 0: not yet known at this t (drawn as a thin neutral line)
};

// What edge e shows in the current view mode at the current t.
EdgeLook edge_look(const State& s, int e)
{
    const anim::Timeline& tl = s.session.timeline();
    const anim::Frame& fr = s.session.frame();
    const anim::EdgeFrame& ef = fr.edges[std::size_t(e)];
    const anim::EdgeTrack& tr = tl.edge_tracks[std::size_t(e)];
    const anim::GraphEdge& ge = tl.graph.edges[std::size_t(e)];
    switch (s.settings.mode) {
    case embed::View::weights: return {ef.value, 1.0f};
    case embed::View::forward: {
        // w·h exists once the forward pulse has reached the target.
        const anim::NodeFrame& dst = fr.nodes[std::size_t(ge.dst)];
        const float shown = ge.role == anim::EdgeRole::loss ? fr.show_loss : std::max(dst.show_a, dst.show_h);
        return {tr.fwd_carry, shown};
    }
    case embed::View::gradients: return {ef.grad, ef.shows == anim::EdgeShows::gradient ? 1.0f : 0.0f};
    }
    return {};
}

double mode_scale(const State& s, int e)
{
    return s.session.scale(s.settings.mode, s.session.timeline().graph.edges[std::size_t(e)].role);
}

std::string edge_symbol(const State& s, int e)
{
    const Network& net = s.session.config().net;
    const anim::Graph& g = s.session.timeline().graph;
    const anim::GraphEdge& ge = g.edges[std::size_t(e)];
    switch (ge.role) {
    case anim::EdgeRole::weight: return node_name(net, g.edge_ref(e));
    case anim::EdgeRole::activation:
        return partial_name(net, NodeRef{NodeKind::post, ge.layer, ge.j, 0}, NodeRef{NodeKind::pre, ge.layer, ge.k, 0});
    case anim::EdgeRole::loss: return gradient_name(net, NodeRef{NodeKind::post, ge.layer, ge.j, 0});
    }
    return {};
}

// The name a click on node n / edge e focuses ("" for the loss itself).
std::string focus_name_for(const State& s, view::Hit hit)
{
    const Network& net = s.session.config().net;
    const anim::Graph& g = s.session.timeline().graph;
    if (hit.kind == view::Hit::Kind::edge) {
        const anim::GraphEdge& ge = g.edges[std::size_t(hit.index)];
        if (ge.role == anim::EdgeRole::weight) return node_name(net, g.edge_ref(hit.index));
        return node_name(net, g.node_ref(ge.src)); // a_Lk for a softmax edge, ŷ_i for a loss edge
    }
    if (hit.kind == view::Hit::Kind::node) {
        const NodeRef ref = g.node_ref(hit.index);
        if (ref.kind == NodeKind::loss) return {};
        return node_name(net, ref);
    }
    return {};
}

// A label on a rounded plate (dark or light with the theme), so numbers stay legible over edges.
void plate_text(ImDrawList* dl, const Ink& ink, ImVec2 center, const std::string& text, ImU32 col, float size,
                float alpha = 1.0f)
{
    ImFont* font = ImGui::GetFont();
    const ImVec2 ts = font->CalcTextSizeA(size, 1e9f, 0.0f, text.c_str());
    // Kept inside the canvas (the current clip rectangle) so edge labels are never cut off.
    const ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
    const float x = std::clamp(center.x - ts.x * 0.5f, lo.x + 4.0f, std::max(lo.x + 4.0f, hi.x - ts.x - 4.0f));
    const ImVec2 p(x, center.y - ts.y * 0.5f);
    dl->AddRectFilled(ImVec2(p.x - 3, p.y - 1), ImVec2(p.x + ts.x + 3, p.y + ts.y + 1),
                      with_alpha(ink.plate, alpha * 225.0f / 255.0f), 3.0f);
    dl->AddText(font, size, p, with_alpha(col, alpha), text.c_str());
}

// The labels of one frame: where they may go (view::LabelPlacer: inside the canvas, off every
// node and every label already placed) and, for App::layout_report(), what was drawn where.
struct Labels {
    view::LabelPlacer placer;
    std::vector<DrawnLabel>& out;
};

// The plate's box (text plus its 3 px / 1 px margin) for text of this size.
view::Vec2 plate_size(const std::string& text, float size)
{
    const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(size, 1e9f, 0.0f, text.c_str());
    return {ts.x + 6.0f, ts.y + 2.0f};
}

// plate_text at the first free one of `centres`; false (nothing drawn) when none is free.
bool placed_plate(ImDrawList* dl, const Ink& ink, Labels& labels, std::initializer_list<ImVec2> centres,
                  const std::string& text, ImU32 col, float size, float alpha, const std::string& node,
                  const char* kind)
{
    std::vector<view::Vec2> c;
    c.reserve(centres.size());
    for (ImVec2 p : centres) c.push_back(to_vec(p));
    const view::Rect box = labels.placer.place(plate_size(text, size), c.data(), int(c.size()));
    if (box.width() <= 0) return false;
    plate_text(dl, ink, to_im(box.center()), text, col, size, alpha);
    labels.out.push_back(DrawnLabel{node, kind, text, box});
    return true;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Edges
// -----------------------------------------------------------------------------------------------

void draw_edge(ImDrawList* dl, const view::Layout& lay, const view::ViewTransform& xf, int e, ImU32 col,
               float thickness, int segments)
{
    const view::EdgeGeom& g = lay.edges[std::size_t(e)];
    const ImVec2 p0 = to_im(xf.to_screen(g.p0)), p1 = to_im(xf.to_screen(g.p1));
    if (segments <= 1) {
        dl->AddLine(p0, p1, col, thickness);
        return;
    }
    dl->AddBezierCubic(p0, to_im(xf.to_screen(g.c0)), to_im(xf.to_screen(g.c1)), p1, col, thickness, segments);
}

// An edge whose value is fading in (0 < shown < 1) changes from frame to frame: it is drawn over
// the still layer (ui/layer.hpp), which the page keeps instead of drawing its edges again. (In the
// weights view the update moves every edge for its ~2 s: the layer is then drawn each frame.)
bool edge_moving(const EdgeLook& look) { return look.shown > 0.0f && look.shown < 1.0f; }

void draw_edges(const State& s, ImDrawList* dl, const Ink& ink, const view::ViewTransform& xf)
{
    const view::Layout& lay = s.canvas.layout;
    const anim::Timeline& tl = s.session.timeline();
    const anim::Frame& fr = s.session.frame();
    const int n = int(lay.edges.size());
    // Curves cost vertices (see the top of the file); dense graphs read fine with straight lines.
    const int segments = n > 1500 ? 1 : n > 400 ? 4 : 12;
    const float zoom = std::clamp(xf.scale, 0.6f, 3.0f);
    const float ui = ImGui::GetFontSize() / 16.0f;
    const float clip_x0 = s.canvas.min.x, clip_x1 = s.canvas.max.x;
    const bool focus = tl.has_focus;

    auto visible = [&](int e) {
        const view::EdgeGeom& g = lay.edges[std::size_t(e)];
        const float x0 = g.p0.x * xf.scale + xf.offset.x, x1 = g.p1.x * xf.scale + xf.offset.x;
        return x1 >= clip_x0 && x0 <= clip_x1;
    };

    // The still edges and the hovered one's outline close the still layer (layer::begin is the
    // caller's); the edges fading in are drawn over them.
    for (const bool moving : {false, true}) {
        // Pass 1: every edge, dimmed when a focus puts others in front.
        for (int e = 0; e < n; ++e) {
            if (!visible(e)) continue;
            const float hl = fr.edges[std::size_t(e)].highlight;
            if (focus && hl > 0) continue; // drawn in pass 2, on top
            const EdgeLook look = edge_look(s, e);
            if (edge_moving(look) != moving) continue;
            const double sc = mode_scale(s, e);
            const float dim = focus ? 0.28f : 1.0f;
            if (look.shown <= 0.0f) {
                draw_edge(dl, lay, xf, e, with_alpha(ink.neutral, 0.30f * dim), 1.0f, segments);
                continue;
            }
            const ImU32 col =
                to_imu32(edge_color(ink, look.value, sc, s.settings.palette), dim * (0.35f + 0.65f * look.shown));
            const float th = std::max(
                1.0f, std::round(view::thickness_for(std::abs(look.value), sc, ui, s.settings.palette) * zoom));
            draw_edge(dl, lay, xf, e, col, th, segments);
        }
        // Pass 2: the focus's paths, with a yellow halo under the value's colour.
        if (focus) {
            for (int e = 0; e < n; ++e) {
                const float hl = fr.edges[std::size_t(e)].highlight;
                if (hl <= 0 || !visible(e)) continue;
                const EdgeLook look = edge_look(s, e);
                if (edge_moving(look) != moving) continue;
                const double sc = mode_scale(s, e);
                const float th = std::max(
                    2.0f, std::round(view::thickness_for(std::abs(look.value), sc, ui, s.settings.palette) * zoom));
                draw_edge(dl, lay, xf, e, with_alpha(ink.focus, 0.25f + 0.6f * hl), th + 4.0f, std::max(segments, 8));
                const ImU32 col = look.shown > 0 ? to_imu32(edge_color(ink, look.value, sc, s.settings.palette))
                                                 : with_alpha(ink.neutral, 0.9f);
                draw_edge(dl, lay, xf, e, col, th, std::max(segments, 8));
            }
        }
        if (moving) break;
        // The edge under the pointer.
        if (s.canvas.hover.kind == view::Hit::Kind::edge) {
            const int e = s.canvas.hover.index;
            draw_edge(dl, lay, xf, e, with_alpha(ink.outline, 200.0f / 255.0f), 2.0f, std::max(segments, 8));
        }
        layer::end(dl);
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Pulses
// -----------------------------------------------------------------------------------------------

void draw_pulses(const State& s, ImDrawList* dl, const Ink& ink, const view::ViewTransform& xf)
{
    const view::Layout& lay = s.canvas.layout;
    const anim::Timeline& tl = s.session.timeline();
    const anim::Frame& fr = s.session.frame();
    int count = 0;
    for (const anim::EdgeFrame& ef : fr.edges) count += ef.pulse.alpha > 0;
    if (count == 0) return;

    const bool dense = count > 300;
    const float r = std::clamp(lay.radius * xf.scale * 0.26f, 2.5f, 7.0f);
    // Glow is additive: a thousand pulses arriving together would merge into a white wall, so
    // dense waves glow only on the focus's paths.
    std::vector<glow::Dot> dots;
    dots.reserve(std::size_t(std::min(count, 300)));
    // A dense wave's dots (2–6 px across, a thousand of them between two wide layers) without an
    // anti-aliased fringe: 4 triangles each instead of 16, most of the wide preset's frame on a
    // software renderer; at that size the fringe is barely a pixel.
    const ImDrawListFlags flags = dl->Flags;
    if (dense) dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
    for (std::size_t e = 0; e < fr.edges.size(); ++e) {
        const anim::Pulse& p = fr.edges[e].pulse;
        if (p.alpha <= 0) continue;
        const ImVec2 c = to_im(xf.to_screen(view::point_at(lay, int(e), p.pos)));
        if (c.x < s.canvas.min.x - r || c.x > s.canvas.max.x + r) continue;
        const double sc = s.session.pulse_scale(p.dir < 0, tl.graph.edges[e].role);
        const ImU32 col = to_imu32(edge_color(ink, p.value, sc, view::Palette::high_contrast), p.alpha);
        if (dense) {
            dl->AddCircleFilled(c, r * 0.8f, col, 6);
        } else {
            dl->AddCircleFilled(c, r, col, 12);
            // Without glow (light theme) a firmer dark rim carries the pulse instead.
            dl->AddCircle(c, r, with_alpha(ink.outline, p.alpha * 230.0f / 255.0f), 12, ink.glow ? 1.0f : 1.5f);
        }
        if (s.settings.glow && ink.glow && (count <= 64 || fr.edges[e].highlight > 0))
            dots.push_back(glow::Dot{c, r * 5.0f, col});
    }
    dl->Flags = flags;
    if (!dots.empty()) glow::draw(dl, dots);
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Nodes and their values
// -----------------------------------------------------------------------------------------------

// The value lines under a node: forward on the first, backward on the second.
void node_value_lines(const State& s, int n, std::string& fwd, float& fwd_a, std::string& bwd, float& bwd_a)
{
    const anim::Timeline& tl = s.session.timeline();
    const anim::Frame& fr = s.session.frame();
    const anim::GraphNode& g = tl.graph.nodes[std::size_t(n)];
    const anim::NodeFrame& nf = fr.nodes[std::size_t(n)];
    const bool hidden = g.role == anim::NodeRole::neuron && !s.session.label_bottom(n).empty();
    fwd.clear();
    bwd.clear();
    fwd_a = bwd_a = 0;
    switch (g.role) {
    case anim::NodeRole::input:
        if (nf.show_h > 0) {
            fwd = fmt(nf.h);
            fwd_a = nf.show_h;
        }
        if (nf.show_dh > 0) {
            bwd = "∂L/∂x " + fmt(nf.dh, 3);
            bwd_a = nf.show_dh;
        }
        break;
    case anim::NodeRole::neuron:
        if (hidden && nf.show_h > 0) {
            fwd = "a " + fmt(nf.a, 3) + "  h " + fmt(nf.h, 3);
            fwd_a = nf.show_h;
        } else if (nf.show_a > 0) {
            fwd = "a " + fmt(nf.a, 4);
            fwd_a = nf.show_a;
        }
        if (nf.show_da > 0) {
            bwd = "∂L/∂a " + fmt(nf.da, 3);
            bwd_a = nf.show_da;
        } else if (nf.show_dh > 0) {
            bwd = "∂L/∂h " + fmt(nf.dh, 3);
            bwd_a = nf.show_dh;
        }
        break;
    case anim::NodeRole::output:
        if (nf.show_h > 0) {
            fwd = fmt(nf.h, 4);
            fwd_a = nf.show_h;
        }
        if (nf.show_dh > 0) {
            bwd = "∂L/∂ŷ " + fmt(nf.dh, 3);
            bwd_a = nf.show_dh;
        }
        break;
    case anim::NodeRole::loss:
        if (fr.show_loss > 0) {
            fwd = fmt(fr.loss_before, 5);
            fwd_a = fr.show_loss;
            if (fr.show_loss_after > 0) fwd += " → " + fmt(fr.loss_after, 5);
        }
        break;
    }
}

void draw_nodes(const State& s, ImDrawList* dl, const Ink& ink, const view::ViewTransform& xf, Labels& labels,
                std::vector<DrawnLabel>& maps)
{
    const view::Layout& lay = s.canvas.layout;
    const anim::Timeline& tl = s.session.timeline();
    const anim::Frame& fr = s.session.frame();
    ImFont* font = ImGui::GetFont();
    const float r = lay.radius * xf.scale;
    const float name_px = lay.label_px * xf.scale;
    const bool show_names = name_px >= view::kLabelMinPx; // at the current zoom, not the layout's
    const float value_px = std::clamp(ImGui::GetFontSize() * 0.82f, 10.0f, 15.0f);
    // Values go under the node when the column's pitch leaves room for two lines. Where it does
    // not (an embed of 800×500 or less, a tall layer), the line the story is at — the gradient
    // once the backward pass has reached the node, else its value — goes in a smaller font and
    // shorter, beside the node where below is taken, and is left out only where no spot is free.
    const float room = lay.pitch_y * xf.scale - 2.0f * r;
    const bool roomy = lay.pitch_y <= 0.0f || room >= 2.0f * value_px + 4.0f; // pitch 0: one slot per column
    const float tight_px = std::clamp(room - 4.0f, 10.0f, value_px);
    const int segs = r > 14 ? 32 : 16;
    // Room for a value line between neighbouring columns; "a … h …" gives way to "h …" beyond it.
    float pitch_x = 1e9f;
    for (std::size_t i = 1; i < lay.column_x.size(); ++i)
        pitch_x = std::min(pitch_x, std::abs(lay.column_x[i] - lay.column_x[i - 1]) * xf.scale);
    const float max_line_w = pitch_x - 8.0f;
    const std::vector<std::string> names = [&] {
        std::vector<std::string> v;
        const Network& net = s.session.config().net;
        for (std::size_t n = 0; n < tl.graph.nodes.size(); ++n)
            v.push_back(node_name(net, tl.graph.node_ref(int(n)), NameStyle::ascii));
        return v;
    }();
    std::string fwd, bwd;
    for (std::size_t n = 0; n < tl.graph.nodes.size(); ++n) {
        const ImVec2 c = to_im(xf.to_screen(lay.nodes[n]));
        if (c.x < s.canvas.min.x - r - 80 || c.x > s.canvas.max.x + r + 80) continue;
        if (c.y < s.canvas.min.y - r - 40 || c.y > s.canvas.max.y + r + 40) continue;
        const anim::GraphNode& g = tl.graph.nodes[n];
        const anim::NodeFrame& nf = fr.nodes[n];
        const bool is_loss = g.role == anim::NodeRole::loss;

        if (nf.highlight > 0)
            dl->AddCircleFilled(c, r + 4.0f, with_alpha(ink.focus, 0.35f + 0.65f * nf.highlight), segs);
        // The rim (below) covers the disc's edge when it is 2 px or more: the fill needs no
        // anti-aliased fringe there, which is two thirds of its triangles (a software renderer
        // pays for each).
        const float rim_px = std::max(1.0f, std::round(r * 0.12f));
        const ImDrawListFlags flags = dl->Flags;
        if (rim_px >= 2.0f) dl->Flags &= ~ImDrawListFlags_AntiAliasedFill;
        dl->AddCircleFilled(c, r, is_loss ? ink.loss_fill : ink.node_fill, segs);
        dl->Flags = flags;
        // A hidden neuron shows its activation over the input plane inside it (a 2-D dataset).
        const bool mapped = g.role == anim::NodeRole::neuron && !s.session.label_bottom(int(n)).empty() &&
                            draw_neuron_map(s, dl, g.layer, g.j, c, r, names[n], s.session.label_bottom(int(n)), maps);
        // The rim takes the colour of the latest value revealed: the sign at a glance.
        double v = 0;
        float shown = 0;
        if (g.role == anim::NodeRole::loss) {
            v = fr.loss_before;
            shown = fr.show_loss;
        } else if (nf.show_h > 0) {
            v = nf.h;
            shown = nf.show_h;
        } else if (nf.show_a > 0) {
            v = nf.a;
            shown = nf.show_a;
        }
        const ImU32 rim = shown > 0 && !is_loss
                              ? to_imu32(edge_color(ink, v, 1.0, s.settings.palette), 0.4f + 0.6f * shown)
                              : ink.node_rim;
        dl->AddCircle(c, r, rim, segs, rim_px);
        if (s.canvas.hover.kind == view::Hit::Kind::node && s.canvas.hover.index == int(n))
            dl->AddCircle(c, r + 2.0f, with_alpha(ink.outline, 220.0f / 255.0f), segs, 2.0f);

        if (show_names) {
            const std::string& top = s.session.label_top(int(n));
            const std::string& bottom = s.session.label_bottom(int(n));
            ImVec2 lo, hi;
            // Over a neuron's map the names sit on a plate of the node's fill: legible on any colour.
            const auto plate = [&] {
                if (mapped)
                    dl->AddRectFilled(ImVec2(lo.x - 2, lo.y), ImVec2(hi.x + 2, hi.y), ink.node_fill & 0xB8FFFFFFu,
                                      3.0f);
            };
            if (bottom.empty()) {
                const ImVec2 ts = font->CalcTextSizeA(name_px, 1e9f, 0.0f, top.c_str());
                lo = ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f);
                hi = ImVec2(lo.x + ts.x, lo.y + ts.y);
                plate();
                dl->AddText(font, name_px, lo, ink.text, top.c_str());
            } else {
                const ImVec2 t1 = font->CalcTextSizeA(name_px, 1e9f, 0.0f, top.c_str());
                const ImVec2 t2 = font->CalcTextSizeA(name_px, 1e9f, 0.0f, bottom.c_str());
                lo = ImVec2(c.x - std::max(t1.x, t2.x) * 0.5f, c.y - t1.y + 1.0f);
                hi = ImVec2(c.x + std::max(t1.x, t2.x) * 0.5f, c.y - 1.0f + t2.y);
                plate();
                dl->AddText(font, name_px, ImVec2(c.x - t1.x * 0.5f, c.y - t1.y + 1.0f), ink.text, top.c_str());
                // On a plate the dim ink would fade into the map's colours behind it.
                dl->AddText(font, name_px, ImVec2(c.x - t2.x * 0.5f, c.y - 1.0f), mapped ? ink.text : ink.text_dim,
                            bottom.c_str());
            }
            labels.out.push_back(DrawnLabel{names[n], "name", bottom.empty() ? top : top + " " + bottom,
                                            view::Rect{to_vec(lo), to_vec(hi)}});
        }
        float fa = 0, ba = 0;
        node_value_lines(s, int(n), fwd, fa, bwd, ba);
        if (fwd.empty() && bwd.empty()) continue;
        if (roomy || is_loss) {
            if (g.role == anim::NodeRole::neuron && nf.show_h > 0 &&
                font->CalcTextSizeA(value_px, 1e9f, 0.0f, fwd.c_str()).x > max_line_w)
                fwd = "h " + fmt(nf.h, 3);
            const float y0 = c.y + r + 3.0f + value_px * 0.5f, y1 = y0 + value_px + 3.0f;
            const float above = c.y - r - 3.0f - value_px * 0.5f;
            if (!fwd.empty())
                placed_plate(dl, ink, labels, {ImVec2(c.x, y0), ImVec2(c.x, above), ImVec2(c.x, y1)}, fwd, ink.text,
                             value_px, fa, names[n], "value");
            if (!bwd.empty())
                placed_plate(dl, ink, labels, {ImVec2(c.x, y1), ImVec2(c.x, y0), ImVec2(c.x, above)}, bwd,
                             ink.grad_text, value_px, ba, names[n], "gradient");
            continue;
        }
        // Tight: one short line, the latest the story revealed. In a graph of many nodes (wide
        // layers) only the focus's path is labelled: a plate per node would cost more vertices than
        // the edges and cover them.
        if (tl.graph.nodes.size() > kTightLabelNodes && nf.highlight <= 0) continue;
        const bool grad = !bwd.empty();
        const bool neuron = g.role == anim::NodeRole::neuron;
        const bool shows_h = neuron && nf.show_h > 0 && !s.session.label_bottom(int(n)).empty();
        const double num = grad ? (neuron && nf.show_da > 0 ? nf.da : nf.dh) : (neuron && !shows_h ? nf.a : nf.h);
        std::string text = grad     ? bwd.substr(0, bwd.rfind(' ') + 1) + fmt(num, 3)
                           : neuron ? (shows_h ? "h " : "a ") + fmt(num, 3)
                                    : fmt(num, 3);
        if (plate_size(text, tight_px).x > max_line_w + 8.0f) text = fmt(num, 3); // the number alone
        const view::Vec2 sz = plate_size(text, tight_px);
        const ImU32 col = grad ? ink.grad_text : ink.text;
        const float gap = 2.0f;
        placed_plate(dl, ink, labels,
                     {ImVec2(c.x, c.y + r + gap + sz.y * 0.5f), ImVec2(c.x, c.y - r - gap - sz.y * 0.5f),
                      ImVec2(c.x + r + gap + sz.x * 0.5f, c.y), ImVec2(c.x - r - gap - sz.x * 0.5f, c.y),
                      ImVec2(c.x + r * 0.7f + sz.x * 0.5f, c.y + r * 0.7f + sz.y * 0.5f),
                      ImVec2(c.x + r * 0.7f + sz.x * 0.5f, c.y - r * 0.7f - sz.y * 0.5f)},
                     text, col, tight_px, grad ? ba : fa, names[n], grad ? "gradient" : "value");
    }
    // "⋯" where a wide layer's middle neurons are elided.
    for (std::size_t col = 0; col < tl.graph.columns.size(); ++col) {
        const anim::GraphColumn& gc = tl.graph.columns[col];
        if (gc.ellipsis < 0 || col >= lay.ellipsis.size()) continue;
        const ImVec2 c = to_im(xf.to_screen(lay.ellipsis[col]));
        const char* dots = "⋯";
        const float px = std::max(12.0f, r * 1.6f);
        const ImVec2 ts = font->CalcTextSizeA(px, 1e9f, 0.0f, dots);
        dl->AddText(font, px, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), ink.text_dim, dots);
    }
}

// -----------------------------------------------------------------------------------------------
// [SECTION] The path walk, captions and the legend
// -----------------------------------------------------------------------------------------------

std::string path_text(const State& s, int p)
{
    const auto& paths = s.session.focus().deriv.paths.paths;
    if (p < 0 || std::size_t(p) >= paths.size()) return {};
    return path_route(s.session.config().net, paths[std::size_t(p)]);
}

// The walked path's caption ("Path 1 of 4:  w_131 → … → L") with its top-left at `at`, in place of
// the phase's: smaller type (down to 11 px) where the canvas is narrow, then the route alone, so it
// is never cut off at the canvas' right edge (`right`).
void draw_walk_caption(ImDrawList* dl, const Ink& ink, ImVec2 at, float right, std::string prefix,
                       const std::string& route, Labels& labels)
{
    ImFont* font = ImGui::GetFont();
    const float avail = std::max(right - at.x, 1.0f);
    std::string cap = prefix + route;
    float px = ImGui::GetFontSize();
    auto width = [&](float size) { return plate_size(cap, size).x; };
    if (width(px) > avail) px = std::max(11.0f, px * avail / width(px));
    if (width(px) > avail) {
        cap = route;
        px = std::clamp(ImGui::GetFontSize() * avail / width(ImGui::GetFontSize()), 11.0f, ImGui::GetFontSize());
    }
    const ImVec2 ts = font->CalcTextSizeA(px, 1e9f, 0.0f, cap.c_str());
    plate_text(dl, ink, ImVec2(at.x + ts.x * 0.5f, at.y + ts.y * 0.5f), cap, ink.focus, px);
    const view::Rect box{{at.x - 3, at.y - 1}, {at.x + ts.x + 3, at.y + ts.y + 1}};
    labels.placer.block(box);
    labels.out.push_back(DrawnLabel{"", "caption", std::move(cap), box});
}

void draw_walk(const State& s, ImDrawList* dl, const Ink& ink, const view::ViewTransform& xf, ImVec2 caption_pos,
               float right, Labels& labels)
{
    const anim::Timeline& tl = s.session.timeline();
    const anim::WalkFrame& w = s.session.frame().walk;
    const view::Layout& lay = s.canvas.layout;
    const float px = std::clamp(ImGui::GetFontSize() * 0.9f, 11.0f, 16.0f);
    if (w.path >= 0 && std::size_t(w.path) < tl.walk.size()) {
        const anim::WalkPath& wp = tl.walk[std::size_t(w.path)];
        const int shown = w.hops_revealed.size() > std::size_t(w.path) ? w.hops_revealed[std::size_t(w.path)] : 0;
        // The caption first, so the products keep off it.
        draw_walk_caption(dl, ink, caption_pos, right,
                          "Path " + std::to_string(w.path + 1) + " of " + std::to_string(tl.walk.size()) + ":  ",
                          path_text(s, w.path), labels);
        // Running products beside each hop reached so far.
        for (int h = 0; h < shown && std::size_t(h) < wp.hops.size(); ++h) {
            const anim::WalkHop& hop = wp.hops[std::size_t(h)];
            // Above the hop's middle first; where that covers a name or another label (the Π
            // label once hid a_13), along the edge, below, or beside the node.
            const std::string text = "∏ " + fmt(hop.running, 4);
            const float lift = px * 1.1f;
            if (hop.edge >= 0) {
                auto on = [&](float f, float dy) {
                    const ImVec2 p = to_im(xf.to_screen(view::point_at(lay, hop.edge, f)));
                    return ImVec2(p.x, p.y + dy);
                };
                placed_plate(dl, ink, labels,
                             {on(0.5f, -lift), on(0.5f, lift), on(0.35f, -lift), on(0.65f, -lift), on(0.35f, lift),
                              on(0.65f, lift), on(0.5f, 0.0f)},
                             text, ink.focus, px, 1.0f, "", "product");
            } else if (hop.node >= 0) {
                const ImVec2 c = to_im(xf.to_screen(lay.nodes[std::size_t(hop.node)]));
                const float rr = lay.radius * xf.scale;
                const float tw = plate_size(text, px).x;
                placed_plate(dl, ink, labels,
                             {ImVec2(c.x, c.y - rr - lift), ImVec2(c.x + rr + 3 + tw * 0.5f, c.y - rr * 0.5f),
                              ImVec2(c.x - rr - 3 - tw * 0.5f, c.y - rr * 0.5f), ImVec2(c.x, c.y + rr + lift)},
                             text, ink.focus, px, 1.0f, "", "product");
            }
        }
        // The hop in flight: a marker travelling along it.
        if (w.hop >= 0 && std::size_t(w.hop) < wp.hops.size() && wp.hops[std::size_t(w.hop)].edge >= 0) {
            const int e = wp.hops[std::size_t(w.hop)].edge;
            // Walks go from the start toward L, i.e. along the edge's forward direction.
            const ImVec2 c = to_im(xf.to_screen(view::point_at(lay, e, w.hop_progress)));
            dl->AddCircleFilled(c, 6.0f, ink.focus, 16);
            const glow::Dot dot{c, 34.0f, ink.focus};
            if (s.settings.glow && ink.glow) glow::draw(dl, std::span<const glow::Dot>(&dot, 1));
        }
    }
    if (w.paths_done > 0 || w.sum_revealed) {
        const std::string sum = w.sum_revealed
                                    ? "Σ of " + std::to_string(tl.walk.size()) + " paths = " + fmt(tl.walk_sum, 10)
                                    : "Σ so far (" + std::to_string(w.paths_done) +
                                          (w.paths_done == 1 ? " path) = " : " paths) = ") + fmt(w.partial_sum, 10);
        const ImVec2 loss = to_im(xf.to_screen(lay.nodes[std::size_t(tl.graph.loss_node())]));
        const float rr = lay.radius * xf.scale, sw = plate_size(sum, px).x;
        placed_plate(dl, ink, labels,
                     {ImVec2(loss.x, loss.y - rr - px * 1.4f), ImVec2(loss.x - sw * 0.5f + rr, loss.y - rr - px * 1.4f),
                      ImVec2(loss.x, loss.y + rr + px * 2.6f),
                      ImVec2(loss.x - sw * 0.5f + rr, loss.y + rr + px * 2.6f)},
                     sum, ink.focus, px, 1.0f, "L", "sum");
    }
}

float legend_font() { return std::clamp(ImGui::GetFontSize() * 0.82f, 10.0f, 15.0f); }
float legend_height() { return legend_font() * 2.0f + 22.0f; }

// Where draw_legend draws (its plate), for the label placer to keep clear.
view::Rect legend_rect(const State& s)
{
    const float fs = legend_font();
    const float w = std::max(std::min(150.0f, (s.canvas.max.x - s.canvas.min.x) * 0.3f), fs * 14.0f);
    const bool narrow = s.canvas.max.x - s.canvas.min.x < 520.0f;
    const float title_w = fs * (narrow ? 9.0f : 22.0f); // "contribution w·h", or with "Edge colour: …"
    const float x0 = s.canvas.min.x + 3, y0 = s.canvas.max.y - fs * 2.0f - 18;
    return view::Rect{{x0, y0}, {x0 + std::max(w, title_w) + 14, s.canvas.max.y}};
}

void draw_legend(const State& s, ImDrawList* dl, const Ink& ink)
{
    const float fs = legend_font();
    const char* what = s.settings.mode == embed::View::weights   ? "weight w"
                       : s.settings.mode == embed::View::forward ? "contribution w·h"
                                                                 : "gradient ∂L/∂w";
    const double sc = s.session.scale(s.settings.mode, anim::EdgeRole::weight);
    const std::string lo = fmt(-sc, 2), hi = "+" + fmt(sc, 2);
    const float lo_w = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, 0.0f, lo.c_str()).x;
    const float hw = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, 0.0f, hi.c_str()).x;
    const float zero_w = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, 0.0f, "0").x;
    // Never narrower than its three labels side by side (a phone-sized canvas made them overlap).
    const float bar_w =
        std::max(std::min(150.0f, (s.canvas.max.x - s.canvas.min.x) * 0.3f), lo_w + zero_w + hw + 16.0f);
    const ImVec2 p(s.canvas.min.x + 8, s.canvas.max.y - fs * 2.0f - 14);
    const bool narrow = s.canvas.max.x - s.canvas.min.x < 520.0f;
    const std::string title = narrow ? std::string(what) : std::string("Edge colour: ") + what + " (thickness: size)";
    const ImVec2 ts = ImGui::GetFont()->CalcTextSizeA(fs, 1e9f, 0.0f, title.c_str());
    dl->AddRectFilled(ImVec2(p.x - 5, p.y - 4), ImVec2(p.x + std::max(ts.x, bar_w) + 6, p.y + fs * 2.0f + 12),
                      with_alpha(ink.plate, 215.0f / 255.0f), 4.0f);
    dl->AddText(ImGui::GetFont(), fs, p, ink.text_dim, title.c_str());
    const float y0 = p.y + fs + 3, y1 = y0 + 6;
    constexpr int steps = 24;
    for (int i = 0; i < steps; ++i) {
        const double v = (double(i) + 0.5) / steps * 2.0 - 1.0;
        const float x0 = p.x + bar_w * float(i) / steps, x1 = p.x + bar_w * float(i + 1) / steps;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1 + 0.5f, y1), to_imu32(edge_color(ink, v, 1.0, s.settings.palette)));
    }
    dl->AddText(ImGui::GetFont(), fs, ImVec2(p.x, y1 + 1), ink.text_dim, lo.c_str());
    dl->AddText(ImGui::GetFont(), fs, ImVec2(p.x + bar_w * 0.5f - zero_w * 0.5f, y1 + 1), ink.text_dim, "0");
    dl->AddText(ImGui::GetFont(), fs, ImVec2(p.x + bar_w - hw, y1 + 1), ink.text_dim, hi.c_str());
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Tooltips
// -----------------------------------------------------------------------------------------------

void edge_tooltip(const State& s, int e)
{
    const anim::Timeline& tl = s.session.timeline();
    const anim::GraphEdge& ge = tl.graph.edges[std::size_t(e)];
    const anim::EdgeTrack& tr = tl.edge_tracks[std::size_t(e)];
    const Network& net = s.session.config().net;
    const std::string sym = edge_symbol(s, e);
    ImGui::BeginTooltip();
    switch (ge.role) {
    case anim::EdgeRole::weight: {
        const std::string to = node_name(net, NodeRef{NodeKind::pre, ge.layer, ge.j, 0});
        const std::string from = ge.layer == 0 ? node_name(net, NodeRef{NodeKind::input, 0, ge.k, 0})
                                               : node_name(net, NodeRef{NodeKind::post, ge.layer - 1, ge.k, 0});
        ImGui::Text("%s  (weight %s → %s)", sym.c_str(), from.c_str(), to.c_str());
        ImGui::Separator();
        ImGui::Text("weight       %s = %s", sym.c_str(), fmt(tr.value_old, 6).c_str());
        ImGui::Text("contribution %s·%s = %s", sym.c_str(), from.c_str(), fmt(tr.fwd_carry, 6).c_str());
        ImGui::Text("gradient     ∂L/∂%s = %s", sym.c_str(), fmt(tr.grad, 6).c_str());
        if (tr.value_new != tr.value_old) ImGui::Text("after a step %s", fmt(tr.value_new, 6).c_str());
        break;
    }
    case anim::EdgeRole::activation:
        ImGui::Text("%s = %s  (local derivative)", sym.c_str(), fmt(tr.value_old, 6).c_str());
        ImGui::Text("carries ∂L/∂ŷ·∂ŷ/∂a = %s back", fmt(tr.grad, 6).c_str());
        if (tl.graph.softmax_out && ge.j != ge.k) ImGui::TextDisabled("a softmax cross term: ŷ_i depends on every a_k");
        break;
    case anim::EdgeRole::loss: ImGui::Text("%s = %s", sym.c_str(), fmt(tr.grad, 6).c_str()); break;
    }
    ImGui::TextDisabled("Click to focus: every path from it to L");
    ImGui::EndTooltip();
}

void node_tooltip(State& s, int n)
{
    const anim::Timeline& tl = s.session.timeline();
    const anim::GraphNode& g = tl.graph.nodes[std::size_t(n)];
    const anim::NodeTrack& t = tl.node_tracks[std::size_t(n)];
    const std::string& top = s.session.label_top(n);
    const std::string& bottom = s.session.label_bottom(n);
    ImGui::BeginTooltip();
    ImGui::Text("%s%s%s", top.c_str(), bottom.empty() ? "" : " / ", bottom.c_str());
    ImGui::Separator();
    switch (g.role) {
    case anim::NodeRole::input:
        ImGui::Text("%s = %s", top.c_str(), fmt(t.h, 6).c_str());
        ImGui::Text("∂L/∂%s = %s", top.c_str(), fmt(t.dh, 6).c_str());
        break;
    case anim::NodeRole::neuron:
        ImGui::Text("%s = Σ w·h + b = %s   (b = %s)", top.c_str(), fmt(t.a, 6).c_str(), fmt(t.b_old, 4).c_str());
        if (!bottom.empty()) ImGui::Text("%s = f(%s) = %s", bottom.c_str(), top.c_str(), fmt(t.h, 6).c_str());
        ImGui::Text("∂L/∂%s = %s", top.c_str(), fmt(t.da, 6).c_str());
        if (!bottom.empty()) ImGui::Text("∂L/∂%s = %s", bottom.c_str(), fmt(t.dh, 6).c_str());
        break;
    case anim::NodeRole::output:
        ImGui::Text("%s = %s", top.c_str(), fmt(t.h, 6).c_str());
        ImGui::Text("∂L/∂%s = %s", top.c_str(), fmt(t.dh, 6).c_str());
        break;
    case anim::NodeRole::loss:
        ImGui::Text("L = %s", fmt(tl.loss_before, 10).c_str());
        if (tl.update_start < 1e299) ImGui::Text("after one step: %s", fmt(tl.loss_after, 10).c_str());
        break;
    }
    if (g.role != anim::NodeRole::loss) ImGui::TextDisabled("Click to focus: every path from it to L");
    if (g.role == anim::NodeRole::neuron && !bottom.empty()) {
        const Network& net = s.session.config().net;
        if (g.layer + 1 < net.layers()) {
            ImGui::Separator();
            draw_neuron_view(s, g.layer, g.j, node_name(net, tl.graph.node_ref(n), NameStyle::ascii), bottom);
        }
    }
    ImGui::EndTooltip();
}

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] draw_canvas: input, then drawing
// -----------------------------------------------------------------------------------------------

// -----------------------------------------------------------------------------------------------
// [SECTION] The working's slip: its hop
// -----------------------------------------------------------------------------------------------

namespace {

// The drawn node a NodeRef stands on: a neuron's a and h share one disc, a bias belongs to its
// neuron, ŷ is the output column. -1 when elided or not a node (a weight is an edge).
int hop_node(const anim::Graph& g, const NodeRef& n)
{
    switch (n.kind) {
    case NodeKind::input: return g.input_node(n.j);
    case NodeKind::bias: return g.neuron_node(n.layer, n.j);
    case NodeKind::pre: return g.neuron_node(n.layer, n.j);
    case NodeKind::post: return n.layer == g.layers - 1 ? g.output_node(n.j) : g.neuron_node(n.layer, n.j);
    case NodeKind::loss: return g.loss_node();
    case NodeKind::weight: return -1;
    }
    return -1;
}

} // namespace

// Where the selected slip happened, dashed in the theme's "bad" ink over a halo of the
// background: the dashes, not the hue, set it apart from the focus's solid yellow (colour-blind
// readers, high contrast). A node gets a ring, a weight or a step between two nodes its edge.
void draw_working_hop(const State& s, ImDrawList* dl, const view::ViewTransform& xf, std::vector<DrawnLabel>& out)
{
    const std::vector<NodeRef>& hop = s.working.hop;
    const view::Layout& lay = s.canvas.layout;
    const anim::Graph& g = lay.graph;
    if (hop.empty() || lay.edges.size() != s.session.timeline().graph.edges.size()) return;
    const Network& net = s.session.config().net;
    const view::ThemeColors& tc = view::theme_colors(resolve_theme(s.settings.theme, s.settings.system_dark));
    const ImU32 ink = view::pack_abgr(tc.bad), halo = view::pack_abgr(tc.canvas_bg);
    const float r = lay.radius * xf.scale + 7.0f;
    auto dashed_edge = [&](int e, std::string name) {
        constexpr int kDashes = 9;
        constexpr float kDash = 1.0f / kDashes;
        for (int pass = 0; pass < 2; ++pass)
            for (int d = 0; d < kDashes; ++d) {
                const float f0 = (float(d) + 0.15f) * kDash, f1 = (float(d) + 0.65f) * kDash;
                const ImVec2 a = to_im(xf.to_screen(view::point_at(lay, e, f0)));
                const ImVec2 b = to_im(xf.to_screen(view::point_at(lay, e, f1)));
                dl->AddLine(a, b, pass == 0 ? halo : ink, pass == 0 ? 7.0f : 4.0f);
            }
        const view::Vec2 a = xf.to_screen(lay.edges[std::size_t(e)].p0), b = xf.to_screen(lay.edges[std::size_t(e)].p1);
        out.push_back(
            DrawnLabel{name, "hop-edge", "",
                       view::Rect{{std::min(a.x, b.x), std::min(a.y, b.y)}, {std::max(a.x, b.x), std::max(a.y, b.y)}}});
    };
    int prev = -1;
    for (const NodeRef& ref : hop) {
        if (ref.kind == NodeKind::weight) {
            const int e = g.weight_edge(ref.layer, ref.j, ref.k);
            if (e >= 0) dashed_edge(e, node_name(net, ref, NameStyle::ascii)); // named by its weight
            prev = -1;
            continue;
        }
        const int n = hop_node(g, ref);
        if (n < 0) {
            prev = -1;
            continue;
        }
        if (prev >= 0 && prev != n)
            for (std::size_t e = 0; e < g.edges.size(); ++e) {
                const anim::GraphEdge& ge = g.edges[e];
                if ((ge.src == prev && ge.dst == n) || (ge.src == n && ge.dst == prev)) {
                    dashed_edge(int(e), node_name(net, g.node_ref(ge.src), NameStyle::ascii) + ">" +
                                            node_name(net, g.node_ref(ge.dst), NameStyle::ascii));
                    break;
                }
            }
        const ImVec2 c = to_im(xf.to_screen(lay.nodes[std::size_t(n)]));
        constexpr int kArcs = 10;
        for (int pass = 0; pass < 2; ++pass)
            for (int a = 0; a < kArcs; ++a) {
                const float t0 = 2.0f * 3.14159265f * float(a) / float(kArcs),
                            t1 = t0 + 2.0f * 3.14159265f * 0.55f / float(kArcs);
                dl->PathArcTo(c, r, t0, t1, 6);
                dl->PathStroke(pass == 0 ? halo : ink, 0, pass == 0 ? 6.5f : 3.5f);
            }
        out.push_back(DrawnLabel{node_name(net, g.node_ref(n), NameStyle::ascii), "hop-node", "",
                                 view::Rect{{c.x - r, c.y - r}, {c.x + r, c.y + r}}});
        prev = n;
    }
}

void draw_canvas(State& s, const FrameInput&)
{
    const ImVec2 size = ImGui::GetContentRegionAvail();
    if (size.x < 8 || size.y < 8) return;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + size.x, min.y + size.y);
    s.canvas.min = min;
    s.canvas.max = max;

    // Lay out again when the canvas or the drawn graph's shape changes (not on weight edits). The
    // layout places the timeline's own graph, so Frame and Layout indices agree by construction.
    const anim::Graph& graph = s.session.timeline().graph;
    const bool reshaped = !s.canvas.layout.graph.same_shape(graph);
    if (reshaped || std::abs(size.x - s.canvas.layout_size.x) > 0.5f ||
        std::abs(size.y - s.canvas.layout_size.y) > 0.5f) {
        const float ui = ImGui::GetFontSize() / 16.0f;
        // Keep the caption strip (phase, walked path) and the legend strip free of nodes.
        const float top = size.y > 240 ? ImGui::GetTextLineHeightWithSpacing() * 1.6f : 0.0f;
        const float bottom = size.y > 160 ? legend_height() + 2.0f * (legend_font() + 3.0f) : 0.0f;
        s.canvas.layout =
            view::layout_graph(graph, view::Rect{{0, top}, {size.x, std::max(size.y - bottom, top + 60.0f)}}, ui);
        if (reshaped) s.canvas.user = view::ViewTransform{};
        s.canvas.layout_size = size;
    }

    // --- input: the canvas is one invisible button; empty space pans, a click focuses ---
    ImGui::InvisibleButton("canvas", size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();
    view::ViewTransform xf = effective(s);
    s.canvas.hover = hovered ? view::hit_test(s.canvas.layout, xf, to_vec(io.MousePos), 5.0f) : view::Hit{};

    if (hovered && io.MouseWheel != 0.0f) {
        xf.zoom_at(to_vec(io.MousePos), std::pow(1.15f, io.MouseWheel), 0.25f, 12.0f);
    }
    // A drag pans from anywhere, edges included: on a phone the network fills the screen and a
    // finger seldom lands on empty space; a press that moves less than 4 px is still a tap.
    if (ImGui::IsItemActivated() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) s.canvas.dragging = true;
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 0.0f) ||
                                  (s.canvas.dragging && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f))))
        xf.pan(to_vec(io.MouseDelta));
    s.canvas.user = xf;
    s.canvas.user.offset = xf.offset - to_vec(min);

    if (ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        const ImVec2 drag = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.0f);
        if (std::abs(drag.x) + std::abs(drag.y) < 4.0f) {
            if (s.canvas.hover.kind == view::Hit::Kind::none)
                s.session.clear_focus();
            else if (std::string name = focus_name_for(s, s.canvas.hover); !name.empty())
                s.session.set_focus(name);
        }
        s.canvas.dragging = false;
    }
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && s.canvas.hover.kind == view::Hit::Kind::none)
        s.canvas.user = view::ViewTransform{};
    xf = effective(s);

    // --- drawing: const from here on ---
    const State& cs = s;
    const Ink ink = make_ink(resolve_theme(s.settings.theme, s.settings.system_dark));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(min, max, true);
    // The background and the edges are the still layer (ui/layer.hpp): the page keeps their pixels
    // while only the pulses, nodes and labels over them move.
    layer::begin(dl);
    if (!s.backdrops_by_platform) dl->AddRectFilled(min, max, ink.bg); // else App::backdrops()
    draw_edges(cs, dl, ink, xf);                                       // ends the layer
    draw_pulses(cs, dl, ink, xf);
    // Labels never cover a node, the captions, the legend or each other (view::LabelPlacer); the
    // walk's products are placed first, being what the walk is about.
    s.canvas.labels.clear();
    Labels labels{view::LabelPlacer(view::Rect{{min.x + 2, min.y + 2}, {max.x - 2, max.y - 2}}), s.canvas.labels};
    {
        const view::Layout& lay = cs.canvas.layout;
        const float rr = lay.radius * xf.scale + 1.0f;
        for (const view::Vec2& n : lay.nodes) {
            const view::Vec2 c = xf.to_screen(n);
            labels.placer.block(view::Rect{{c.x - rr, c.y - rr}, {c.x + rr, c.y + rr}});
        }
    }
    // The caption strip holds one line: the phase, or during a walk the walked path (which names
    // the phase too), so a second line never reaches down to the first row of nodes.
    const std::string_view phase = cs.session.phase();
    const anim::WalkFrame& walk = cs.session.frame().walk;
    const bool walking = walk.path >= 0 && std::size_t(walk.path) < cs.session.timeline().walk.size();
    if (!phase.empty() && !walking) {
        const std::string cap(phase);
        dl->AddText(ImVec2(min.x + 8, min.y + 6), ink.text_dim, cap.c_str());
        const ImVec2 ts = ImGui::CalcTextSize(cap.c_str());
        const view::Rect box{{min.x + 8, min.y + 6}, {min.x + 8 + ts.x, min.y + 6 + ts.y}};
        labels.placer.block(view::Rect{{min.x, min.y}, {box.max.x + 4, box.max.y + 2}});
        labels.out.push_back(DrawnLabel{"", "caption", cap, box});
    }
    if (size.y > 160) labels.placer.block(legend_rect(cs));
    draw_walk(cs, dl, ink, xf, ImVec2(min.x + 8, min.y + 6), max.x - 8, labels);
    begin_neuron_maps(s);
    draw_nodes(cs, dl, ink, xf, labels, s.neuron_maps.drawn);
    s.working.hops.clear();
    draw_working_hop(cs, dl, xf, s.working.hops);
    if (size.y > 160) draw_legend(cs, dl, ink);
    dl->PopClipRect();

    if (hovered && !ImGui::IsItemActive()) {
        if (s.canvas.hover.kind == view::Hit::Kind::edge)
            edge_tooltip(cs, s.canvas.hover.index);
        else if (s.canvas.hover.kind == view::Hit::Kind::node)
            node_tooltip(s, s.canvas.hover.index);
    }
}

} // namespace gf::ui
