// The page's JavaScript API, as one pure dispatcher: JSON request in, JSON reply out.
//
//   request  {"type": "gradflow", "id": 7, "method": "seek", "args": [2.5]}
//   reply    {"type": "gradflow", "id": 7, "result": …}   or   {"type": "gradflow", "id": 7, "error": "…"}
//
// The same requests arrive from window.gradflow (same origin) and from postMessage (iframes);
// web/gradflow-api.js forwards both to the one exported C function (src/platform/web_api.cpp).
// Every method name, argument count and argument type is checked here before the target is
// touched, so a malformed request is answered with an error and changes nothing.
//
// Methods (args):
//   getState()             eval_json's keys (loss, a, h, output, dW, db, W_next, b_next, loss_next)
//                          plus t, duration, phase, focus, playing; {ok: false, error} when a
//                          value is not a finite number (the error names it)
//   getConfig()            the current config as JSON
//   setConfig(config)      config: object or JSON string → {ok: true} | {ok: false, error}; the
//                          previous network stays on error
//   play() pause() step()  transport; step() moves to the next event and pauses
//   seek(t)                t: number of seconds ≥ 0 (clamped to the timeline)
//   focus(name)            name: "w_212" … or null/"" to clear → {ok, focus} | {ok: false, error}
//   derivation(name, format?)  format: "text" (default) | "markdown" | "latex" → string
//   nodePositions()        {name: [x, y]} CSS-pixel centres of the drawn nodes, and for each
//                          weight a point on its edge that a click selects
//   layout()               what was drawn last frame, CSS px: {canvas: [x0, y0, x1, y1], compact,
//                          sheet ("none" | "controls" | "inspector"), sheetRect, popup, namePx,
//                          nodes: {name: box}, labels: [{node, kind, text, box}], buttons: {label: box}}
//                          (buttons: the named controls — "Share", "Copy LaTeX", "x_1" — for tests' clicks)
//   shareUrl(base?)        a link reproducing the current state (base: origin + pathname)
//   embedSnippet(base?)    an <iframe> snippet for that link
#pragma once

#include "core/config.hpp"
#include "core/json.hpp"
#include "core/names.hpp"
#include "embed/page_state.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gf::embed {

// What the API drives: the app, through an adapter in src/platform/web_api.cpp. Arguments are
// already validated (a config has passed parse_page_config, a focus parse_node on config().net).
class ApiTarget {
public:
    virtual ~ApiTarget() = default;

    virtual const Config& config() const = 0;
    virtual void set_config(const Config& c) = 0; // resets t and focus as the app likes
    // The app's record of config(): its forward/backward trace on the shown sample and the next
    // training step (core's training_step), read rather than computed again.
    virtual const Trace& trace() const = 0;
    virtual const TrainingStep& next_step() const = 0;

    virtual double t() const = 0;
    virtual double duration() const = 0;
    virtual std::string phase() const = 0; // "inputs", "forward", "backward", …
    virtual bool playing() const = 0;
    virtual void play() = 0;
    virtual void pause() = 0;
    virtual void step() = 0;
    virtual void seek(double t) = 0;

    virtual std::optional<NodeRef> focus() const = 0;
    virtual void set_focus(std::optional<NodeRef> n) = 0;

    // The page state that share links carry beyond config/focus/t (view, panels, contrast, …).
    virtual ShareState share_state() const = 0;
    // CSS-pixel centres of the drawn nodes keyed by ASCII name; an empty object when unknown.
    virtual json::Value node_positions() const = 0;
    // What the page drew last frame (see layout() above); empty where there is no drawing.
    virtual json::Value layout() const { return json::Value::object(json::Order::sorted); }
    // Training over a dataset (issue 8): getState()'s epoch, train_loss, test_loss and, for
    // classification, train_accuracy/test_accuracy, plus training and point (an empty object
    // without a dataset); train(on) plays or pauses it ("" when done, else why not).
    virtual json::Value data_state() const { return json::Value::object(json::Order::sorted); }
    virtual std::string train(bool on)
    {
        (void)on;
        return "this page does not train on data";
    }
};

// Answers one request. Never throws; a reply always has "type" and "id" (null when the request
// had no usable id).
json::Value handle_api_request(ApiTarget& target, const json::Value& request);
// The same from text (what crosses the JS/wasm boundary). Text over kMaxRequestBytes, or not
// JSON, is refused without parsing it.
std::string handle_api_request_text(ApiTarget& target, std::string_view request_json);
inline constexpr std::size_t kMaxRequestBytes = std::size_t(4) << 20;
// The reply refusing a request of `bytes` (> kMaxRequestBytes) unread. The page's JavaScript
// measures a request and asks for this before copying anything into wasm memory, so the limit and
// its words live here only. `id_json` is the request's id as JSON when the caller has it (the
// sender matches replies by id); anything but a number, null or a short string becomes null.
std::string oversize_reply_text(std::size_t bytes, std::string_view id_json = "null");

// The state getState() returns, also used for events.
json::Value api_state(const ApiTarget& target);

// Phase and focus changes as events for the page (postMessage to the embedding page, and
// window.gradflow listeners): call poll() once per frame.
//   {"type": "gradflow", "event": "phase", "phase": "backward", "t": 4.1}
//   {"type": "gradflow", "event": "focus", "focus": "w_212"}     (focus null when cleared)
//   {"type": "gradflow", "event": "epoch", "epoch": 12, "train_loss": …, "test_loss": …}  (data training)
class EventTracker {
public:
    json::Value poll(const ApiTarget& target); // an array, usually empty
private:
    bool primed_ = false;
    std::string phase_;
    std::string focus_;
    long epoch_ = -1; // data_state()'s epoch last seen (-1: none): an "epoch" event when it moves
};

std::string focus_name(const Config& c, const std::optional<NodeRef>& n); // ASCII or ""

} // namespace gf::embed
