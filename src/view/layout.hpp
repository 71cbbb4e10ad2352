// Where every node and edge of the drawn graph (anim/graph.hpp) sits, and what the pointer is on.
//
// Nodes are circles of one radius in columns (inputs, one column per layer, ŷ, L), spread over
// the canvas width, each column centred vertically on a common pitch. The radius follows the
// canvas: as large as lets every column's slots and every gap fit (a gap is at least 4 radii
// wide so edges stay readable), capped at 26·ui_scale. Layouts are correct — every node inside
// the canvas, none overlapping — for any canvas of 320×200 or more, any depth up to kMaxLayers
// and any width: a layer wider than max_visible (32) is elided by the graph (first 16, "⋯",
// last 15), so a column never has more than 32 slots and the radius never has to shrink below
// what 32 slots need (≈5 px at 640×400).
//
// Edges are gentle cubic S-curves leaving the source's rim and reaching the target's rim
// horizontally: p0 = src + (r, 0), p1 = dst − (r, 0), controls a third of the way along in x.
// x is then linear in the curve parameter, which makes hit-testing O(1) per edge.
#pragma once

#include "anim/graph.hpp"
#include "core/network.hpp"
#include "view/geometry.hpp"

#include <vector>

namespace gf::view {

inline constexpr int kArcSamples = 16;     // arc-length table resolution per edge
inline constexpr float kLabelMinPx = 8.0f; // names smaller than this are unreadable: drawn on hover instead

struct EdgeGeom {
    Vec2 p0, c0, c1, p1; // cubic Bézier: for ImDrawList::AddBezierCubic
    float length = 0;    // arc length (world units)
};

struct Layout {
    anim::Graph graph; // the graph this layout places (same indices)
    Rect canvas;       // what it was made for (world = these pixels)
    float ui_scale = 1;
    float radius = 0;            // every node's
    float pitch_x = 0;           // between column centres
    float pitch_y = 0;           // between slot centres in a column
    float label_px = 0;          // font size at which "a_21" over "h_21" fit inside a node
    bool labels_fit = false;     // label_px ≥ kLabelMinPx; else draw names on hover
    std::vector<float> column_x; // per column: centre x
    std::vector<Vec2> nodes;     // per graph node: centre
    std::vector<EdgeGeom> edges; // per graph edge
    std::vector<Vec2> ellipsis;  // per column: centre of its "⋯" slot (only where the
                                 // column's GraphColumn::ellipsis >= 0)
    std::vector<float> arc;      // per edge, kArcSamples+1 cumulative lengths / length
    Rect bounds;                 // all nodes, rims included
};

// The layout of `net` on `canvas` (world units = canvas pixels; the identity ViewTransform shows
// it as laid out). ui_scale scales the margins and the radius cap (HiDPI, font scale).
Layout layout_network(const Network& net, Rect canvas, float ui_scale = 1.0f);
// The same for a graph made with a different max_visible.
Layout layout_graph(const anim::Graph& graph, Rect canvas, float ui_scale = 1.0f);

// Point on edge e at curve parameter u ∈ [0, 1] (not uniform in length).
Vec2 curve_at(const Layout& lay, int e, float u);
// Point on edge e at fraction s ∈ [0, 1] of its arc length: where a pulse at Pulse::pos is.
Vec2 point_at(const Layout& lay, int e, float s);
// Unit tangent (source → target) at fraction s of the arc length.
Vec2 tangent_at(const Layout& lay, int e, float s);

struct Hit {
    enum class Kind { none, node, edge };
    Kind kind = Kind::none;
    int index = -1;     // graph node or edge index
    float distance = 0; // screen pixels from the point to the node's rim (0 inside) or edge
};

// What is under `screen_point`: a node when the point is inside one (nodes win), else the nearest
// edge within `tolerance_px` screen pixels, else none. Looks only at the column or gap under
// the point: ≈1000 edges at most for 32-wide layers.
Hit hit_test(const Layout& lay, const ViewTransform& view, Vec2 screen_point, float tolerance_px = 4.0f);

// Labels that must not cover each other (value plates under nodes, the walk's running products):
// each is placed at the first of its candidate centres where its box stays inside `bounds` and
// overlaps neither a blocked rectangle (node discs) nor a label already placed; where none is
// free it is not drawn, rather than drawn over another. Screen pixels.
class LabelPlacer {
public:
    explicit LabelPlacer(Rect bounds) : bounds_(bounds) {}
    void block(const Rect& r) { blocked_.push_back(r); }
    // The box placed (and remembered), or an empty Rect (min == max) when no candidate is free.
    Rect place(Vec2 size, const Vec2* centres, int count);
    const std::vector<Rect>& placed() const { return placed_; }

private:
    bool free(const Rect& r) const;
    Rect bounds_;
    std::vector<Rect> blocked_, placed_;
};

bool overlaps(const Rect& a, const Rect& b); // interiors intersect (touching edges do not count)

} // namespace gf::view
