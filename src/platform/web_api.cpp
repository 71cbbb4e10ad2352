// [SECTION] The target: gf::ui::App as an ApiTarget
// [SECTION] Start-up: the link's state
// [SECTION] Per frame: events
// [SECTION] The exported entry point
//
// A thin adapter: the checking, parsing and formatting live in src/embed (pure, tested natively
// and in wasm); the App's public operations (ui/app.hpp) do the changing. What App does not
// expose as an operation yet — node positions, palette, view mode, panels, reduced motion — is
// read from or written to App::State (ui/state.hpp), the same struct its panels use.
#include "platform/web_api.hpp"

#include "ui/app.hpp"
#include "ui/state.hpp"

#include "core/names.hpp"
#include "embed/api.hpp"
#include "embed/page_state.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <memory>
#include <string>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace gf::web {
namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] The target: gf::ui::App as an ApiTarget
// -----------------------------------------------------------------------------------------------

ui::ViewMode to_mode(embed::View v)
{
    switch (v) {
    case embed::View::weights: return ui::ViewMode::weights;
    case embed::View::forward: return ui::ViewMode::contributions;   // what the forward pass carries
    case embed::View::gradients: return ui::ViewMode::gradients;
    }
    return ui::ViewMode::weights;
}
embed::View from_mode(ui::ViewMode m)
{
    switch (m) {
    case ui::ViewMode::weights: return embed::View::weights;
    case ui::ViewMode::contributions: return embed::View::forward;
    case ui::ViewMode::gradients: return embed::View::gradients;
    }
    return embed::View::weights;
}

class AppTarget final : public embed::ApiTarget {
public:
    explicit AppTarget(ui::App& app) : app_(app) {}

    // The link's state, applied once at start-up.
    void apply(const embed::PageState& page, bool reduced_motion)
    {
        ui::State& s = app_.state();
        if (page.from_fragment || page.preset != embed::kDefaultPreset) {
            const std::string e = page.preset.empty() ? app_.set_config(config_to_json(page.config, -1))
                                                      : app_.load_preset(page.preset);
            (void)e;   // cannot fail: parse_page_url validated it
        }
        if (page.focus) (void)app_.focus(page.focus_name);
        s.view.mode = to_mode(page.view);
        s.view.palette = page.high_contrast ? view::Palette::high_contrast : view::Palette::standard;
        s.anim.transport.speed = page.speed;
        if (page.t) app_.seek(*page.t);
        if (page.autoplay) *page.autoplay ? app_.play() : app_.pause();
        // Embedded: the network alone unless ?panels= asks for more.
        const bool want_default = !page.panels && !page.embed;
        auto wants = [&](std::initializer_list<std::string_view> names) {
            if (want_default) return true;
            if (!page.panels) return false;
            for (const auto& p : *page.panels)
                for (auto n : names)
                    if (p == n) return true;
            return false;
        };
        s.panels.inspector_open = wants({"inspector", "derivation"});
        s.panels.side_open = wants({"config", "controls"});
        embed_ = page.embed;
        panels_ = page.panels;
        reduced_motion_ = reduced_motion;
    }
    // rebuild() makes a new timeline on every change; the flag is re-asserted each frame.
    void each_frame() { app_.state().anim.timeline.reduced_motion = reduced_motion_; }
    void set_base_url(std::string u) { base_url_ = std::move(u); }

    const Config& config() const override { return app_.state().model.config; }
    void set_config(const Config& c) override { (void)app_.set_config(config_to_json(c, -1)); }
    double t() const override { return app_.time(); }
    double duration() const override { return app_.duration(); }
    std::string phase() const override
    {
        const std::string p = app_.phase();
        return p.empty() ? "ready" : p;
    }
    bool playing() const override { return app_.playing(); }
    void play() override { app_.play(); }
    void pause() override { app_.pause(); }
    void step() override { app_.step_next(); }
    void seek(double t) override { app_.seek(t); }
    std::optional<NodeRef> focus() const override
    {
        const ui::State& s = app_.state();
        return s.focus.active ? std::optional<NodeRef>(s.focus.ref) : std::nullopt;
    }
    void set_focus(std::optional<NodeRef> n) override
    {
        (void)app_.focus(n ? node_name(config().net, *n, NameStyle::ascii) : std::string());
    }
    embed::ShareState share_state() const override
    {
        const ui::State& s = app_.state();
        embed::ShareState out;
        out.base_url = base_url_;
        out.view = from_mode(s.view.mode);
        out.speed = s.anim.transport.speed;
        out.autoplay = app_.playing();   // a paused picture stays paused at t when the link opens
        out.embed = embed_;
        out.panels = panels_;
        out.high_contrast = s.view.palette == view::Palette::high_contrast;
        return out;
    }
    // Layout world units are canvas-local pixels; the canvas sits at canvas_min on screen under
    // the user's pan/zoom. ImGui's screen pixels are the page's CSS pixels.
    nlohmann::json node_positions() const override
    {
        const ui::State& s = app_.state();
        const view::Layout& lay = s.view.layout;
        const view::Vec2 origin{s.view.canvas_min.x, s.view.canvas_min.y};
        auto screen = [&](view::Vec2 w) { const view::Vec2 p = s.view.user.to_screen(w); return origin + p; };
        nlohmann::json out = nlohmann::json::object();
        const Network& net = config().net;
        for (std::size_t i = 0; i < lay.nodes.size(); ++i) {
            const view::Vec2 p = screen(lay.nodes[i]);
            out[node_name(net, lay.graph.node_ref(int(i)), NameStyle::ascii)] = {p.x, p.y};
        }
        // A weight is an edge: report a point on it that a click selects. The middle is where
        // mirror-image edges cross (h_12→a_21 and h_11→a_22), so try points around it.
        view::ViewTransform xf = s.view.user;
        xf.offset = xf.offset + origin;
        for (std::size_t e = 0; e < lay.edges.size(); ++e) {
            if (lay.graph.edges[e].role != anim::EdgeRole::weight) continue;
            view::Vec2 best = screen(view::point_at(lay, int(e), 0.5f));
            auto selects = [&](view::Vec2 p) {
                const view::Hit h = view::hit_test(lay, xf, p);
                return h.kind == view::Hit::Kind::edge && h.index == int(e);
            };
            // Unambiguous: the edge is also what lies 2 px above and below the point.
            for (float f : {0.35f, 0.65f, 0.3f, 0.7f, 0.4f, 0.6f, 0.25f, 0.75f, 0.5f}) {
                const view::Vec2 p = screen(view::point_at(lay, int(e), f));
                if (selects(p) && selects(p + view::Vec2{0, 2}) && selects(p - view::Vec2{0, 2})) { best = p; break; }
            }
            out[node_name(net, lay.graph.edge_ref(int(e)), NameStyle::ascii)] = {best.x, best.y};
        }
        return out;
    }

private:
    ui::App&                                app_;
    std::string                             base_url_;
    bool                                    embed_ = false;
    std::optional<std::vector<std::string>> panels_;
    bool                                    reduced_motion_ = false;
};

struct Bridge {
    std::unique_ptr<AppTarget> target;
    embed::EventTracker        events;
    std::string                reply;   // the last reply; JS copies it before the next call
};
Bridge& bridge()
{
    static Bridge b;
    return b;
}

#ifdef __EMSCRIPTEN__
// clang-format off
EM_JS(char*, gf_js_location, (), {
    const s = JSON.stringify({ query: location.search, hash: location.hash,
                               base: location.href.split(/[?#]/)[0],
                               reducedMotion: !!(window.matchMedia && matchMedia('(prefers-reduced-motion: reduce)').matches) });
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    if (p) stringToUTF8(s, p, n);
    return p;
});
EM_JS(void, gf_js_ready, (const char* info), {
    if (window.gradflowBridge) window.gradflowBridge.ready(Module, JSON.parse(UTF8ToString(info)));
});
EM_JS(void, gf_js_emit, (const char* events), {
    if (window.gradflowBridge) window.gradflowBridge.emit(JSON.parse(UTF8ToString(events)));
});
// clang-format on
#endif

} // namespace

// -----------------------------------------------------------------------------------------------
// [SECTION] Start-up: the link's state
// -----------------------------------------------------------------------------------------------

void start(ui::App& app)
{
#ifdef __EMSCRIPTEN__
    Bridge& b = bridge();
    b.target = std::make_unique<AppTarget>(app);
    char* raw = gf_js_location();
    const auto loc = raw ? nlohmann::json::parse(raw, nullptr, false) : nlohmann::json(nlohmann::json::value_t::discarded);
    std::free(raw);
    const auto get = [&](const char* k) {
        return loc.is_object() && loc.contains(k) && loc[k].is_string() ? loc[k].get<std::string>() : std::string();
    };
    const embed::PageState page = embed::parse_page_url(get("query"), get("hash"));
    const bool reduced = page.reduced_motion.value_or(loc.is_object() && loc.value("reducedMotion", false));
    b.target->set_base_url(get("base"));
    b.target->apply(page, reduced);
    // The toolbar's Share / Embed buttons ask the same dispatcher the JS API uses.
    app.set_share_provider([](bool embed_snippet) {
        Bridge& b = bridge();
        const nlohmann::json r = embed::handle_api_request(
            *b.target, nlohmann::json{{"type", "gradflow"}, {"method", embed_snippet ? "embedSnippet" : "shareUrl"}, {"args", nlohmann::json::array()}});
        return r.contains("result") && r["result"].is_string() ? r["result"].get<std::string>() : std::string();
    });
    b.target->each_frame();

    const nlohmann::json info = {{"problems", page.problems},
                                 {"embed", page.embed},
                                 {"highContrast", page.high_contrast},
                                 {"reducedMotion", reduced},
                                 {"preset", page.preset},
                                 {"ui", true}};
    gf_js_ready(info.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
#else
    (void)app;
#endif
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Per frame: events
// -----------------------------------------------------------------------------------------------

void after_frame(ui::App& app, double now_s, float display_w, float display_h)
{
    (void)app, (void)now_s, (void)display_w, (void)display_h;
#ifdef __EMSCRIPTEN__
    Bridge& b = bridge();
    if (!b.target) return;
    b.target->each_frame();
    const nlohmann::json ev = b.events.poll(*b.target);
    if (!ev.empty()) gf_js_emit(ev.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
#endif
}

} // namespace gf::web

// -----------------------------------------------------------------------------------------------
// [SECTION] The exported entry point
// -----------------------------------------------------------------------------------------------

// One request (JSON text in the wasm heap, see embed/api.hpp) in, the reply out. The reply lives
// until the next call; web/gradflow-api.js copies it at once.
extern "C" const char* gradflow_api(const char* request_json)
{
    auto& b = gf::web::bridge();
    if (!b.target)
        b.reply = R"({"type":"gradflow","id":null,"error":"gradflow is still starting; wait for gradflow.ready"})";
    else
        b.reply = gf::embed::handle_api_request_text(*b.target, request_json ? request_json : "");
    return b.reply.c_str();
}

// The request-size limit and its refusal, for web/gradflow-api.js to check a request before
// copying it into wasm memory: one limit and one message, both in src/embed/api.cpp.
extern "C" double gradflow_api_max_request_bytes() { return double(gf::embed::kMaxRequestBytes); }
extern "C" const char* gradflow_api_oversize(double bytes, const char* id_json)
{
    auto& b = gf::web::bridge();
    b.reply = gf::embed::oversize_reply_text(std::size_t(bytes), id_json ? id_json : "null");
    return b.reply.c_str();
}
