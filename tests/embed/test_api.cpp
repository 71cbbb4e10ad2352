#include "embed/api.hpp"
#include "embed/base64url.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gf;
using namespace gf::embed;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using gf::json::Value;

namespace {
Value obj(std::initializer_list<gf::json::Member> m) { return Value::object(m, gf::json::Order::sorted); }
// A request written as JSON text.
Value req(std::string_view text) { return gf::json::parse(text); }
} // namespace

namespace {

// Records what the dispatcher did to it, so "changes nothing" can be checked.
struct FakeTarget : ApiTarget {
    Config cfg = preset("seed");
    double now = 0, length = 20;
    bool is_playing = false;
    std::optional<NodeRef> focused;
    int changes = 0;
    mutable Trace record;
    mutable TrainingStep next;

    const Config& config() const override { return cfg; }
    // Computed on each call, as the app's record would be after every change of cfg.
    const Trace& trace() const override { return record = forward_backward(cfg.net, cfg.sample()); }
    const TrainingStep& next_step() const override
    {
        return next = training_step(cfg.net, cfg.samples, cfg.learning_rate, cfg.train_biases);
    }
    void set_config(const Config& c) override
    {
        cfg = c;
        focused.reset();
        now = 0;
        ++changes;
    }
    double t() const override { return now; }
    double duration() const override { return length; }
    std::string phase() const override { return now < 5 ? "forward" : now < 10 ? "backward" : "update"; }
    bool playing() const override { return is_playing; }
    void play() override
    {
        is_playing = true;
        ++changes;
    }
    void pause() override
    {
        is_playing = false;
        ++changes;
    }
    void step() override
    {
        now = std::min(length, now + 1);
        is_playing = false;
        ++changes;
    }
    void seek(double to) override
    {
        now = std::clamp(to, 0.0, length);
        ++changes;
    }
    std::optional<NodeRef> focus() const override { return focused; }
    void set_focus(std::optional<NodeRef> n) override
    {
        focused = n;
        ++changes;
    }
    ShareState share_state() const override
    {
        ShareState s;
        s.base_url = "https://x.test/";
        return s;
    }
    Value node_positions() const override { return obj({{"x_1", Value::array({10, 20})}}); }
};

Value call(ApiTarget& t, std::string method, std::initializer_list<Value> args = {}, Value id = 1)
{
    return handle_api_request(
        t, obj({{"type", "gradflow"}, {"id", id}, {"method", method}, {"args", Value::array(args)}}));
}

} // namespace

TEST_CASE("api: getState has eval's keys plus t, phase, focus")
{
    FakeTarget t;
    const Value r = call(t, "getState");
    REQUIRE(r.contains("result"));
    CHECK(r["type"] == "gradflow");
    CHECK(r["id"] == 1);
    const Value& s = r["result"];
    for (const char* k :
         {"loss", "a", "h", "output", "dW", "db", "W_next", "b_next", "loss_next", "t", "phase", "focus"})
        CHECK(s.contains(k));
    CHECK_THAT(s["loss"].as_double(), WithinAbs(0.0903693617082709, 1e-12));
    CHECK(s["focus"].is_null());
    CHECK(s["phase"] == "forward");
}

TEST_CASE("api: getState answers {ok: false, error} naming a value that overflowed, not null")
{
    FakeTarget t;
    t.cfg =
        parse_config(R"({"layers":[2,1],"activations":["linear"],"loss":"sse","W":[[[1e308,1]]],"x":[1,1],"y":[0]})");
    const Value r = call(t, "getState");
    REQUIRE(r.contains("result"));
    CHECK(r["result"]["ok"] == false);
    CHECK_THAT(r["result"]["error"].as_string(), Contains("the loss L is inf"));
    // And through the text door the page uses: no null anywhere in the reply.
    const std::string text = handle_api_request_text(t, R"({"type":"gradflow","id":2,"method":"getState"})");
    CHECK(text.find("null") == std::string::npos);

    const Value d = call(t, "derivation", {"w_111"});
    REQUIRE(d.contains("error"));
    CHECK_THAT(d["error"].as_string(), Contains("the loss L is inf"));

    t.cfg = parse_config(
        R"({"layers":[2,1],"activations":["linear"],"loss":"sse","W":[[[0.5,1]]],"x":[1,1],"y":[0],"learning_rate":1e308})");
    CHECK_THAT(call(t, "getState")["result"]["error"].as_string(), Contains("learning_rate"));
}

TEST_CASE("api: setConfig takes an object or text, and keeps the network on error")
{
    FakeTarget t;
    Value r = call(t, "setConfig", {gf::json::parse(config_to_json(preset("mazur")))});
    CHECK(r["result"] == obj({{"ok", true}}));
    CHECK(t.cfg == preset("mazur"));
    CHECK_THAT(call(t, "getState")["result"]["loss_next"].as_double(), WithinAbs(0.2910277737, 1e-9));

    const int before = t.changes;
    r = call(t, "setConfig", {"{\"layers\": [2]}"});
    CHECK(r["result"]["ok"] == false);
    CHECK(r["result"]["error"].as_string().size() > 10);
    r = call(t, "setConfig",
             {req(R"({"layers": [1000, 1000, 1000], "activations": ["relu", "linear"], "loss": "mse", "x": [0],
                      "y": [0]})")});
    CHECK_THAT(r["result"]["error"].as_string(), Contains("at most 100000"));
    CHECK(t.changes == before);
    CHECK(t.cfg == preset("mazur"));
}

TEST_CASE("api: transport and focus")
{
    FakeTarget t;
    CHECK(call(t, "play")["result"]["ok"] == true);
    CHECK(t.is_playing);
    call(t, "pause");
    CHECK_FALSE(t.is_playing);
    CHECK(call(t, "seek", {7.5})["result"]["t"] == 7.5);
    CHECK(call(t, "step")["result"]["phase"] == "backward");
    Value r = call(t, "focus", {"W2[1,2]"});
    CHECK(r["result"]["focus"] == "w_212");
    CHECK(call(t, "getState")["result"]["focus"] == "w_212");
    CHECK(call(t, "focus", {nullptr})["result"]["focus"].is_null());
    CHECK(call(t, "nodePositions")["result"]["x_1"][0] == 10);
}

TEST_CASE("api: derivation in three formats")
{
    FakeTarget t;
    const std::string text = call(t, "derivation", {"w_212"})["result"].as_string();
    CHECK_THAT(text, Contains("2 paths") && Contains("-0.137723376"));
    const std::string latex = call(t, "derivation", {"w_212", "latex"})["result"].as_string();
    CHECK_THAT(latex, Contains("\\partial"));
    // The seed's w_212 (README): two paths of -0.0688616882 each, one table row per path, their
    // sum equal to backprop's -0.137723376.
    const std::string md = call(t, "derivation", {"w_212", "markdown"})["result"].as_string();
    CHECK_THAT(md, Contains("2 paths from") && Contains("| 1 | $") && Contains("| 2 | $") && !Contains("| 3 | $"));
    CHECK_THAT(md, Contains("-0.0688616882") && Contains("**Sum of 2 paths:** $-0.137723376") &&
                       Contains("**Backprop:** $-0.137723376") && Contains("agrees"));
}

TEST_CASE("api: shareUrl and embedSnippet reflect the state")
{
    FakeTarget t;
    call(t, "focus", {"w_212"});
    call(t, "seek", {2});
    CHECK(call(t, "shareUrl")["result"] == "https://x.test/?focus=w_212&t=2");
    CHECK(call(t, "shareUrl", {"https://y.test/p"})["result"] == "https://y.test/p?focus=w_212&t=2");
    CHECK_THAT(call(t, "embedSnippet")["result"].as_string(), Contains("<iframe") && Contains("embed=1"));
}

TEST_CASE("api: malformed requests are answered with an error and change nothing")
{
    FakeTarget t;
    const Config before = t.cfg;
    const int changes = t.changes;
    const Value bad[] = {
        req(R"("play")"),
        req(R"([1, 2])"),
        req(R"({"id": 3, "method": "play"})"), // no type
        req(R"({"type": "other", "id": 3, "method": "play"})"),
        req(R"({"type": "gradflow", "id": 3})"), // no method
        req(R"({"type": "gradflow", "id": 3, "method": 42})"),
        req(R"({"type": "gradflow", "id": 3, "method": "explode"})"),
        req(R"({"type": "gradflow", "id": 3, "method": "__proto__"})"),
        req(R"({"type": "gradflow", "id": 3, "method": "play", "args": [1]})"),
        req(R"({"type": "gradflow", "id": 3, "method": "play", "args": "now"})"),
        req(R"({"type": "gradflow", "id": 3, "method": "seek", "args": ["abc"]})"),
        req(R"({"type": "gradflow", "id": 3, "method": "seek", "args": [-1]})"),
        req(R"({"type": "gradflow", "id": 3, "method": "seek", "args": []})"),
        req(R"({"type": "gradflow", "id": 3, "method": "focus", "args": ["w_999"]})"),
        req(R"({"type": "gradflow", "id": 3, "method": "focus", "args": [12]})"),
        req(R"({"type": "gradflow", "id": 3, "method": "setConfig", "args": [12]})"),
        req(R"({"type": "gradflow", "id": 3, "method": "derivation", "args": ["w_212", "pdf"]})"),
        req(R"({"type": "gradflow", "id": 3, "method": "derivation", "args": ["L"]})"),
        req(R"({"type": "gradflow", "id": {"a": 1}, "method": "play"})"),
    };
    for (const Value& request : bad) {
        INFO(request.dump());
        const Value r = handle_api_request(t, request);
        CHECK(r["type"] == "gradflow");
        CHECK(r.contains("error"));
        CHECK_FALSE(r.contains("result"));
        CHECK(r["error"].as_string().size() > 5);
    }
    CHECK(t.changes == changes);
    CHECK(t.cfg == before);

    // From text: not JSON, too long.
    CHECK_THAT(handle_api_request_text(t, "{nope"), Contains("not JSON"));
    CHECK_THAT(handle_api_request_text(t, std::string(5 << 20, ' ')), Contains("KiB"));
    const Value ok = gf::json::parse(handle_api_request_text(t, R"({"type":"gradflow","id":"a","method":"getState"})"));
    CHECK(ok["id"] == "a");
    CHECK(ok.contains("result"));
}

TEST_CASE("api: events when the phase or the focus changes")
{
    FakeTarget t;
    EventTracker ev;
    CHECK(ev.poll(t).empty()); // the first poll only primes
    CHECK(ev.poll(t).empty());
    t.now = 6;
    Value e = ev.poll(t);
    REQUIRE(e.size() == 1);
    CHECK(e[0]["event"] == "phase");
    CHECK(e[0]["phase"] == "backward");
    call(t, "focus", {"b_21"});
    e = ev.poll(t);
    REQUIRE(e.size() == 1);
    CHECK(e[0]["event"] == "focus");
    CHECK(e[0]["focus"] == "b_21");
}

namespace {

// A target training on data (issue 8): its data_state() and train() as the app's adapter gives them.
struct DataTarget : FakeTarget {
    bool training = false;
    long epoch = 0;
    Value data_state() const override
    {
        return obj({{"epoch", epoch}, {"training", training}, {"train_loss", 0.25}, {"test_loss", 0.5}});
    }
    std::string train(bool on) override
    {
        training = on;
        return {};
    }
};

} // namespace

TEST_CASE("api: getState adds data_state's epoch and losses, train(on) drives it, an epoch event follows")
{
    DataTarget t;
    Value s = call(t, "getState")["result"];
    CHECK(s["epoch"] == 0);
    CHECK(s["train_loss"] == 0.25);
    CHECK(s["test_loss"] == 0.5);
    CHECK(s["training"] == false);
    CHECK(call(t, "train", {true})["result"]["ok"] == true);
    CHECK(t.training);
    const Value bad = call(t, "train", {"yes"});
    CHECK(bad.dump().find("true to start") != std::string::npos);
    FakeTarget plain;
    CHECK_FALSE(call(plain, "getState")["result"].contains("epoch")); // no data: no keys

    EventTracker events;
    CHECK(events.poll(t).empty());
    t.epoch = 3;
    const Value e = events.poll(t);
    REQUIRE(e.size() == 1);
    CHECK(e[0]["event"] == "epoch");
    CHECK(e[0]["epoch"] == 3);
}
