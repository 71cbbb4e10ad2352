// Huge and hostile input to the page's pure layer (issue 12): the request-size refusal the page's
// JavaScript asks for before copying anything into wasm memory, the parameter-count pre-check
// whatever the spelling of the layer sizes, focusing L, and the base a share link may carry.
#include "embed/api.hpp"
#include "embed/page_state.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace gf;
using namespace gf::embed;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using gf::json::parse;
using gf::json::Value;

namespace {

struct FakeTarget : ApiTarget {
    Config cfg = preset("seed");
    double now = 0;
    std::optional<NodeRef> focused;
    std::string base = "https://x.test/course/";
    int changes = 0;
    mutable Trace record;
    mutable TrainingStep next;

    const Config& config() const override { return cfg; }
    const Trace& trace() const override { return record = forward_backward(cfg.net, cfg.sample()); }
    const TrainingStep& next_step() const override
    {
        return next = training_step(cfg.net, cfg.samples, cfg.learning_rate, cfg.train_biases);
    }
    void set_config(const Config& c) override
    {
        cfg = c;
        focused.reset();
        ++changes;
    }
    double t() const override { return now; }
    double duration() const override { return 20; }
    std::string phase() const override { return "forward"; }
    bool playing() const override { return false; }
    void play() override { ++changes; }
    void pause() override { ++changes; }
    void step() override { ++changes; }
    void seek(double to) override
    {
        now = to;
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
        s.base_url = base;
        return s;
    }
    Value node_positions() const override { return Value::object(gf::json::Order::sorted); }
};

Value call(ApiTarget& t, std::string method, std::initializer_list<Value> args = {})
{
    return handle_api_request(
        t, Value::object({{"type", "gradflow"}, {"id", 9}, {"method", method}, {"args", Value::array(args)}},
                         gf::json::Order::sorted));
}

// Eleven layers of 1024: 10 × 1024 × 1025 = 10,496,000 parameters, under the core's 11.5 M limit
// (so the core would build it) and far over the page's 100,000.
std::string big_layers(const char* spelling)
{
    std::string l;
    for (int i = 0; i < 11; ++i) l += std::string(i ? ", " : "") + spelling;
    return "[" + l + "]";
}

} // namespace

TEST_CASE("hostile: a request over the limit is refused with one message, whoever measures it")
{
    FakeTarget t;
    const std::size_t over = kMaxRequestBytes + 1;
    const std::string from_text = handle_api_request_text(t, std::string(over, ' '));
    const std::string from_size = oversize_reply_text(over);
    CHECK(from_text == from_size); // the text path and the size-only path (the page's JS) agree
    const Value r = parse(from_size);
    CHECK(r["type"] == "gradflow");
    CHECK(r["id"].is_null());
    // Rounded up: one byte over the limit must not read "4096 KiB; at most 4096 KiB".
    CHECK_THAT(r["error"].as_string(),
               Contains("4097 KiB") && Contains("at most 4096 KiB") && Contains("100000 parameters"));
    CHECK(t.changes == 0);

    // The id, when the caller could see it, comes back so the sender can match the reply.
    CHECK(parse(oversize_reply_text(50u << 20, "7"))["id"] == 7);
    CHECK(parse(oversize_reply_text(50u << 20, "\"req-1\""))["id"] == "req-1");
    CHECK_THAT(parse(oversize_reply_text(50u << 20, "7"))["error"].as_string(), Contains("51200 KiB"));
    // The same rule for ids as for requests that are read: an object, a long string or no JSON → null.
    CHECK(parse(oversize_reply_text(over, R"({"a": 1})"))["id"].is_null());
    CHECK(parse(oversize_reply_text(over, "\"" + std::string(300, 'x') + "\""))["id"].is_null());
    CHECK(parse(oversize_reply_text(over, "{nope"))["id"].is_null());
    // At the limit, a request is read.
    CHECK(parse(handle_api_request_text(t, std::string(kMaxRequestBytes, ' ')))["error"] == "the request is not JSON");
}

TEST_CASE("hostile: layer sizes written as floats meet the same cheap pre-check as integers")
{
    const std::string rest = R"(, "activations": ["relu"], "loss": "mse", "x": [0], "y": [0]})";
    // The activations are one short of the ten layers: parse_config would say so, so a limit
    // message proves the pre-check answered before the core parsed (and built) anything.
    for (const char* spelling : {"1024", "1024.0", "1.024e3", "1024.000"}) {
        INFO(spelling);
        const std::string text = R"({"layers": )" + big_layers(spelling) + rest;
        const auto start = std::chrono::steady_clock::now();
        try {
            (void)parse_page_config(text);
            FAIL("a 10.5 M-parameter network was accepted");
        } catch (const ConfigError& e) {
            CHECK(std::string(e.what()) == "the network has 10496000 parameters; the page shows at most 100000 (use "
                                           "gradflow-cli for larger ones)");
        }
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        CHECK(ms < 1000); // no 10.5 M weights initialised (that takes seconds under sanitizers)
    }
    // Not whole numbers, or out of range: no pre-check guess; the core names the problem.
    for (const char* spelling : {"1024.5", "-1024", "1e300"}) {
        INFO(spelling);
        CHECK_THROWS_WITH(parse_page_config(R"({"layers": )" + big_layers(spelling) + rest), Contains("layers[0]"));
    }
    // Through the API too, and the network stays.
    FakeTarget t;
    const Value r = call(t, "setConfig", {parse(R"({"layers": )" + big_layers("1024.0") + rest)});
    CHECK(r["result"]["ok"] == false);
    CHECK_THAT(r["result"]["error"].as_string(), Contains("at most 100000"));
    CHECK(t.changes == 0);
}

TEST_CASE("hostile: L cannot be focused, and both the API and the link say so")
{
    FakeTarget t;
    call(t, "focus", {"w_212"});
    const int changes = t.changes;
    const Value r = call(t, "focus", {"L"});
    REQUIRE(r.contains("error"));
    CHECK_FALSE(r.contains("result"));
    CHECK_THAT(r["error"].as_string(), StartsWith("focus(): L is the loss") && Contains("such as w_211"));
    CHECK(t.changes == changes);
    CHECK(focus_name(t.cfg, t.focused) == "w_212"); // the focus it had is kept

    for (const char* query : {"focus=L", "preset=mazur&focus=%4C"}) {
        INFO(query);
        const PageState s = parse_page_url(query, "");
        REQUIRE(s.problems.size() == 1);
        CHECK_THAT(s.problems[0], StartsWith("focus=\"L\": L is the loss") && Contains("such as w_211"));
        CHECK_FALSE(s.focus);
    }
    // Every other kind of node still focuses.
    for (const char* name : {"x_1", "a_21", "h_13", "yhat_1", "b_21", "w_111"}) {
        INFO(name);
        CHECK(call(t, "focus", {name}).contains("result"));
        CHECK(parse_page_url(std::string("focus=") + name, "").problems.empty());
    }
}

TEST_CASE("hostile: shareUrl and embedSnippet take only http(s) bases, or the page's own")
{
    FakeTarget t;
    CHECK(call(t, "shareUrl", {"https://y.test/p/"})["result"] == "https://y.test/p/");
    CHECK(call(t, "shareUrl", {"HTTP://y.test/p"})["result"] == "HTTP://y.test/p");
    for (const char* base : {"javascript:alert(1)//", "JavaScript:alert(document.domain)", " javascript:alert(1)",
                             "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
                             "//evil.test/", "evil.test/p", "", "https://y.test/p?x=1", "https://y.test/p#frag",
                             "https://y.test/a b", "https://y.test/\nline", "https:", "https://"}) {
        INFO(base);
        for (const char* method : {"shareUrl", "embedSnippet"}) {
            const Value r = call(t, method, {base});
            REQUIRE(r.contains("error"));
            CHECK_FALSE(r.contains("result"));
            CHECK_THAT(r["error"].as_string(),
                       StartsWith(std::string(method) + "(): the base URL") && Contains("http"));
        }
    }
    // A long base is refused without echoing it whole.
    const Value r = call(t, "shareUrl", {"javascript:" + std::string(100000, 'a')});
    CHECK(r["error"].as_string().size() < 400);

    // The standalone page opened from file:// shares its own location; the argument may repeat it.
    t.base = "file:///home/me/gradflow-standalone.html";
    CHECK_THAT(call(t, "shareUrl")["result"].as_string(), StartsWith("file:///home/me/gradflow-standalone.html"));
    CHECK(call(t, "shareUrl", {"file:///home/me/gradflow-standalone.html"}).contains("result"));
    CHECK(call(t, "shareUrl", {"file:///etc/passwd"}).contains("error"));
}
