// Points, rectangles and the pan/zoom transform shared by drawing and hit-testing.
//
// "World" is the layout's coordinate system (pixels of the canvas the layout was made for);
// "screen" is where things land after the person pans and zooms: screen = world·scale + offset.
#pragma once

#include <algorithm>
#include <cmath>

namespace gf::view {

struct Vec2 {
    float x = 0, y = 0;
    friend Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
    friend Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
    friend Vec2 operator*(Vec2 a, float s) { return {a.x * s, a.y * s}; }
    friend bool operator==(Vec2 a, Vec2 b) { return a.x == b.x && a.y == b.y; }
};

inline float length(Vec2 v) { return std::sqrt(v.x * v.x + v.y * v.y); }
inline float distance(Vec2 a, Vec2 b) { return length(a - b); }

struct Rect {
    Vec2 min, max;
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    Vec2 center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
    bool contains(Vec2 p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
    bool contains(const Rect& r) const { return contains(r.min) && contains(r.max); }
};

struct ViewTransform {
    Vec2 offset{0, 0};  // screen position of the world origin
    float scale = 1.0f; // screen pixels per world unit

    Vec2 to_screen(Vec2 w) const { return {w.x * scale + offset.x, w.y * scale + offset.y}; }
    Vec2 to_world(Vec2 s) const { return {(s.x - offset.x) / scale, (s.y - offset.y) / scale}; }
    Rect to_screen(const Rect& w) const { return {to_screen(w.min), to_screen(w.max)}; }
    Rect to_world(const Rect& s) const { return {to_world(s.min), to_world(s.max)}; }

    void pan(Vec2 screen_delta) { offset = offset + screen_delta; }

    // Zooms by `factor` keeping the world point under `screen_point` where it is (mouse-wheel
    // zoom). The scale stays within [min_scale, max_scale].
    void zoom_at(Vec2 screen_point, float factor, float min_scale = 0.05f, float max_scale = 40.0f)
    {
        const Vec2 w = to_world(screen_point);
        scale = std::clamp(scale * factor, min_scale, max_scale);
        offset = {screen_point.x - w.x * scale, screen_point.y - w.y * scale};
    }

    // The transform that shows all of `world` inside `canvas` (less `margin` px each side),
    // centred, aspect kept.
    static ViewTransform fit(const Rect& world, const Rect& canvas, float margin = 0.0f)
    {
        const float ww = std::max(world.width(), 1e-6f), wh = std::max(world.height(), 1e-6f);
        const float cw = std::max(canvas.width() - 2 * margin, 1.0f), ch = std::max(canvas.height() - 2 * margin, 1.0f);
        ViewTransform v;
        v.scale = std::min(cw / ww, ch / wh);
        const Vec2 wc = world.center(), cc = canvas.center();
        v.offset = {cc.x - wc.x * v.scale, cc.y - wc.y * v.scale};
        return v;
    }
};

} // namespace gf::view
