// libFuzzer target: any bytes as one request to the page's JavaScript API, as postMessage from
// any origin delivers them. The dispatcher must never throw or crash, and every reply must be a
// JSON object {"type": "gradflow", "id", and exactly one of "result" or "error"}.
#include "core/config.hpp"
#include "embed/api.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace {

// Stands in for the app: the dispatcher's contract is that it only calls these with checked
// arguments, so each one checks them again and traps on anything that slipped through.
struct FuzzTarget : gf::embed::ApiTarget {
    gf::Config cfg;
    double now = 0, length = 20;
    bool is_playing = false;
    std::optional<gf::NodeRef> focused;
    mutable gf::Trace record;
    mutable gf::TrainingStep next;

    const gf::Config& config() const override { return cfg; }
    const gf::Trace& trace() const override { return record = gf::forward_backward(cfg.net, cfg.sample()); }
    const gf::TrainingStep& next_step() const override
    {
        return next = gf::training_step(cfg.net, cfg.samples, cfg.learning_rate, cfg.train_biases);
    }
    void set_config(const gf::Config& c) override
    {
        if (!gf::validate_network(c.net).empty()) __builtin_trap();
        cfg = c;
        focused.reset();
        now = 0;
    }
    double t() const override { return now; }
    double duration() const override { return length; }
    std::string phase() const override { return now < 5 ? "forward" : "backward"; }
    bool playing() const override { return is_playing; }
    void play() override { is_playing = true; }
    void pause() override { is_playing = false; }
    void step() override { now = std::min(length, now + 1); }
    void seek(double to) override
    {
        if (!(to >= 0) || !std::isfinite(to)) __builtin_trap();
        now = std::min(to, length);
    }
    std::optional<gf::NodeRef> focus() const override { return focused; }
    void set_focus(std::optional<gf::NodeRef> n) override
    {
        std::string err;
        gf::NodeRef back;
        if (n && !gf::parse_node(cfg.net, gf::node_name(cfg.net, *n), back, err)) __builtin_trap();
        focused = n;
    }
    gf::embed::ShareState share_state() const override { return {}; }
    gf::json::Value node_positions() const override { return gf::json::Value::object(gf::json::Order::sorted); }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const gf::Config seed = gf::preset("seed");
    FuzzTarget target;
    target.cfg = seed;
    const std::string reply =
        gf::embed::handle_api_request_text(target, std::string_view(reinterpret_cast<const char*>(data), size));
    gf::json::Value r;
    if (!gf::json::try_parse(reply, r) || !r.is_object() || r["type"] != "gradflow" || !r.contains("id"))
        __builtin_trap();
    if (r.contains("result") == r.contains("error")) __builtin_trap();
    return 0;
}
