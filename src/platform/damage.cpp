#include "platform/damage.hpp"

#include "ui/layer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace gf::platform {
namespace {

// Eight bytes at a time with a multiply-xorshift mix: the wide preset's ~60,000 vertices hash in
// well under a millisecond in wasm.
struct Hasher {
    std::uint64_t h = 0x9E3779B97F4A7C15ull;
    void word(std::uint64_t w)
    {
        h ^= w + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    void bytes(const void* data, std::size_t n)
    {
        const auto* p = static_cast<const unsigned char*>(data);
        if (p == nullptr || n == 0) {
            word(0);
            return;
        }
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            word(w);
        }
        std::uint64_t tail = 0;
        std::memcpy(&tail, p + i, n - i); // fewer than 8 left
        word(tail ^ (std::uint64_t(n) << 56));
    }
};

bool empty(const DamageRect& r) { return r.z <= r.x || r.w <= r.y; }

bool overlaps(const DamageRect& a, const DamageRect& b) { return a.x < b.z && b.x < a.z && a.y < b.w && b.y < a.w; }

DamageRect unite(const DamageRect& a, const DamageRect& b)
{
    if (empty(a)) return b;
    if (empty(b)) return a;
    return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.z, b.z), std::max(a.w, b.w)};
}

// The pixels the list can touch: its commands' bounds (command_bounds: not their clip rectangles,
// as a window's first commands are clipped to the whole display), inside the display. Each
// command's own bounds are appended to `each`.
DamageRect bounds_of(const ImDrawList& list, const DamageRect& display, std::vector<DamageRect>& each)
{
    DamageRect b{0, 0, 0, 0};
    for (const ImDrawCmd& c : list.CmdBuffer) {
        const DamageRect r = command_bounds(list, c); // empty for a command that draws nothing
        each.push_back(r);
        const DamageRect in{std::max(r.x, display.x), std::max(r.y, display.y), std::min(r.z, display.z),
                            std::min(r.w, display.w)};
        if (!empty(in)) b = unite(b, in);
    }
    return b;
}

} // namespace

DamageRect command_bounds(const ImDrawList& list, const ImDrawCmd& c)
{
    if (c.UserCallback != nullptr) return c.ClipRect;
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    for (unsigned i = 0; i < c.ElemCount; ++i) {
        const ImDrawVert& v = list.VtxBuffer.Data[c.VtxOffset + list.IdxBuffer.Data[c.IdxOffset + i]];
        x0 = std::min(x0, v.pos.x);
        y0 = std::min(y0, v.pos.y);
        x1 = std::max(x1, v.pos.x);
        y1 = std::max(y1, v.pos.y);
    }
    return DamageRect{std::max(c.ClipRect.x, x0 - 2.0f), std::max(c.ClipRect.y, y0 - 2.0f),
                      std::min(c.ClipRect.z, x1 + 2.0f), std::min(c.ClipRect.w, y1 + 2.0f)};
}

namespace {

// A callback we cannot see into (the glow pass draws dots that are not in the list).
bool opaque_callback(const ImDrawList& list)
{
    for (const ImDrawCmd& c : list.CmdBuffer)
        if (c.UserCallback != nullptr && c.UserCallback != ImDrawCallback_ResetRenderState &&
            !gf::ui::layer::is_marker(c))
            return true;
    return false;
}

bool draws_other_texture(const ImDrawList& list, ImTextureID font_atlas)
{
    for (const ImDrawCmd& c : list.CmdBuffer)
        if (c.UserCallback == nullptr && c.ElemCount > 0 && c.TextureId != font_atlas) return true;
    return false;
}

} // namespace

std::uint64_t hash_bytes(const void* data, std::size_t n)
{
    Hasher h;
    h.bytes(data, n);
    return h.h;
}

std::uint64_t draw_list_hash(const ImDrawList& list)
{
    Hasher h;
    h.bytes(list.VtxBuffer.Data, std::size_t(list.VtxBuffer.Size) * sizeof(ImDrawVert));
    h.bytes(list.IdxBuffer.Data, std::size_t(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : list.CmdBuffer) {
        h.bytes(&c.ClipRect, sizeof c.ClipRect);
        h.word(std::uint64_t(reinterpret_cast<std::uintptr_t>(c.TextureId)));
        h.word((std::uint64_t(c.VtxOffset) << 32) ^ c.IdxOffset);
        h.word(c.ElemCount);
        h.word(std::uint64_t(reinterpret_cast<std::uintptr_t>(c.UserCallback)));
        h.word(std::uint64_t(reinterpret_cast<std::uintptr_t>(c.UserCallbackData)));
    }
    return h.h;
}

StaticSpan static_span(const ImDrawData& dd)
{
    for (int i = 0; i < dd.CmdListsCount; ++i) {
        const ImDrawList& l = *dd.CmdLists[i];
        for (int b = 0; b < l.CmdBuffer.Size; ++b) {
            if (!gf::ui::layer::is_begin(l.CmdBuffer[b])) continue;
            int e = b + 1;
            while (e < l.CmdBuffer.Size && !gf::ui::layer::is_end(l.CmdBuffer[e])) ++e;
            if (e == l.CmdBuffer.Size) return {};
            const unsigned v0 = gf::ui::layer::vertex_at(l.CmdBuffer[b]);
            const unsigned v1 = gf::ui::layer::vertex_at(l.CmdBuffer[e]);
            IM_ASSERT(v0 <= v1 && v1 <= unsigned(l.VtxBuffer.Size) && "layer::end() before its begin()?");
            // Its vertices, its indices (which count from the list's start) and its clip rectangle;
            // its commands all draw the font atlas (lines and text), whose changes change the scene.
            Hasher h;
            h.bytes(l.VtxBuffer.Data + v0, std::size_t(v1 - v0) * sizeof(ImDrawVert));
            const unsigned i0 = l.CmdBuffer[b].IdxOffset, i1 = l.CmdBuffer[e].IdxOffset;
            h.bytes(l.IdxBuffer.Data + i0, std::size_t(i1 - i0) * sizeof(ImDrawIdx));
            h.word(v0);
            h.bytes(&l.CmdBuffer[b].ClipRect, sizeof(ImVec4));
            return StaticSpan{i, b, e, l.CmdBuffer[b].ClipRect, h.h, v1 - v0};
        }
    }
    return {};
}

std::vector<DamageRect> Damage::update(const ImDrawData& dd, std::uint64_t scene, std::uint64_t textures_version)
{
    const DamageRect display{dd.DisplayPos.x, dd.DisplayPos.y, dd.DisplayPos.x + dd.DisplaySize.x,
                             dd.DisplayPos.y + dd.DisplaySize.y};
    const ImTextureID font_atlas = ImGui::GetIO().Fonts->TexID;
    const bool textures_moved = textures_version != textures_version_;

    std::vector<Mark> now;
    now.reserve(std::size_t(std::max(dd.CmdListsCount, 0)));
    commands_.clear();
    for (int i = 0; i < dd.CmdListsCount; ++i) {
        const ImDrawList& l = *dd.CmdLists[i];
        now.push_back(Mark{&l, draw_list_hash(l), bounds_of(l, display, commands_)});
    }

    bool whole = !valid_ || dd.DisplaySize.x != size_.x || dd.DisplaySize.y != size_.y || scene != scene_;
    // Overlapping windows are drawn in this order: a new order may change who covers whom.
    if (!whole) {
        // Lists that stay must keep their relative order; new ones and gone ones are damage.
        std::vector<const ImDrawList*> kept_now, kept_last;
        for (const Mark& m : now)
            if (std::any_of(last_.begin(), last_.end(), [&](const Mark& o) { return o.list == m.list; }))
                kept_now.push_back(m.list);
        for (const Mark& o : last_)
            if (std::any_of(now.begin(), now.end(), [&](const Mark& m) { return m.list == o.list; }))
                kept_last.push_back(o.list);
        whole = kept_now != kept_last;
    }

    std::vector<DamageRect> out;
    if (!whole) {
        // Out to whole framebuffer pixels, so the platform's scissored clear and ImGui's scissor
        // (which truncates) cover the same pixels, and merged neighbours share none.
        const float sx = dd.FramebufferScale.x > 0 ? dd.FramebufferScale.x : 1.0f;
        const float sy = dd.FramebufferScale.y > 0 ? dd.FramebufferScale.y : 1.0f;
        auto add = [&](const DamageRect& r) {
            if (empty(r)) return;
            const float ox = dd.DisplayPos.x, oy = dd.DisplayPos.y;
            out.push_back(DamageRect{ox + std::floor((r.x - ox) * sx) / sx, oy + std::floor((r.y - oy) * sy) / sy,
                                     ox + std::ceil((r.z - ox) * sx) / sx, oy + std::ceil((r.w - oy) * sy) / sy});
        };
        for (const Mark& m : now) {
            const auto old = std::find_if(last_.begin(), last_.end(), [&](const Mark& o) { return o.list == m.list; });
            const ImDrawList& l = *m.list;
            const bool changed = old == last_.end() || old->hash != m.hash || opaque_callback(l) ||
                                 (textures_moved && draws_other_texture(l, font_atlas));
            if (!changed) continue;
            add(m.bounds);
            if (old != last_.end()) add(old->bounds);
        }
        for (const Mark& o : last_)
            if (std::none_of(now.begin(), now.end(), [&](const Mark& m) { return m.list == o.list; })) add(o.bounds);
        // Merge until no two overlap: each rectangle is drawn once, and a pixel in two would be
        // blended twice.
        for (bool merged = true; merged;) {
            merged = false;
            for (std::size_t a = 0; a < out.size() && !merged; ++a)
                for (std::size_t b = a + 1; b < out.size() && !merged; ++b)
                    if (overlaps(out[a], out[b])) {
                        out[a] = unite(out[a], out[b]);
                        out.erase(out.begin() + std::ptrdiff_t(b));
                        merged = true;
                    }
        }
        // Most of the screen anyway: one rectangle is cheaper than several.
        float area = 0;
        for (const DamageRect& r : out) area += (r.z - r.x) * (r.w - r.y);
        if (area > 0.7f * dd.DisplaySize.x * dd.DisplaySize.y) whole = true;
    }
    if (whole) out.assign(1, display);

    last_ = std::move(now);
    size_ = dd.DisplaySize;
    scene_ = scene;
    textures_version_ = textures_version;
    valid_ = true;
    return out;
}

} // namespace gf::platform
