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

#include "anim/narrate.hpp"
#include "core/json.hpp"
#include "core/names.hpp"
#include "embed/api.hpp"
#include "embed/page_state.hpp"
#include "session/session.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace gf::web {
namespace {

using json::Value;
// The page's objects list their keys in byte order, as they did with nlohmann::json (a std::map).
Value obj(std::initializer_list<json::Member> members = {}) { return Value::object(members, json::Order::sorted); }

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
        out.theme = app_.theme_choice(); // auto is left out of links: the reader's system decides
        out.discretize = app_.discretize();
        out.working = app_.working_text();
        return out;
    }
    // ImGui's screen pixels are the page's CSS pixels.
    Value node_positions() const override
    {
        Value out = obj();
        for (const auto& [name, p] : app_.node_positions()) out[name] = Value::array({p.x, p.y});
        return out;
    }
    Value data_state() const override
    {
        const Session& m = session();
        Value out = obj();
        if (!m.has_data()) return out;
        const DataRun& r = m.data_run();
        out["epoch"] = r.epoch;
        out["training"] = r.running;
        out["point"] = r.point_chosen ? Value(r.point) : Value();
        // A loss that is not a finite number is not reported as one: null with training stopped.
        auto last = [](const std::vector<float>& v) {
            return v.empty() || !std::isfinite(v.back()) ? Value() : Value(double(v.back()));
        };
        out["train_loss"] = last(r.train_loss);
        out["test_loss"] = last(r.test_loss);
        if (r.classification) {
            out["train_accuracy"] = last(r.train_accuracy);
            out["test_accuracy"] = last(r.test_accuracy);
        }
        if (!r.message.empty()) out["training_message"] = r.message;
        return out;
    }
    std::string train(bool on) override { return app_.session().set_data_training(on); }
    Value layout() const override
    {
        const ui::App::LayoutReport r = app_.layout_report();
        Value nodes = obj(), labels = Value::array(), buttons = obj();
        for (const auto& n : r.nodes) nodes[n.node] = box(n.box);
        for (const auto& l : r.labels)
            labels.push_back(obj({{"node", l.node}, {"kind", l.kind}, {"text", l.text}, {"box", box(l.box)}}));
        for (const auto& [name, b] : r.buttons) buttons[name] = box(b);
        Value working = Value::array(), hops = Value::array();
        for (const auto& l : r.working)
            working.push_back(
                obj({{"line", l.node}, {"verdict", l.text}, {"visible", l.kind == "verdict"}, {"box", box(l.box)}}));
        for (const auto& h : r.hops) hops.push_back(obj({{"node", h.node}, {"kind", h.kind}, {"box", box(h.box)}}));
        return obj(
            {{"canvas", box(r.canvas)},
             {"compact", r.compact},
             {"sheet", r.sheet},
             {"sheetRect", r.sheet == "none" ? Value() : box(r.sheet_rect)},
             {"popup", r.popup.empty() ? Value() : Value(r.popup)},
             {"namePx", r.name_px},
             {"nodes", nodes},
             {"labels", labels},
             {"buttons", buttons},
             {"working", working},
             {"hops", hops},
             {"workingMessage", r.working_message},

             {"plane", r.plane.max.x > r.plane.min.x ? box(r.plane) : Value()},
             {"points", data_points(r)},
             {"planeMode", r.plane_mode},
             {"batchLine", r.batch_line},
             {"neuronMaps", neuron_maps(r)},
             {"message", r.message.empty() ? Value() : obj({{"text", r.message}, {"error", r.message_is_error}})},
             {"neuronView", r.neuron_view.node.empty() ? Value()
                                                       : obj({{"node", r.neuron_view.node},
                                                              {"text", r.neuron_view.text},
                                                              {"box", box(r.neuron_view.box)}})}});
    }
    static Value box(const view::Rect& b) { return Value::array({b.min.x, b.min.y, b.max.x, b.max.y}); }
    // The hidden neurons' maps (issue 8): {"a_21": {name: "h_21", box: [x0, y0, x1, y1]}}, screen px.
    static Value neuron_maps(const ui::App::LayoutReport& r)
    {
        Value out = obj();
        for (const auto& m : r.neuron_maps) out[m.node] = obj({{"name", m.text}, {"box", box(m.box)}});
        return out;
    }
    // The data plane's points (issue 8): [{index, kind, x, y}] at their centres, screen px.
    static Value data_points(const ui::App::LayoutReport& r)
    {
        Value out = Value::array();
        for (const auto& p : r.points)
            out.push_back(obj({{"index", std::stoi(p.node.substr(6))},
                               {"kind", p.kind},
                               {"x", (p.box.min.x + p.box.max.x) * 0.5f},
                               {"y", (p.box.min.y + p.box.max.y) * 0.5f}}));
        return out;
    }

    ui::App& app() { return app_; }

private:
    const Session& session() const { return app_.session(); }

    ui::App& app_;
    std::string base_url_;
    bool embed_ = false;
    std::optional<std::vector<std::string>> panels_;
};

// What the page's aria-live region was last told, and for which moment: the sentence is rebuilt
// only when the play head or the timeline moved.
struct Narration {
    std::string said;
    double t = -1.0;
    const void* timeline = nullptr;
    std::size_t events = 0;
};

struct Bridge {
    std::unique_ptr<AppTarget> target;
    PlaneEvaluator* gpu = nullptr; // set_plane_evaluator: for gradflow_test_plane
    std::string gpu_why;
    embed::EventTracker events;
    std::string reply;        // the last reply; JS copies it before the next call
    void (*wake)() = nullptr; // set_wake: the platform's loop, asleep while nothing changes
    Narration narration;
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
// One part of the page's address per call (0 the query, 1 the hash, 2 the address without them),
// as plain text: start-up reads no JSON, so the parser stays out of what a watching reader loads.
EM_JS(char*, gf_js_location, (int part), {
    const s = part == 0 ? location.search : part == 1 ? location.hash : location.href.split(/[?#]/)[0];
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    if (p) stringToUTF8(s, p, n);
    return p;
});
// clang-format on
// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(int, gf_js_media, (const char* query), {
    return window.matchMedia && window.matchMedia(UTF8ToString(query)).matches ? 1 : 0;
});
// clang-format on
// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(void, gf_js_ready, (const char* info), {
    const bridge = window['gradflowBridge'];
    if (bridge) bridge['ready'](Module, JSON.parse(UTF8ToString(info)));
});
// clang-format on
// The body is JavaScript, which clang-format would break (=== becomes == =).
// clang-format off
EM_JS(void, gf_js_emit, (const char* events), {
    const bridge = window['gradflowBridge'];
    if (bridge) bridge['emit'](JSON.parse(UTF8ToString(events)));
});
// clang-format on
// prefers-color-scheme, read each frame from a flag a matchMedia listener keeps current (the
// reader may switch the system theme while the page is open). 1 dark, 0 light.
// clang-format off
EM_JS(int, gf_js_prefers_dark, (), {
    if (!window.matchMedia) return 1;
    if (!Module.gradflowScheme) {
        const mq = window.matchMedia('(prefers-color-scheme: dark)');
        Module.gradflowScheme = { dark: mq.matches };
        // The loop may be asleep (nothing moving): wake it so the new colours are drawn now.
        const update = (e) => { Module.gradflowScheme.dark = e.matches; _gradflow_wake(); };
        if (mq.addEventListener) mq.addEventListener('change', update); else mq.addListener(update);
    }
    return Module.gradflowScheme.dark ? 1 : 0;
});
// clang-format on
// The theme in effect and the sentence for the aria-live region, to the page shell.
// clang-format off
EM_JS(void, gf_js_theme, (int dark), {
    const page = window['gradflowPage'];
    if (page && page['theme']) page['theme'](dark ? 'dark' : 'light');
});
// clang-format on
// "Check my working": the checker is a separate module (muparser, loaded on first use) behind
// window.gradflowTutor.check(text) → Promise<working_json text>. The text is read out of the wasm
// heap at once; the answer (or why it failed) comes back through _malloc into
// gradflow_working_answer with the request's generation, so a late answer to old text is dropped.
// clang-format off
EM_JS(void, gf_js_check_working, (const char* text, int generation), {
    const t = UTF8ToString(text);
    const answer = (s, failed) => {
        const n = lengthBytesUTF8(s) + 1;
        const p = _malloc(n);
        if (!p) return;
        stringToUTF8(s, p, n);
        _gradflow_working_answer(generation, p, failed ? 1 : 0);
        _free(p);
    };
    let pending;
    try {
        // Quoted names: the Closure Compiler renames the page's own unquoted properties.
        const tutor = window['gradflowTutor'];
        if (!tutor || typeof tutor['check'] !== 'function') throw new Error('window.gradflowTutor is not on this page');
        pending = Promise.resolve(tutor['check'](t));
    } catch (e) {
        pending = Promise.reject(e);
    }
    pending.then((s) => answer(typeof s === 'string' ? s : JSON.stringify(s), false),
                 (e) => answer('The checker could not load: ' + String((e && e.message) || e) +
                               '. Reload the page to try again.', true));
});
// clang-format on
// "Load CSV file…": one hidden <input type=file> opened from the button's frame (within the
// click's user activation). Only the first max_bytes + 1 bytes are read (a larger file is refused
// by its size in the App, whatever it holds); the text and the file's real size come back through
// gradflow_csv_file. Quoted names: the Closure Compiler renames unquoted ones.
// clang-format off
EM_JS(void, gf_js_open_csv_file, (double max_bytes), {
    let input = window['gradflowCsvInput'];
    if (!input) {
        input = document.createElement('input');
        input['type'] = 'file';
        input['accept'] = '.csv,.txt,text/csv,text/plain';
        input['id'] = 'gradflow-csv-file';
        input['style']['display'] = 'none';
        document.body.appendChild(input);
        window['gradflowCsvInput'] = input;
        input.addEventListener('change', () => {
            const file = input['files'] && input['files'][0];
            if (!file) return;
            input['value'] = '';  // the same file chosen again is a new change
            const hand = (name, text, size) => {
                const nb = lengthBytesUTF8(name) + 1, tb = lengthBytesUTF8(text) + 1;
                const pn = _malloc(nb), pt = _malloc(tb);
                if (pn && pt) {
                    stringToUTF8(name, pn, nb);
                    stringToUTF8(text, pt, tb);
                    _gradflow_csv_file(pn, pt, size);
                }
                if (pn) _free(pn);
                if (pt) _free(pt);
            };
            const size = file['size'];
            if (size > max_bytes) { hand(file['name'], '', size); return; }
            file['text']().then((text) => hand(file['name'], text, size),
                                (e) => hand(file['name'], '', -1));
        });
    }
    input.click();
});
// clang-format on
// clang-format off
EM_JS(void, gf_js_narrate, (const char* text), {
    const page = window['gradflowPage'];
    if (page && page['narrate']) page['narrate'](UTF8ToString(text));
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
    const auto location = [](int part) {
        char* raw = gf_js_location(part);
        std::string s = raw ? raw : "";
        std::free(raw);
        return s;
    };
    const embed::PageState page = embed::parse_page_url(location(0), location(1));
    const bool reduced = page.reduced_motion.value_or(gf_js_media("(prefers-reduced-motion: reduce)") != 0);
    b.target->set_base_url(location(2));
    b.target->apply(page, reduced);
    // The toolbar's Share / Embed buttons ask the same dispatcher the JS API uses.
    app.set_share_provider([](bool embed_snippet) {
        Bridge& b = bridge();
        const Value r =
            embed::handle_api_request(*b.target, obj({{"type", "gradflow"},
                                                      {"method", embed_snippet ? "embedSnippet" : "shareUrl"},
                                                      {"args", Value::array()}}));
        return r["result"].is_string() ? r["result"].as_string() : std::string();
    });

    app.set_system_dark(gf_js_media("(prefers-color-scheme: dark)") != 0);
    app.set_working_checker([](std::string text, int generation) { gf_js_check_working(text.c_str(), generation); });
    app.set_csv_file_picker([] { gf_js_open_csv_file(double(kMaxCsvBytes)); });

    const Value info = obj({{"problems", page.problems},
                            {"embed", page.embed},
                            {"highContrast", page.high_contrast},
                            {"reducedMotion", reduced},
                            {"preset", page.preset},
                            {"ui", true},
                            {"theme", app.theme() == view::Theme::light ? "light" : "dark"}});
    gf_js_ready(info.dump(-1, true).c_str());
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
    const Value ev = b.events.poll(*b.target);
    if (!ev.empty()) gf_js_emit(ev.dump(-1, true).c_str());

    // The system theme (auto follows it from the next frame) and the page shell's colours.
    ui::App& app = b.target->app();
    app.set_system_dark(gf_js_prefers_dark() != 0);
    static int shell_theme = -1;
    if (shell_theme != int(app.theme())) {
        shell_theme = int(app.theme());
        gf_js_theme(app.theme() == view::Theme::dark);
    }

    // The aria-live region: a new sentence when the play head reached a new event. Silent while
    // reduced-motion autoplay runs (a reader who asked for less motion gets no running
    // commentary); a step pauses, so stepping is always narrated. The page rate-limits.
    const Session& m = app.session();
    Narration& n = b.narration;
    const anim::Timeline& tl = m.timeline();
    if (m.time() == n.t && &tl == n.timeline && tl.events.size() == n.events) return;
    n.t = m.time();
    n.timeline = &tl;
    n.events = tl.events.size();
    if (m.reduced_motion() && m.playing()) return;
    std::string text = anim::narration(tl, m.config().net, m.time());
    if (text == n.said) return;
    n.said = std::move(text);
    gf_js_narrate(n.said.c_str());
#endif
}

void set_wake(void (*wake)()) { bridge().wake = wake; }

void set_plane_evaluator(PlaneEvaluator* gpu, std::string why)
{
    bridge().gpu = gpu;
    bridge().gpu_why = std::move(why);
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
    if (b.wake) b.wake(); // even a question may be followed by an event only a frame sends
    return b.reply.c_str();
}

#ifdef __EMSCRIPTEN__
// The checker's answer to request `generation` (gf_js_check_working): working_json text, or with
// failed = 1 the sentence saying why there is none. Copied before the call returns.
extern "C" EMSCRIPTEN_KEEPALIVE void gradflow_working_answer(int generation, const char* text, int failed)
{
    auto& b = gf::web::bridge();
    if (!b.target) return;
    gf::ui::App& app = b.target->app();
    if (failed)
        app.receive_working_error(generation, text ? text : "");
    else
        app.receive_working_json(generation, text ? text : "");
    if (b.wake) b.wake(); // the loop may be asleep: draw the verdicts now
}
#endif

#ifdef __EMSCRIPTEN__
// A test hook (tests/browser/plane-gpu.test.mjs), not the page's API: the shown network's output
// plane computed `reps` times on the CPU (double) and on the GPU evaluator (float32, readback
// included), as JSON {gpuRan, why, n, cpu: […], gpu: […], cpuMs, gpuMs} with each path's mean time
// per plane. The Session is left with the evaluator it had.
extern "C" EMSCRIPTEN_KEEPALIVE const char* gradflow_test_plane(int reps)
{
    auto& b = gf::web::bridge();
    gf::json::Value out = gf::json::Value::object(gf::json::Order::sorted);
    if (!b.target) {
        out["why"] = "gradflow is still starting";
    } else {
        gf::Session& m = b.target->app().session();
        gf::PlaneEvaluator* installed = m.plane_evaluator();
        const auto run = [&](gf::PlaneEvaluator* e, const char* values, const char* ms) {
            const double t0 = emscripten_get_now();
            for (int i = 0; i < std::max(reps, 1); ++i) {
                m.set_plane_evaluator(e); // the next plane() is computed afresh
                (void)m.plane();
            }
            out[ms] = (emscripten_get_now() - t0) / std::max(reps, 1);
            const gf::Plane& p = m.plane();
            out[values] = p.value;
            out["n"] = p.n;
            out["ok"] = p.ok;
            return p.gpu;
        };
        run(nullptr, "cpu", "cpuMs");
        out["gpuRan"] = b.gpu && run(b.gpu, "gpu", "gpuMs");
        out["why"] = b.gpu ? std::string() : b.gpu_why;
        out["defaultGpu"] = installed != nullptr;
        m.set_plane_evaluator(installed);
    }
    b.reply = out.dump(-1, true);
    return b.reply.c_str();
}

// A file chosen with "Load CSV file…" (gf_js_open_csv_file): its name, its text (empty when it was
// not read: over the limit, or size_bytes = −1 when the browser could not read it) and its size.
extern "C" EMSCRIPTEN_KEEPALIVE void gradflow_csv_file(const char* name, const char* text, double size_bytes)
{
    auto& b = gf::web::bridge();
    if (!b.target) return;
    gf::ui::App& app = b.target->app();
    const std::string file = name ? name : "";
    if (size_bytes < 0)
        app.show_message("The CSV file " + file + " could not be read by the browser. Try again, or paste its text.",
                         true);
    else
        app.receive_csv_file(file, text ? text : "", size_bytes);
    if (b.wake) b.wake(); // the loop may be asleep: show the data (or why not) now
}
#endif

// The page's own listeners (a system theme change) wake the loop, which sleeps while nothing moves.
extern "C" void gradflow_wake()
{
    if (gf::web::bridge().wake) gf::web::bridge().wake();
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
