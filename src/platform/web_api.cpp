// [SECTION] The target: what the API drives
// [SECTION] Start-up: the link's state
// [SECTION] Per frame: events
// [SECTION] The exported entry point
//
// TRANSITIONAL (until gf::ui::App exposes focus/phase/positions getters): the API keeps a model
// of its own here — the config, its timeline and transport, the focus — so the numbers, the URL
// state, the postMessage protocol and their tests work end to end, and forwards every change to
// the App's operations that exist (app_* below), reading the App's clock back each frame.
// Replacing Model with a thin adapter over App is the only change needed then; everything else
// (src/embed, web/gradflow-api.js) stays.
#include "platform/web_api.hpp"

#include "ui/app.hpp"

#include "anim/timeline.hpp"
#include "anim/transport.hpp"
#include "core/paths.hpp"
#include "embed/api.hpp"
#include "embed/page_state.hpp"
#include "view/layout.hpp"

#include <nlohmann/json.hpp>

#include <concepts>
#include <functional>
#include <vector>
#include <memory>
#include <string>
#include <string_view>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace gf::web {
namespace {

// -----------------------------------------------------------------------------------------------
// [SECTION] The target: what the API drives
// -----------------------------------------------------------------------------------------------

std::string_view section_name(anim::Section s)
{
    switch (s) {
    case anim::Section::none: return "ready";
    case anim::Section::inputs: return "inputs";
    case anim::Section::forward: return "forward";
    case anim::Section::backward: return "backward";
    case anim::Section::walk: return "walk";
    case anim::Section::update: return "update";
    case anim::Section::done: return "done";
    }
    return "ready";
}

// The App's operations as far as it has them (ui/app.hpp is being extended alongside this file):
// each call is forwarded when App declares it and skipped otherwise, so the picture follows the
// API as soon as the UI lands, without a flag day. Templates make the requires-checks soft.
template <class A> void app_set_config(A& a, const std::string& json)
{
    if constexpr (requires { a.set_config(std::string_view(json)); }) (void)a.set_config(std::string_view(json));
}
template <class A> void app_focus(A& a, const std::string& name)
{
    if constexpr (requires { a.focus(std::string_view(name)); }) (void)a.focus(std::string_view(name));
}
template <class A> void app_play(A& a, bool on)
{
    if constexpr (requires { a.play(); a.pause(); }) { if (on) a.play(); else a.pause(); }
}
template <class A> void app_seek(A& a, double t)
{
    if constexpr (requires { a.seek(t); }) a.seek(t);
}
template <class A> void app_step(A& a)
{
    if constexpr (requires { a.step_next(); }) a.step_next();
}
template <class A> std::optional<double> app_time(const A& a)
{
    if constexpr (requires { { a.time() } -> std::convertible_to<double>; }) return a.time();
    return std::nullopt;
}
// Page options the App may take (names proposed to the UI; skipped until they exist).
template <class A> void app_page_options(A& a, const embed::PageState& page, bool reduced_motion)
{
    if constexpr (requires { a.set_reduced_motion(true); }) a.set_reduced_motion(reduced_motion);
    if constexpr (requires { a.set_high_contrast(true); }) a.set_high_contrast(page.high_contrast);
    if constexpr (requires { a.set_embed_mode(true); }) a.set_embed_mode(page.embed);
    if constexpr (requires { a.set_view(std::string_view()); }) a.set_view(embed::view_name(page.view));
    if constexpr (requires { a.set_speed(1.0); }) a.set_speed(page.speed);
    if constexpr (requires { a.set_panels(std::vector<std::string>()); })
        if (page.panels) a.set_panels(*page.panels);
}
template <class A> std::optional<std::string> app_focus_name(const A& a)
{
    if constexpr (requires { { a.focus_name() } -> std::convertible_to<std::string>; }) return std::string(a.focus_name());
    return std::nullopt;
}
template <class A> std::optional<std::string> app_phase(const A& a)
{
    if constexpr (requires { { a.phase() } -> std::convertible_to<std::string>; }) return std::string(a.phase());
    return std::nullopt;
}
// node_positions(): a range of {name, x, y} in logical (= CSS) pixels, nodes and weight-edge middles.
template <class A> std::optional<nlohmann::json> app_positions(const A& a)
{
    if constexpr (requires { a.node_positions(); }) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& p : a.node_positions()) out[std::string(p.name)] = {p.x, p.y};
        return out;
    }
    return std::nullopt;
}
// The Share / Embed buttons: the App calls handler(embed_snippet) and the page copies the text.
template <class A, class F> void app_share_handler(A& a, F&& handler)
{
    if constexpr (requires { a.set_share_handler(std::function<void(bool)>()); })
        a.set_share_handler(std::function<void(bool)>(std::forward<F>(handler)));
}

template <class A> constexpr bool app_has_operations()
{
    return requires(A& a) { a.set_config(std::string_view()); a.focus(std::string_view()); a.seek(0.0); };
}

class Model final : public embed::ApiTarget {
public:
    explicit Model(gf::ui::App& app) : app_(app) {}

    void apply(const embed::PageState& page)
    {
        page_ = page;
        cfg_ = page.config;
        focus_ = page.focus;
        rebuild();
        transport_.speed = page.speed;
        if (page.t) transport_.seek(timeline_, *page.t);
        transport_.playing = page.autoplay;
        app_set_config(app_, config_to_json(cfg_, -1));
        if (focus_) app_focus(app_, page.focus_name);
        if (page.t) app_seek(app_, *page.t);
        app_play(app_, page.autoplay);
    }
    // The app's clock wins once it has one (it advances t itself); phase is read at that t.
    void sync_from_app()
    {
        if (auto t = app_time(app_)) transport_.t = *t;
        // A click on the canvas focuses in the App; follow it (names are the App's ASCII ones).
        if (auto name = app_focus_name(app_)) {
            NodeRef ref;
            std::string error;
            std::optional<NodeRef> now;
            if (!name->empty() && parse_node(cfg_.net, *name, ref, error)) now = ref;
            if (now != focus_) set_focus(now);   // compared as NodeRefs: the App may write ŷ_1
        }
    }
    void set_reduced_motion(bool on) { reduced_motion_ = on; timeline_.reduced_motion = on; }
    void set_display(float w, float h) { display_w_ = w; display_h_ = h; }
    void advance(double dt) { transport_.advance(timeline_, dt); }

    const Config& config() const override { return cfg_; }
    void set_config(const Config& c) override
    {
        cfg_ = c;
        focus_.reset();
        transport_.t = 0;
        transport_.playing = false;
        rebuild();
        app_set_config(app_, config_to_json(c, -1));
    }
    double t() const override { return transport_.t; }
    double duration() const override { return timeline_.duration; }
    std::string phase() const override
    {
        if (auto p = app_phase(app_)) return *p;
        const int i = anim::phase_index(timeline_, transport_.t);
        return std::string(i < 0 ? section_name(anim::Section::none) : section_name(timeline_.events[std::size_t(i)].section));
    }
    bool playing() const override { return transport_.playing; }
    void play() override { if (!transport_.playing) transport_.toggle(timeline_); app_play(app_, true); }
    void pause() override { transport_.playing = false; app_play(app_, false); }
    void step() override
    {
        transport_.step_next(timeline_, true);
        app_seek(app_, transport_.t);   // the API's step is a phase; the app's may be finer
        app_play(app_, false);
    }
    void seek(double t) override { transport_.seek(timeline_, t); app_seek(app_, transport_.t); }
    std::optional<NodeRef> focus() const override { return focus_; }
    void set_focus(std::optional<NodeRef> n) override
    {
        focus_ = n;
        const double t = transport_.t;
        rebuild();
        transport_.seek(timeline_, t);
        app_focus(app_, n ? node_name(cfg_.net, *n, NameStyle::ascii) : std::string());
    }
    embed::ShareState share_state() const override
    {
        embed::ShareState s;
        s.base_url = base_url_;
        s.view = page_.view;
        s.speed = transport_.speed;
        s.embed = page_.embed;
        s.panels = page_.panels;
        s.high_contrast = page_.high_contrast;
        return s;
    }
    nlohmann::json node_positions() const override
    {
        if (auto p = app_positions(app_)) return *p;
        // Where the UI would lay the graph out on the whole canvas (no pan/zoom).
        const view::Layout lay = view::layout_graph(timeline_.graph, view::Rect{{0, 0}, {display_w_, display_h_}});
        nlohmann::json out = nlohmann::json::object();
        for (std::size_t i = 0; i < lay.nodes.size(); ++i)
            out[node_name(cfg_.net, lay.graph.node_ref(int(i)), NameStyle::ascii)] = {lay.nodes[i].x, lay.nodes[i].y};
        for (std::size_t e = 0; e < lay.edges.size(); ++e)
            if (lay.graph.edges[e].role == anim::EdgeRole::weight) {
                const view::Vec2 m = view::point_at(lay, int(e), 0.5f);
                out[node_name(cfg_.net, lay.graph.edge_ref(int(e)), NameStyle::ascii)] = {m.x, m.y};
            }
        return out;
    }
    void set_base_url(std::string u) { base_url_ = std::move(u); }

private:
    void rebuild()
    {
        const Trace trace = forward_backward(cfg_.net, cfg_.sample());
        Network next = cfg_.net;
        sgd_step(next, trace.dW, trace.db, cfg_.learning_rate, cfg_.train_biases);
        anim::TimelineInput in;
        in.net = &cfg_.net;
        in.trace = &trace;
        in.next = &next;
        PathSet paths;
        if (focus_ && focus_->kind != NodeKind::loss) {
            paths = enumerate_paths(cfg_.net, trace, *focus_, 16);
            in.focus = &paths;
        }
        timeline_ = anim::make_timeline(in);
        timeline_.reduced_motion = reduced_motion_;
    }

    gf::ui::App&           app_;   // the picture: mirrors every change made here
    embed::PageState       page_;
    Config                 cfg_;
    std::optional<NodeRef> focus_;
    anim::Timeline         timeline_;
    anim::Transport        transport_;
    bool                   reduced_motion_ = false;
    float                  display_w_ = 1280, display_h_ = 720;
    std::string            base_url_;
};

struct Bridge {
    std::unique_ptr<Model> model;
    embed::EventTracker    events;
    std::string            reply;        // the last reply; JS copies it before the next call
    double                 last_now = -1;
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
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(void, gf_js_ready, (const char* info), {
    if (window.gradflowBridge) window.gradflowBridge.ready(Module, JSON.parse(UTF8ToString(info)));
});
EM_JS(void, gf_js_copy, (const char* text, int is_snippet), {
    if (window.gradflowPage) window.gradflowPage.copy(UTF8ToString(text), !!is_snippet);
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

void start(gf::ui::App& app)
{
#ifdef __EMSCRIPTEN__
    Bridge& b = bridge();
    b.model = std::make_unique<Model>(app);
    char* raw = gf_js_location();
    const auto loc = nlohmann::json::parse(raw, nullptr, false);
    std::free(raw);
    const auto get = [&](const char* k) { return loc.is_object() && loc.contains(k) && loc[k].is_string() ? loc[k].get<std::string>() : std::string(); };
    embed::PageState page = embed::parse_page_url(get("query"), get("hash"));
    const bool browser_reduced = loc.is_object() && loc.value("reducedMotion", false);
    b.model->set_base_url(get("base"));
    b.model->set_reduced_motion(page.reduced_motion.value_or(browser_reduced));
    b.model->apply(page);
    app_page_options(app, page, page.reduced_motion.value_or(browser_reduced));
    app_share_handler(app, [](bool snippet) {
        Bridge& br = bridge();
        if (!br.model) return;
        const auto r = embed::handle_api_request(*br.model, {{"type", "gradflow"}, {"id", 0},
                                                 {"method", snippet ? "embedSnippet" : "shareUrl"}});
        if (r.contains("result")) gf_js_copy(r["result"].get<std::string>().c_str(), snippet ? 1 : 0);
    });

    nlohmann::json info = {{"problems", page.problems},
                           {"embed", page.embed},
                           {"highContrast", page.high_contrast},
                           {"reducedMotion", page.reduced_motion.value_or(browser_reduced)},
                           {"preset", page.preset},
                           // false while the API drives its own model (see the top of this file)
                           {"ui", app_has_operations<gf::ui::App>()}};
    gf_js_ready(info.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
#else
    (void)app;
#endif
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Per frame: events
// -----------------------------------------------------------------------------------------------

void after_frame(gf::ui::App& app, double now_s, float display_w, float display_h)
{
    (void)app;
#ifdef __EMSCRIPTEN__
    Bridge& b = bridge();
    if (!b.model) return;
    b.model->set_display(display_w, display_h);
    if (b.last_now >= 0) b.model->advance(std::min(now_s - b.last_now, 0.25));
    b.model->sync_from_app();
    b.last_now = now_s;
    const nlohmann::json ev = b.events.poll(*b.model);
    if (!ev.empty()) gf_js_emit(ev.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
#else
    (void)now_s, (void)display_w, (void)display_h;
#endif
}

} // namespace gf::web

// -----------------------------------------------------------------------------------------------
// [SECTION] The exported entry point
// -----------------------------------------------------------------------------------------------

// One request (JSON text, see embed/api.hpp) in, the reply out. The reply lives until the next
// call; web/gradflow-api.js copies it at once (cwrap's 'string' return type does).
extern "C" const char* gradflow_api(const char* request_json)
{
    auto& b = gf::web::bridge();
    if (!b.model) {
        b.reply = R"({"type":"gradflow","id":null,"error":"gradflow is still starting; wait for gradflow.ready"})";
    } else {
        b.reply = gf::embed::handle_api_request_text(*b.model, request_json ? request_json : "");
    }
    return b.reply.c_str();
}
