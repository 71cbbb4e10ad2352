// The tutor's one door for the web page: gradflow-tutor.js (a second module, loaded only when
// gradflow.checkWorking is first called) exports these C functions. Native builds compile them
// too, so the tests call the same code the page does.
//
//   gf_tutor_check(config_json, sample, text, rel_tol)
//       the config read by the core's parser (the same validation as the page), samples[sample]
//       (0 is the one the page shows), the working checked at relative tolerance rel_tol:
//       working_json's text, or {"error": "…"} naming what was wrong and what to do (a bad
//       config, sample, tolerance or text over the limit). Never throws out. The text is malloc'd:
//       the caller frees it (JS: Module._free).
//   gf_tutor_max_text_bytes()
//       the longest working accepted, in UTF-8 bytes (64 KiB): the JS API checks it before it
//       copies anything into the module's memory.
#pragma once

#include <cstddef>

namespace gf::tutor {
inline constexpr std::size_t kMaxWorkingBytes = std::size_t(64) << 10; // 64 KiB: ~1,500 lines of working
} // namespace gf::tutor

extern "C" {
char* gf_tutor_check(const char* config_json, int sample, const char* text, double rel_tol);
int gf_tutor_max_text_bytes();
}
