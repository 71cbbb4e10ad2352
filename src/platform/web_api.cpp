// [SECTION] The target: gf::ui::App as an ApiTarget
// [SECTION] Start-up: the link's state
// [SECTION] Per frame: events
// [SECTION] The exported entry point
//
// A thin adapter: the checking, parsing and formatting live in src/embed (pure, tested natively
// and in wasm); the model is the App's Session and the settings the App's accessors. This file
// only forwards gf::embed::ApiTarget's calls to them and moves strings across the JS/wasm
// boundary.
#include "platform/web_api.hpp"

#include "ui/app.hpp"

#include "core/names.hpp"
#include "embed/api.hpp"
#include "embed/page_state.hpp"
#include "session/session.hpp"

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

class AppTarget final : public embed::ApiTarget {
public:
    explicit AppTarget(ui::App& app) : app_(app) {}

    // The link's state, applied once at start-up; the page's own (embed, panels) kept for links.
    void apply(const embed::PageState& page, bool reduced_motion)
    {
        app_.apply_page(page);
        app_.session().set_reduced_motion(reduced_motion);
        embed_ = page.embed;
        panels_ = page.panels;
    }
    void set_base_url(std::string u) { base_url_ = std::move(u); }

    const Config& config() const override { return session().config(); }
    void set_config(const Config& c) override { (void)app_.load_config(c); }
    const Trace& trace() const override { return session().trace(); }
    const TrainingStep& next_step() const override { return session().next_step(); }
    double t() const override { return session().time(); }
    double duration() const override { return session().timeline().duration; }
    std::string phase() const override
    {
        const std::string_view p = session().phase();
        return p.empty() ? "ready" : std::string(p);
    }
    bool playing() const override { return session().playing(); }
    void play() override { app_.session().play(); }
    void pause() override { app_.session().pause(); }
    void step() override { app_.session().step_next(); }
    void seek(double t) override { app_.session().seek(t); }
    std::optional<NodeRef> focus() const override
    {
        const Focus& f = session().focus();
        return f.active ? std::optional<NodeRef>(f.ref) : std::nullopt;
    }
    void set_focus(std::optional<NodeRef> n) override
    {
        (void)app_.session().set_focus(n ? node_name(config().net, *n, NameStyle::ascii) : std::string());
    }
    embed::ShareState share_state() const override
    {
        embed::ShareState out;
        out.base_url = base_url_;
        out.view = app_.view_mode();
        out.speed = session().transport().speed;
        out.autoplay = session().playing(); // a paused picture stays paused at t when the link opens
        out.embed = embed_;
        out.panels = panels_;
        out.high_contrast = app_.palette() == view::Palette::high_contrast;
        return out;
    }
    // ImGui's screen pixels are the page's CSS pixels.
    nlohmann::json node_positions() const override
    {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [name, p] : app_.node_positions()) out[name] = {p.x, p.y};
        return out;
    }
    nlohmann::json widget_positions() const override
    {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [name, r] : app_.widget_positions())
            out[name] = {r.min.x, r.min.y, r.max.x - r.min.x, r.max.y - r.min.y};
        return out;
    }

private:
    const Session& session() const { return app_.session(); }

    ui::App& app_;
    std::string base_url_;
    bool embed_ = false;
    std::optional<std::vector<std::string>> panels_;
};

struct Bridge {
    std::unique_ptr<AppTarget> target;
    embed::EventTracker events;
    std::string reply; // the last reply; JS copies it before the next call
};
Bridge& bridge()
{
    static Bridge b;
    return b;
}

#ifdef __EMSCRIPTEN__
// clang-format off
// The body is JavaScript, which clang-format would break (=== becomes == =).
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
// clang-format on
// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(void, gf_js_ready, (const char* info), {
    if (window.gradflowBridge) window.gradflowBridge.ready(Module, JSON.parse(UTF8ToString(info)));
});
// clang-format on
// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(void, gf_js_emit, (const char* events), {
    if (window.gradflowBridge) window.gradflowBridge.emit(JSON.parse(UTF8ToString(events)));
});
// clang-format on
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
    const auto loc =
        raw ? nlohmann::json::parse(raw, nullptr, false) : nlohmann::json(nlohmann::json::value_t::discarded);
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
        const nlohmann::json r =
            embed::handle_api_request(*b.target, nlohmann::json{{"type", "gradflow"},
                                                                {"method", embed_snippet ? "embedSnippet" : "shareUrl"},
                                                                {"args", nlohmann::json::array()}});
        return r.contains("result") && r["result"].is_string() ? r["result"].get<std::string>() : std::string();
    });

    const nlohmann::json info = {
        {"problems", page.problems}, {"embed", page.embed},   {"highContrast", page.high_contrast},
        {"reducedMotion", reduced},  {"preset", page.preset}, {"ui", true}};
    gf_js_ready(info.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
#else
    (void)app;
#endif
}

// -----------------------------------------------------------------------------------------------
// [SECTION] Per frame: events
// -----------------------------------------------------------------------------------------------

void after_frame()
{
#ifdef __EMSCRIPTEN__
    Bridge& b = bridge();
    if (!b.target) return;
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
