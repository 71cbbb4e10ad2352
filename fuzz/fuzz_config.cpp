// libFuzzer target: any bytes into the config parser, and anything it accepts through one
// forward/backward pass, a path listing, a derivation and eval. A ConfigError is the expected
// answer to bad input; anything else (a crash, a sanitizer report, another exception) is a bug.
// Big networks and multi-MiB texts are fuzz_config_big's job.
#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/finite.hpp"
#include "core/paths.hpp"
#include "core/report.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    gf::Config c;
    try {
        c = gf::parse_config(text);
    } catch (const gf::ConfigError&) {
        return 0;
    }
    if (c.net.param_count() > 4096) return 0; // keep each run fast; big nets are covered by tests
    const gf::Trace t = gf::forward_backward(c.net, c.sample());
    const gf::NodeRef w{gf::NodeKind::weight, 0, 0, 0};
    const gf::Derivation d = gf::derive(c.net, c.sample(), t, w, 8);
    (void)gf::format_derivation(c.net, d, gf::DerivFormat::latex);
    // Whatever overflows is named, never printed as null.
    try {
        if (gf::eval_json(c).find("null") != std::string::npos) __builtin_trap();
    } catch (const gf::NumericError& e) {
        if (std::string(e.what()).empty()) __builtin_trap();
    }
    return 0;
}
