# Every Emscripten -s flag gradflow uses lives in this file.
#
# Installed Emscripten 3.1.6 (Debian) needs, from the environment (scripts/env.sh sets them):
#   NODE_PATH=/usr/share/nodejs        em++ finds acorn there
#   EM_CACHE=<writable> EM_FROZEN_CACHE=   only when a port or new library must be built
# and node run with --no-experimental-fetch (set as CMAKE_CROSSCOMPILING_EMULATOR by the presets).
include_guard(GLOBAL)

# Code that runs under node (core tests, benchmarks, the CLI): exceptions on (below), memory grows,
# node's filesystem available so tests can read files, exit code returned to ctest.
function(gradflow_wasm_node target)
  target_link_options(${target} PRIVATE
    -sALLOW_MEMORY_GROWTH=1
    -sEXIT_RUNTIME=1
    -sNODERAWFS=1
    -sENVIRONMENT=node)
endfunction()

# Exceptions are part of the core's error handling (ConfigError), so every wasm object uses them —
# WebAssembly's own (try/catch/throw instructions), not Emscripten's JavaScript emulation. The
# emulation routes every call that may unwind through an imported JS `invoke_*` trampoline and
# tests a global after it: on the page that was 185 KB of 863 KB of code (page 418,998 → 387,287 B
# gzip, tutor module 199,553 → 177,589). Chromium ≥ 95, Firefox ≥ 100,
# Safari ≥ 15.2 and node ≥ 17 run it. Every object linked into one module must agree, so the
# muparser that scripts/setup.sh builds for the tutor is compiled with this flag too
# ($GRADFLOW_CACHE/muparser-web-weh).
add_compile_options(-fwasm-exceptions)
add_link_options(-fwasm-exceptions)

# The visualizer page: WebGL2 only (ES 3.0 context, GLSL 300 es), memory grows with the network,
# no filesystem (fonts and shaders are embedded at build time), and a .js + .wasm pair that
# web/shell.html loads — we ship our own page rather than Emscripten's (its HTML minifier crashes
# in Debian's 3.1.6 at -O1+, trap 4), so no .html is emitted and MINIFY_HTML does not apply.
#
# Built for size: every library the page links except the core is compiled with -Oz, and the link
# (binaryen's wasm-opt) runs at -Oz too — about a third off the code. gradflow_core keeps the
# build type's -O3: its forward/backward/path loops are what the benchmarks time (the wasm and
# wasm-bench presets, which do not use this function, are unchanged). The core's files that run
# once per edit or focus rather than per frame (reading and writing configs and datasets, names,
# reports, reshaping, the derivation's text and its finite-difference check) are built for size
# too; the forward/backward and path loops (network.cpp, paths.cpp) are not.
set(GRADFLOW_WASM_PAGE_OPT "-Oz" CACHE STRING "Optimization level for the page's non-core code and link")
option(GRADFLOW_WASM_CLOSURE "Minify the page's JavaScript with the Closure Compiler" ON)
set(GRADFLOW_CLOSURE_COMPILER "$ENV{EM_CLOSURE_COMPILER}" CACHE FILEPATH "google-closure-compiler (scripts/setup.sh installs it)")
set(GRADFLOW_CORE_COLD_SOURCES config.cpp presets.cpp dataset.cpp names.cpp report.cpp reshape.cpp derive.cpp gradcheck.cpp)
function(gradflow_wasm_page target)
  foreach(lib IN ITEMS gradflow_imgui gradflow_ui gradflow_session gradflow_embed gradflow_anim gradflow_view
                      gradflow_tutor_report ${target})
    if(TARGET ${lib})
      target_compile_options(${lib} PRIVATE ${GRADFLOW_WASM_PAGE_OPT})
    endif()
  endforeach()
  list(TRANSFORM GRADFLOW_CORE_COLD_SOURCES PREPEND "${PROJECT_SOURCE_DIR}/src/core/" OUTPUT_VARIABLE cold)
  set_source_files_properties(${cold} DIRECTORY "${PROJECT_SOURCE_DIR}/src/core"
                              PROPERTIES COMPILE_OPTIONS "${GRADFLOW_WASM_PAGE_OPT}")
  # The JavaScript Emscripten writes (its runtime, SDL's and WebGL's glue, our EM_JS) goes through
  # the Closure Compiler's advanced mode: 175 KB → 72 KB raw, 36 → 21 KB gzip. Advanced mode
  # renames every property it sees written without quotes, so EM_JS code reaches the page's own
  # objects by quoted names (window['gradflowBridge']['ready'], {'query': …}).
  if(GRADFLOW_WASM_CLOSURE)
    if(NOT EXISTS "${GRADFLOW_CLOSURE_COMPILER}")
      message(FATAL_ERROR "The Closure Compiler is not at '${GRADFLOW_CLOSURE_COMPILER}': run scripts/setup.sh "
                          "(it installs it into the cache) and configure from a shell that sourced scripts/env.sh, "
                          "or configure with -DGRADFLOW_WASM_CLOSURE=OFF for a larger page.")
    endif()
    target_link_options(${target} PRIVATE --closure 1)
    # em++ finds the compiler through its config, which reads EM_CLOSURE_COMPILER from the environment.
    set_property(TARGET ${target} PROPERTY CXX_LINKER_LAUNCHER
                 "${CMAKE_COMMAND};-E;env;EM_CLOSURE_COMPILER=${GRADFLOW_CLOSURE_COMPILER}")
  endif()
  target_link_options(${target} PRIVATE
    ${GRADFLOW_WASM_PAGE_OPT}
    -sUSE_WEBGL2=1
    -sMIN_WEBGL_VERSION=2
    -sMAX_WEBGL_VERSION=2
    -sALLOW_MEMORY_GROWTH=1
    -sNO_FILESYSTEM=1
    -sENVIRONMENT=web
    -sEXIT_RUNTIME=0                 # the main loop outlives main()
    -sMALLOC=emmalloc                # smaller than dlmalloc; the page allocates little per frame
    # The page's JavaScript API (web/gradflow-api.js) calls one C function with JSON text that it
    # copies into the heap itself (_malloc + stringToUTF8, after checking the size against
    # gradflow_api_max_request_bytes): cwrap/ccall 'string' arguments go on the 5 MiB stack
    # unchecked, which a 1.4 MB request overran. web_api.cpp's EM_JS helpers use the heap too.
    "-sEXPORTED_FUNCTIONS=_main,_gradflow_api,_gradflow_api_max_request_bytes,_gradflow_api_oversize,_gradflow_wake,_gradflow_test_plane,_malloc,_free"
    "-sEXPORTED_RUNTIME_METHODS=lengthBytesUTF8,stringToUTF8,UTF8ToString"
  )
endfunction()

# The tutor's module (gradflow-tutor.js + .wasm): loaded by web/gradflow-api.js only when
# gradflow.checkWorking is first called, so it costs the page nothing until then. A factory
# (MODULARIZE, window.GradflowTutor) with no main, built for size like the page. muparser reports a
# syntax error by throwing: exceptions are compiled in everywhere under Emscripten (above) and
# caught here, in expr.cpp. gf_tutor_check takes its strings from the heap (_malloc +
# stringToUTF8 after checking gf_tutor_max_text_bytes, in src/tutor/web_glue.js, appended to the
# module's JS), never the stack, like the page's API.
function(gradflow_wasm_tutor_module target)
  foreach(lib IN ITEMS gradflow_tutor gradflow_tutor_report ${target})
    target_compile_options(${lib} PRIVATE ${GRADFLOW_WASM_PAGE_OPT})
  endforeach()
  target_link_options(${target} PRIVATE
    ${GRADFLOW_WASM_PAGE_OPT}
    -sMODULARIZE=1
    -sEXPORT_NAME=GradflowTutor
    -sALLOW_MEMORY_GROWTH=1
    -sNO_FILESYSTEM=1
    -sENVIRONMENT=web
    -sMALLOC=emmalloc
    "-sEXPORTED_FUNCTIONS=_gf_tutor_check,_gf_tutor_max_text_bytes,_malloc,_free"
    "-sEXPORTED_RUNTIME_METHODS=lengthBytesUTF8,stringToUTF8,UTF8ToString"
    # checkWorking's argument checks and heap copying ride with the module, not the page
    "--extern-post-js=${PROJECT_SOURCE_DIR}/src/tutor/web_glue.js"
  )
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${PROJECT_SOURCE_DIR}/src/tutor/web_glue.js")
endfunction()
