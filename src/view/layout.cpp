// [SECTION] Placing columns and nodes
// [SECTION] Edges and arc length
// [SECTION] Hit-testing
// [SECTION] Label placement
#include "view/layout.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace gf::view {

// -----------------------------------------------------------------------------------------------
// [SECTION] Placing columns and nodes
// -----------------------------------------------------------------------------------------------

namespace {

constexpr float kRadiusMax = 26.0f; // ·ui_scale: beyond this nodes only get emptier
constexpr float kGapRadii = 0.25f;  // r ≤ this · column pitch: a gap is ≥ 2 diameters wide
constexpr float kSlotRadii = 0.40f; // r ≤ this · slot pitch: 20% of a pitch between rims
constexpr float kPitchMaxR = 6.0f;  // slot pitch ≤ this · r, so short columns stay together
constexpr float kMargin = 12.0f;    // ·ui_scale, inside the canvas

// The curve: x linear in u, y an S (smoothstep) between the rims.
inline float smooth(float u) { return u * u * (3.0f - 2.0f * u); }
inline float dsmooth(float u) { return 6.0f * u * (1.0f - u); }

} // namespace

Layout layout_network(const Network& net, Rect canvas, float ui_scale)
{
    return layout_graph(anim::make_graph(net), canvas, ui_scale);
}

Layout layout_graph(const anim::Graph& graph, Rect canvas, float ui_scale)
{
    assert(ui_scale > 0.0f && "layout_graph: ui_scale must be positive (1 = 96 dpi)");
    Layout lay;
    lay.graph = graph;
    lay.canvas = canvas;
    lay.ui_scale = ui_scale;
    const int C = graph.column_count();
    int S = 1;
    for (const anim::GraphColumn& c : graph.columns) S = std::max(S, c.slots);

    // Margins shrink with a small canvas so the nodes keep most of it.
    const float m = std::min(kMargin * ui_scale, 0.05f * std::min(canvas.width(), canvas.height()));
    const float W = std::max(canvas.width() - 2 * m, 1.0f), H = std::max(canvas.height() - 2 * m, 1.0f);

    // r = k·pitch with pitch = (extent − 2r)/(n − 1)  ⇒  r = k·extent / (n − 1 + 2k).
    const float rx = C > 1 ? kGapRadii * W / (float(C - 1) + 2 * kGapRadii) : W / 2;
    const float ry = S > 1 ? kSlotRadii * H / (float(S - 1) + 2 * kSlotRadii) : H / 2;
    const float r = std::min({rx, ry, kRadiusMax * ui_scale});
    lay.radius = r;
    lay.pitch_x = C > 1 ? (W - 2 * r) / float(C - 1) : 0.0f;
    lay.pitch_y = S > 1 ? std::min((H - 2 * r) / float(S - 1), kPitchMaxR * r) : 0.0f;
    // Two stacked names, each ≈ 2.2 em wide and 1 em tall, inside the circle: (1.1·px)² + px² ≤ r².
    lay.label_px = std::min(r / 1.49f, 15.0f * ui_scale);
    lay.labels_fit = lay.label_px >= kLabelMinPx;

    const float x_first = canvas.min.x + m + r;
    const float cy = canvas.center().y;
    lay.column_x.resize(std::size_t(C));
    lay.ellipsis.assign(std::size_t(C), Vec2{});
    for (int c = 0; c < C; ++c)
        lay.column_x[std::size_t(c)] = C > 1 ? x_first + lay.pitch_x * float(c) : canvas.center().x;
    auto slot_y = [&](const anim::GraphColumn& col, int slot) {
        return cy + (float(slot) - float(col.slots - 1) * 0.5f) * lay.pitch_y;
    };
    lay.nodes.resize(graph.nodes.size());
    for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
        const anim::GraphNode& gn = graph.nodes[n];
        const anim::GraphColumn& col = graph.columns[std::size_t(gn.column)];
        lay.nodes[n] = {lay.column_x[std::size_t(gn.column)], slot_y(col, gn.slot)};
    }
    for (int c = 0; c < C; ++c) {
        const anim::GraphColumn& col = graph.columns[std::size_t(c)];
        if (col.ellipsis >= 0) lay.ellipsis[std::size_t(c)] = {lay.column_x[std::size_t(c)], slot_y(col, col.ellipsis)};
    }

    lay.bounds = {{INFINITY, INFINITY}, {-INFINITY, -INFINITY}};
    for (const Vec2& p : lay.nodes) {
        lay.bounds.min = {std::min(lay.bounds.min.x, p.x - r), std::min(lay.bounds.min.y, p.y - r)};
        lay.bounds.max = {std::max(lay.bounds.max.x, p.x + r), std::max(lay.bounds.max.y, p.y + r)};
    }

    // -------------------------------------------------------------------------------------------
    // [SECTION] Edges and arc length
    // -------------------------------------------------------------------------------------------
    lay.edges.resize(graph.edges.size());
    lay.arc.resize(graph.edges.size() * (kArcSamples + 1));
    for (std::size_t e = 0; e < graph.edges.size(); ++e) {
        const anim::GraphEdge& ge = graph.edges[e];
        EdgeGeom& g = lay.edges[e];
        g.p0 = lay.nodes[std::size_t(ge.src)] + Vec2{r, 0};
        g.p1 = lay.nodes[std::size_t(ge.dst)] - Vec2{r, 0};
        const float third = (g.p1.x - g.p0.x) / 3.0f;
        g.c0 = {g.p0.x + third, g.p0.y};
        g.c1 = {g.p1.x - third, g.p1.y};
        float* a = &lay.arc[e * (kArcSamples + 1)];
        a[0] = 0.0f;
        Vec2 prev = g.p0;
        float total = 0.0f;
        for (int i = 1; i <= kArcSamples; ++i) {
            const float u = float(i) / float(kArcSamples);
            const Vec2 p = {g.p0.x + (g.p1.x - g.p0.x) * u, g.p0.y + (g.p1.y - g.p0.y) * smooth(u)};
            total += distance(prev, p);
            a[i] = total;
            prev = p;
        }
        g.length = total;
        for (int i = 1; i <= kArcSamples; ++i) a[i] = total > 0 ? a[i] / total : float(i) / float(kArcSamples);
    }
    return lay;
}

Vec2 curve_at(const Layout& lay, int e, float u)
{
    const EdgeGeom& g = lay.edges[std::size_t(e)];
    u = std::clamp(u, 0.0f, 1.0f);
    return {g.p0.x + (g.p1.x - g.p0.x) * u, g.p0.y + (g.p1.y - g.p0.y) * smooth(u)};
}

namespace {

// Curve parameter at fraction s of the arc length, by the table and a linear step within it.
float param_at(const Layout& lay, int e, float s)
{
    s = std::clamp(s, 0.0f, 1.0f);
    const float* a = &lay.arc[std::size_t(e) * (kArcSamples + 1)];
    const float* it = std::upper_bound(a, a + kArcSamples + 1, s);
    const int i = std::clamp(int(it - a) - 1, 0, kArcSamples - 1);
    const float span = a[i + 1] - a[i];
    const float f = span > 0 ? (s - a[i]) / span : 0.0f;
    return (float(i) + std::clamp(f, 0.0f, 1.0f)) / float(kArcSamples);
}

} // namespace

Vec2 point_at(const Layout& lay, int e, float s) { return curve_at(lay, e, param_at(lay, e, s)); }

Vec2 tangent_at(const Layout& lay, int e, float s)
{
    const EdgeGeom& g = lay.edges[std::size_t(e)];
    const float u = param_at(lay, e, s);
    const Vec2 d = {g.p1.x - g.p0.x, (g.p1.y - g.p0.y) * dsmooth(u)};
    const float len = length(d);
    return len > 0 ? d * (1.0f / len) : Vec2{1, 0};
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Hit-testing
// -----------------------------------------------------------------------------------------------
// Nodes: only the column nearest in x can hold the point. Edges: only the gap under the point,
// and there every edge shares x0, x1, so the curve parameter u = (x − x0)/dx is computed once and
// each edge costs one smoothstep: |Δy| scaled by the curve's slope filters, and a few Newton
// steps give the exact distance for the edges that pass.

namespace {

// Distance from w to the edge's curve, by Newton's method on (C(u) − w)·C′(u) = 0 from u0.
float nearest_distance(const EdgeGeom& g, Vec2 w, float u)
{
    const float dx = g.p1.x - g.p0.x, dy = g.p1.y - g.p0.y;
    for (int it = 0; it < 4; ++it) {
        const float ex = g.p0.x + dx * u - w.x, ey = g.p0.y + dy * smooth(u) - w.y;
        const float d1y = dy * dsmooth(u), d2y = dy * (6.0f - 12.0f * u);
        const float f = ex * dx + ey * d1y;
        const float fp = dx * dx + d1y * d1y + ey * d2y;
        if (fp <= 0.0f) break;
        u = std::clamp(u - f / fp, 0.0f, 1.0f);
    }
    return distance(w, {g.p0.x + dx * u, g.p0.y + dy * smooth(u)});
}

} // namespace

Hit hit_test(const Layout& lay, const ViewTransform& view, Vec2 screen_point, float tolerance_px)
{
    Hit hit;
    const int C = int(lay.column_x.size());
    if (C == 0) return hit;
    const Vec2 w = view.to_world(screen_point);
    const float r = lay.radius;
    const float x0 = lay.column_x.front();

    const float col_f = lay.pitch_x > 0 ? (w.x - x0) / lay.pitch_x : 0.0f;
    const int col = std::clamp(int(std::lround(col_f)), 0, C - 1);
    if (std::abs(w.x - lay.column_x[std::size_t(col)]) <= r) {
        const anim::GraphColumn& c = lay.graph.columns[std::size_t(col)];
        for (int n = c.first; n < c.first + c.count; ++n) {
            const float d = distance(w, lay.nodes[std::size_t(n)]);
            if (d <= r) return Hit{Hit::Kind::node, n, 0.0f};
        }
    }

    if (lay.pitch_x <= 0) return hit;
    const int gap = int(std::floor(col_f));
    if (gap < 0 || gap >= lay.graph.gap_count()) return hit;
    const float ex0 = lay.column_x[std::size_t(gap)] + r, ex1 = lay.column_x[std::size_t(gap) + 1] - r;
    if (w.x < ex0 || w.x > ex1) return hit;
    const float dx = ex1 - ex0;
    const float u = (w.x - ex0) / dx;
    const float s = smooth(u), ds = dsmooth(u) / dx;
    const float tol = tolerance_px / view.scale;
    float best = tol;
    for (int e = lay.graph.gap_begin[std::size_t(gap)]; e < lay.graph.gap_begin[std::size_t(gap) + 1]; ++e) {
        const EdgeGeom& g = lay.edges[std::size_t(e)];
        const float dy = g.p1.y - g.p0.y;
        // First-order distance as a cheap filter (off by a few % where the curve bends) …
        const float approx = std::abs(w.y - (g.p0.y + dy * s)) / std::sqrt(1.0f + (dy * ds) * (dy * ds));
        if (approx > 2.0f * best) continue;
        // … then the exact nearest point for the few candidates.
        const float d = nearest_distance(g, w, u);
        if (d <= best) {
            best = d;
            hit = Hit{Hit::Kind::edge, e, d * view.scale};
        }
    }
    return hit;
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Label placement
// -----------------------------------------------------------------------------------------------
// A first-fit search: a few hundred labels against a few hundred boxes is well under a
// millisecond, and first fit keeps every label at its preferred spot whenever that is free, so
// labels do not jump about from frame to frame.

bool overlaps(const Rect& a, const Rect& b)
{
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

bool LabelPlacer::free(const Rect& r) const
{
    if (!bounds_.contains(r)) return false;
    for (const Rect& b : blocked_)
        if (overlaps(r, b)) return false;
    for (const Rect& b : placed_)
        if (overlaps(r, b)) return false;
    return true;
}

Rect LabelPlacer::place(Vec2 size, const Vec2* centres, int count)
{
    const Vec2 half = size * 0.5f;
    for (int i = 0; i < count; ++i) {
        const Rect r{centres[i] - half, centres[i] + half};
        if (free(r)) {
            placed_.push_back(r);
            return r;
        }
    }
    return Rect{};
}

} // namespace gf::view
