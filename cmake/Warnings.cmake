# gradflow_warnings(target): the warning set our own code builds with (third-party code does not:
# ImGui, SDL2, Catch2 and Google Benchmark come in as SYSTEM includes, and
# gradflow_imgui's own sources are compiled without it). Every gradflow target calls it, in every
# preset: g++ natively, clang++-14 for the fuzzers, em++ (clang) for the web.
#
# -DGRADFLOW_WERROR=ON makes any warning an error (CI, and checking a preset is clean).
option(GRADFLOW_WERROR "Treat warnings in gradflow's own code as errors" OFF)

function(gradflow_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
  # g++ 12 with -fsanitize=address reports -Wmaybe-uninitialized inside libstdc++'s <regex>
  # (pulled in by catch.hpp) after inlining: a known false positive in the standard library,
  # not in our code, and only in the sanitizer build.
  if(GRADFLOW_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(GRADFLOW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
