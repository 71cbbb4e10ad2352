// libFuzzer target: any bytes as a student's working for the seed network.
#include "core/config.hpp"
#include "tutor/tutor.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const gf::Config seed = gf::preset("seed");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const gf::tutor::WorkingReport r = gf::tutor::check_working(seed.net, seed.sample(), text);
    // Every line gets a verdict with a reason; a value shown is a finite number; an error says where.
    if (r.summary.lines != int(r.lines.size())) __builtin_trap();
    for (const gf::tutor::LineVerdict& l : r.lines) {
        if (l.why.empty()) __builtin_trap();
        if (l.has_value && (!std::isfinite(l.value) || !std::isfinite(l.expected))) __builtin_trap();
        if (l.verdict == gf::tutor::Verdict::error && l.column < 1) __builtin_trap();
    }
    if (gf::tutor::working_json(seed.net, r).empty()) __builtin_trap();
    return 0;
}
