// libFuzzer target: any bytes into the config parser, and anything it accepts through one
// forward/backward pass, a path listing and a derivation. A ConfigError is the expected answer to
// bad input; anything else (a crash, a sanitizer report, another exception) is a bug.
#include "core/config.hpp"
#include "core/derive.hpp"
#include "core/paths.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    gf::Config c;
    try {
        c = gf::parse_config(text);
    } catch (const gf::ConfigError&) {
        return 0;
    }
    if (c.net.param_count() > 4096) return 0;  // keep each run fast; big nets are covered by tests
    const gf::Trace t = gf::forward_backward(c.net, c.sample());
    const gf::NodeRef w{gf::NodeKind::weight, 0, 0, 0};
    const gf::Derivation d = gf::derive(c.net, c.sample(), t, w, 8);
    (void)gf::format_derivation(c.net, d, gf::DerivFormat::latex);
    return 0;
}
