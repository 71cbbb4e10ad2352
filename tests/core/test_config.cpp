// Every kind of bad config names the field and the fix; good configs round-trip.
#include "helpers.hpp"

#include "core/config.hpp"

#include <algorithm>
#include <istream>
#include <limits>
#include <sstream>
#include <streambuf>

using namespace gf;
using Catch::Matchers::Contains;

namespace {
std::string error_of(const std::string& json)
{
    try {
        parse_config(json);
    } catch (const ConfigError& e) {
        return e.what();
    }
    FAIL("accepted: " << json);
    return {};
}
std::string error_of_preset()
{
    try {
        preset("nope");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return {};
}
const std::string kBase = R"("layers": [2, 2], "activations": ["sigmoid"], "loss": "sse", "x": [1, 2], "y": [0, 1])";
std::string with(const std::string& extra) { return "{" + kBase + (extra.empty() ? "" : ", " + extra) + "}"; }
} // namespace

TEST_CASE("a minimal config gets defaults", "[config]")
{
    const Config c = parse_config(with(""));
    CHECK(c.learning_rate == 0.1);
    CHECK(c.train_biases);
    CHECK(c.net.b == std::vector<Vec>{Vec{0, 0}});
    REQUIRE(c.init_seed.has_value());
    CHECK(*c.init_seed == 1);
    // Deterministic initialisation: the same seed gives the same weights.
    CHECK(parse_config(with("")).net.W == c.net.W);
    CHECK(parse_config(with(R"("init_seed": 2)")).net.W != c.net.W);
}

TEST_CASE("the issue's example config is the seed preset", "[config]")
{
    const Config c = parse_config(R"({
      "name": "optional", "layers": [4, 4, 2], "activations": ["sigmoid", "softmax"], "loss": "sse",
      "W": [ [[0.1, 0.3, 0.8, -0.4], [-0.3, 0.2, 0.5, 0.5], [-0.3, 0, 0.5, 0.4], [0.2, 0.5, -0.9, 0.7]],
             [[0.5, 0.8, 0.2, 0.4], [0.5, 0.2, 0.3, -0.5]] ],
      "b": [[0, 0, 0, 0], [0, 0]], "x": [2, 5, 3, 3], "y": [1, 0], "learning_rate": 0.1, "train_biases": true })");
    const Config seed = preset("seed");
    CHECK(c.net == seed.net);
    CHECK(c.samples == seed.samples);
}

TEST_CASE("every preset parses, validates and round-trips through JSON", "[config]")
{
    REQUIRE(presets().size() >= 5);
    for (const PresetInfo& p : presets()) {
        INFO(p.name);
        const Config c = preset(p.name);
        CHECK(validate_network(c.net).empty());
        Config back = parse_config(config_to_json(c));
        back.init_seed = c.init_seed; // written as explicit W, so the seed is not carried
        CHECK(back.net == c.net);
        CHECK(back.samples == c.samples);
        CHECK(back.learning_rate == c.learning_rate);
        CHECK(back.train_biases == c.train_biases);
    }
    CHECK_THAT(error_of_preset(), Contains("the presets are seed, mazur"));
}

TEST_CASE("bad configs name the field and the fix", "[config]")
{
    CHECK_THAT(error_of("{"), Contains("not valid JSON"));
    CHECK_THAT(error_of("[1, 2]"), Contains("must be a JSON object"));
    CHECK_THAT(error_of(with(R"("learning_rte": 0.1)")), Contains("unknown field \"learning_rte\""));
    CHECK_THAT(error_of(R"({"activations": ["sigmoid"], "loss": "sse", "x": [1], "y": [1]})"),
               Contains("layers is missing"));
    CHECK_THAT(error_of(R"({"layers": [2], "activations": [], "loss": "sse", "x": [1, 2], "y": []})"),
               Contains("at least two sizes"));
    CHECK_THAT(error_of(R"({"layers": [2, 0], "activations": ["sigmoid"], "loss": "sse"})"),
               Contains("layers[1] is 0"));
    CHECK_THAT(error_of(R"({"layers": [2, 2.5], "activations": ["sigmoid"], "loss": "sse"})"),
               Contains("whole number"));
    CHECK_THAT(error_of(R"({"layers": [2, 5000], "activations": ["sigmoid"], "loss": "sse"})"),
               Contains("between 1 and 1024"));
    CHECK_THAT(error_of(R"({"layers": [2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2], "activations": [], "loss": "sse"})"),
               Contains("at most 16"));
    CHECK_THAT(
        error_of(
            R"({"layers": [1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024,1024], "activations": [], "loss": "sse"})"),
        Contains("parameters; the limit is"));
    CHECK_THAT(error_of(R"({"layers": [2, 2], "activations": ["sigmoid", "relu"], "loss": "sse"})"),
               Contains("activations has 2 entries"));
    CHECK_THAT(error_of(R"({"layers": [2, 2], "activations": ["swish"], "loss": "sse"})"),
               Contains("choose one of linear, sigmoid"));
    CHECK_THAT(error_of(R"({"layers": [2, 2], "activations": ["relu"], "loss": "hinge"})"),
               Contains("loss is \"hinge\""));
    CHECK_THAT(
        error_of(R"({"layers": [2, 2], "activations": ["relu"], "loss": "cross_entropy", "x": [1, 2], "y": [0, 1]})"),
        Contains("needs a \"softmax\" output"));
    CHECK_THAT(error_of(with(R"("W": [[[1, 2, 3], [4, 5, 6]]])")),
               Contains("W[0] has 3 columns in row 0; layer 0 has 2 neurons"));
    CHECK_THAT(error_of(with(R"("W": [[[1, 2]]])")), Contains("W[0] has 1 rows; layer 1 has 2 neurons"));
    CHECK_THAT(error_of(with(R"("W": [[[1, "a"], [1, 2]]])")), Contains("W[0][0][1] must be a number"));
    CHECK_THAT(error_of(with(R"("W": [[[1, 1e999], [1, 2]]])")), Contains("too large"));
    CHECK_THAT(error_of(with(R"("W": [])")), Contains("W has 0 matrices"));
    CHECK_THAT(error_of(with(R"("b": [[1]])")), Contains("b[0] has 1 entries; layer 1 has 2 neurons"));
    CHECK_THAT(error_of(R"({"layers": [2, 2], "activations": ["sigmoid"], "loss": "sse", "x": [1], "y": [0, 1]})"),
               Contains("x has 1 values; the input layer has 2 neurons"));
    CHECK_THAT(error_of(R"({"layers": [2, 2], "activations": ["sigmoid"], "loss": "sse", "x": [1, 2]})"),
               Contains("y is missing"));
    CHECK_THAT(error_of(R"({"layers": [2, 2], "activations": ["sigmoid"], "loss": "sse"})"),
               Contains("x and y are missing"));
    CHECK_THAT(error_of(with(R"("learning_rate": "fast")")), Contains("learning_rate must be a number"));
    CHECK_THAT(error_of(with(R"("learning_rate": -1)")), Contains("must not be negative"));
    CHECK_THAT(error_of(with(R"("train_biases": 1)")), Contains("train_biases must be true or false"));
    CHECK_THAT(error_of(with(R"("init_seed": -3)")), Contains("init_seed"));
    CHECK_THAT(error_of(with(R"("samples": [{"x": [1, 2]}])")), Contains("samples[0].y is missing"));
    CHECK_THAT(
        error_of(R"({"layers": [2, 1], "activations": ["sigmoid"], "loss": "cross_entropy", "x": [1, 2], "y": [2]})"),
        Contains("[0, 1]"));
}

TEST_CASE("hostile input (100,000 brackets, a 1 MiB key) is refused with a short message", "[config]")
{
    const std::string deep(100000, '[');
    CHECK_THAT(error_of(deep), Contains("not valid JSON"));
    CHECK(error_of(deep).size() < 1000);
    const std::string long_key = "{\"" + std::string(1 << 20, 'k') + "\": 1}";
    CHECK(error_of(long_key).size() < 1000);
}

TEST_CASE("a key given twice is refused, naming the key and where (issue 12)", "[config][hostile]")
{
    // A plain JSON parse keeps the last: x would silently become [3, 4].
    CHECK_THAT(error_of(with(R"("x": [3, 4])")), Contains("the key \"x\" appears twice in the config"));
    CHECK_THAT(error_of(with(R"("samples": [{"x": [1, 1], "y": [0, 1]}, {"y": [1, 0], "x": [0, 0], "y": [0, 0]}])")),
               Contains("the key \"y\" appears twice in samples[1]"));
    // The same key in different objects is fine.
    CHECK(parse_config(with(R"("samples": [{"x": [1, 1], "y": [0, 1]}, {"x": [0, 0], "y": [1, 0]}])")).samples.size() ==
          3);
}

TEST_CASE("a NUL byte is refused with its offset, whatever follows it (issue 12)", "[config][hostile]")
{
    const std::string good = with("");
    REQUIRE_NOTHROW(parse_config(good));
    const std::string e = error_of(good + std::string("\0junk", 5));
    CHECK_THAT(e, Contains("byte " + std::to_string(good.size()) + " of the config is a NUL"));
    CHECK_THAT(error_of(good + std::string(1, '\0')), Contains("is a NUL"));
}

namespace {
// An endless stream of one byte that counts what it served.
class EndlessBuf : public std::streambuf {
public:
    explicit EndlessBuf(char c) { std::fill(std::begin(buf_), std::end(buf_), c); }
    std::size_t served = 0;

protected:
    int_type underflow() override
    {
        setg(buf_, buf_, buf_ + sizeof buf_);
        served += sizeof buf_;
        return traits_type::to_int_type(buf_[0]);
    }

private:
    char buf_[4096];
};
} // namespace

TEST_CASE("reading a config stops at the first NUL of an endless stream (issue 12)", "[config][hostile]")
{
    EndlessBuf zeros('\0');
    std::istream in(&zeros);
    try {
        (void)read_config_text(in);
        FAIL("an endless stream of zeros was accepted");
    } catch (const ConfigError& e) {
        CHECK_THAT(e.what(), Contains("byte 0 of the config is a NUL"));
    }
    CHECK(zeros.served < (std::size_t(1) << 20)); // it stopped long before the 256 MiB limit

    std::istringstream text(with(""));
    CHECK(parse_config(read_config_text(text)) == parse_config(with("")));
}

TEST_CASE("param_count of layer sizes counts what the built network holds", "[config][param-count]")
{
    for (const char* name : {"seed", "xor", "classifier", "wide"}) {
        const Network& net = preset(name).net;
        std::size_t held = 0; // counted from the matrices themselves, not from the sizes
        for (std::size_t l = 0; l < net.W.size(); ++l) held += net.W[l].v.size() + net.b[l].size();
        CAPTURE(name);
        CHECK(param_count(net.sizes) == held);
        CHECK(net.param_count() == held);
    }
    CHECK(param_count({}) == 0);
    CHECK(param_count({7}) == 0);
    CHECK(param_count({2, 3, 1}) == 3 * 3 + 1 * 4);
}

TEST_CASE("param_count saturates instead of wrapping", "[config][param-count]")
{
    constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
    // Eight layers of INT_MAX neurons: ~2^65 parameters, past any size_t.
    CHECK(param_count(std::vector<int>(8, std::numeric_limits<int>::max())) == kMax);
    // 2^40 + 2^20: exact with a 64-bit size_t, saturated with wasm's 32-bit one, never wrapped.
    const double exact = 1099511627776.0 + 1048576.0;
    const std::size_t want = exact > double(kMax) ? kMax : std::size_t(exact);
    CHECK(param_count({1 << 20, 1 << 20}) == want);
}
