#include "tutor/web_entry.hpp"

#include "core/config.hpp"
#include "core/json.hpp"
#include "tutor/tutor.hpp"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

namespace {

char* copy_out(const std::string& s)
{
    char* p = static_cast<char*>(std::malloc(s.size() + 1));
    if (p) std::memcpy(p, s.c_str(), s.size() + 1);
    return p;
}

char* error_out(const std::string& message) { return copy_out(gf::json::Value::object({{"error", message}}).dump()); }

std::string thousands(std::size_t n) // 65536 → "65,536", as the JS API writes sizes
{
    const std::string digits = std::to_string(n);
    std::string s;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
        s += digits[i];
    }
    return s;
}

} // namespace

extern "C" int gf_tutor_max_text_bytes() { return int(gf::tutor::kMaxWorkingBytes); }

extern "C" char* gf_tutor_check(const char* config_json, int sample, const char* text, double rel_tol)
{
    using namespace gf;
    try {
        if (!config_json || !text) return error_out("gf_tutor_check: the config and the working must be strings");
        const std::size_t bytes = std::strlen(text);
        if (bytes > tutor::kMaxWorkingBytes)
            return error_out("the working is " + thousands(bytes) + " bytes; the limit is " +
                             thousands(tutor::kMaxWorkingBytes) +
                             " (64 KiB): check a part of it at a time, e.g. the forward pass, then the backward");
        if (!std::isfinite(rel_tol) || rel_tol <= 0.0 || rel_tol >= 1.0)
            return error_out("the tolerance must be a relative tolerance above 0 and below 1 (e.g. 0.001 for 0.1%)");
        const Config c = parse_config(config_json); // throws ConfigError naming the field and the fix
        if (sample < 0 || std::size_t(sample) >= c.samples.size())
            return error_out("sample " + std::to_string(sample) + " does not exist: this config has " +
                             std::to_string(c.samples.size()) + (c.samples.size() == 1 ? " sample" : " samples") +
                             " (0 is the one the page shows)");
        const tutor::WorkingReport r = tutor::check_working(c.net, c.samples[std::size_t(sample)], text, {rel_tol});
        return copy_out(tutor::working_json(c.net, r, -1));
    } catch (const std::exception& e) {
        return error_out(e.what());
    } catch (...) {
        return error_out("the tutor failed unexpectedly; reload the page and try again");
    }
}
