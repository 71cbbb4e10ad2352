// libFuzzer target for big and extreme configs. Byte-level fuzzing of JSON (fuzz_config) stays
// under a few KiB and rarely builds a valid network with more than a handful of parameters, so
// this target reads its input as a recipe instead: layer sizes up to 1024, activations, loss,
// explicit weights drawn from the input (1e308, subnormals, 0, −0 among them), extra samples, a
// learning rate from 0 to 1e308 — then spoils the JSON text it wrote in a few places the input
// picks (a duplicated key, a NUL, a cut, a flipped byte, deep nesting). The text goes through the
// CLI's and the page's config parsers, and whatever they accept through everything a front end
// does with it: eval (or a NumericError naming the overflow), paths, one derivation's check.
#include "core/config.hpp"
#include "core/finite.hpp"
#include "core/gradcheck.hpp"
#include "core/paths.hpp"
#include "core/report.hpp"
#include "embed/page_state.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

// One run in 64 builds a network of up to 100 k parameters, the page's limit (texts of a few MiB,
// a few tenths of a second under the sanitizers); the others stay under 1024 parameters, so the
// fuzzer keeps its pace while 1024-wide layers still come up often.
constexpr std::size_t kMaxFuzzParams = 100000;
constexpr std::size_t kMaxSmallParams = 1024;

const char* const kActs[] = {"linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax", "swish"};
const char* const kLosses[] = {"sse", "half_sse", "mse", "cross_entropy", "hinge"};

double pick_number(FuzzedDataProvider& p)
{
    switch (p.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: return 1e308;
    case 1: return -1e308;
    case 2: return 4.9e-324;
    case 3: return -0.0;
    case 4: return p.ConsumeFloatingPoint<double>(); // any finite double
    default: return p.ConsumeFloatingPointInRange<double>(-2.0, 2.0);
    }
}

void append_number(std::string& s, double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    s += buf;
}

void append_vector(std::string& s, FuzzedDataProvider& p, int n)
{
    s += '[';
    for (int i = 0; i < n; ++i) {
        if (i) s += ',';
        append_number(s, pick_number(p));
    }
    s += ']';
}

std::string recipe_to_json(FuzzedDataProvider& p)
{
    const std::size_t cap = p.ConsumeIntegralInRange<int>(0, 63) == 63 ? kMaxFuzzParams : kMaxSmallParams;
    const int layers = p.ConsumeIntegralInRange<int>(2, 5);
    std::vector<int> sizes;
    std::size_t params = 0;
    for (int l = 0; l < layers; ++l) {
        int n = p.ConsumeBool() ? p.ConsumeIntegralInRange<int>(1, 8) : p.ConsumeIntegralInRange<int>(1, 1024);
        if (l > 0) {
            while (n > 1 && params + std::size_t(n) * std::size_t(sizes.back() + 1) > cap) n /= 2;
            params += std::size_t(n) * std::size_t(sizes.back() + 1);
        }
        sizes.push_back(n);
    }
    std::string s = "{\"layers\":[";
    for (int l = 0; l < layers; ++l) {
        if (l) s += ',';
        if (p.ConsumeIntegralInRange<int>(0, 15) == 0)
            s += std::to_string(sizes[std::size_t(l)]) + ".0"; // float spelling
        else
            s += std::to_string(sizes[std::size_t(l)]);
    }
    s += "],\"activations\":[";
    for (int l = 1; l < layers; ++l) {
        if (l > 1) s += ',';
        s += std::string("\"") + kActs[p.ConsumeIntegralInRange<int>(0, l + 1 == layers ? 6 : 4)] + "\"";
    }
    s += std::string("],\"loss\":\"") + kLosses[p.ConsumeIntegralInRange<int>(0, 4)] + "\"";
    if (p.ConsumeBool()) { // explicit weights: the big texts
        s += ",\"W\":[";
        for (int l = 1; l < layers; ++l) {
            if (l > 1) s += ',';
            s += '[';
            for (int r = 0; r < sizes[std::size_t(l)]; ++r) {
                if (r) s += ',';
                append_vector(s, p, sizes[std::size_t(l) - 1]);
            }
            s += ']';
        }
        s += ']';
    } else {
        s += ",\"init_seed\":" + std::to_string(p.ConsumeIntegral<std::uint16_t>());
    }
    if (p.ConsumeBool()) {
        s += ",\"b\":[";
        for (int l = 1; l < layers; ++l) {
            if (l > 1) s += ',';
            append_vector(s, p, sizes[std::size_t(l)]);
        }
        s += ']';
    }
    s += ",\"x\":";
    append_vector(s, p, sizes.front());
    s += ",\"y\":";
    append_vector(s, p, sizes.back());
    const int extra = p.ConsumeIntegralInRange<int>(0, 3);
    if (extra > 0) {
        s += ",\"samples\":[";
        for (int i = 0; i < extra; ++i) {
            s += std::string(i ? "," : "") + "{\"x\":";
            append_vector(s, p, sizes.front());
            s += ",\"y\":";
            append_vector(s, p, sizes.back());
            s += '}';
        }
        s += ']';
    }
    if (p.ConsumeBool()) {
        s += ",\"learning_rate\":";
        append_number(s, p.ConsumeBool() ? 1e308 : p.ConsumeFloatingPointInRange<double>(0.0, 10.0));
    }
    s += '}';
    return s;
}

void spoil(std::string& s, FuzzedDataProvider& p)
{
    const int n = p.ConsumeIntegralInRange<int>(0, 3);
    for (int i = 0; i < n && !s.empty(); ++i) {
        const std::size_t at = p.ConsumeIntegralInRange<std::size_t>(0, s.size() - 1);
        switch (p.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: s.insert(s.size() - 1, ",\"x\":[1]"); break;            // a duplicate key
        case 1: s.insert(at, 1, '\0'); break;                           // a NUL
        case 2: s.resize(at); break;                                    // cut short
        case 3: s[at] = char(p.ConsumeIntegral<std::uint8_t>()); break; // one byte
        case 4: s.insert(at, std::string(p.ConsumeIntegralInRange<std::size_t>(1, 5000), '[')); break; // nesting
        default: s.insert(at, p.ConsumeRandomLengthString(64)); break;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider p(data, size);
    std::string text = recipe_to_json(p);
    spoil(text, p);

    try {
        (void)gf::embed::parse_page_config(text);
    } catch (const gf::ConfigError&) {}
    gf::Config c;
    try {
        c = gf::parse_config(text);
    } catch (const gf::ConfigError&) {
        return 0;
    }
    if (c.net.param_count() > 4 * kMaxFuzzParams) return 0; // a spoiled digit grew it: keep runs short
    try {
        (void)gf::eval_json(c);
    } catch (const gf::NumericError& e) {
        if (std::string(e.what()).empty()) __builtin_trap();
        return 0;
    }
    const gf::Trace t = gf::forward_backward(c.net, c.sample());
    if (!gf::non_finite_in_trace(c.net, t).empty()) __builtin_trap(); // eval would have thrown
    const gf::NodeRef w{gf::NodeKind::weight, 0, 0, 0};
    (void)gf::enumerate_paths(c.net, t, w, 4, 1 << 14);
    (void)gf::check_one(c.net, c.sample(), t, w);
    return 0;
}
