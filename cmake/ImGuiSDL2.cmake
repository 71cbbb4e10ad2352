# Dear ImGui 1.86 (core + SDL2 and OpenGL3 backends) as the static library `gradflow_imgui`,
# and SDL2 found with find_package(SDL2) — natively; the page has no SDL (src/platform/web_input.cpp).
#
# One ImGui source tree serves the native and the web build, so both run the same version.
#   GRADFLOW_IMGUI_DIR    the tree (default: $GRADFLOW_CACHE/src/imgui, which scripts/setup.sh fills
#                         from Debian's `imgui` source package; else ~/.cache/gradflow/src/imgui)
#   GRADFLOW_FETCH_IMGUI  take v1.86 from GitHub with FetchContent instead (machines with internet)
# SDL2: natively Debian's libsdl2-dev; the web build does not look for it (Emscripten's sysroot holds
# a stub sdl2-config.cmake that would mean -sUSE_SDL=2, a GitHub download).
include_guard(GLOBAL)

if(DEFINED ENV{GRADFLOW_CACHE} AND NOT "$ENV{GRADFLOW_CACHE}" STREQUAL "")
  set(_gf_imgui_default "$ENV{GRADFLOW_CACHE}/src/imgui")
else()
  set(_gf_imgui_default "$ENV{HOME}/.cache/gradflow/src/imgui")
endif()
set(GRADFLOW_IMGUI_DIR "${_gf_imgui_default}" CACHE PATH "Dear ImGui 1.86 source tree (holds imgui.h)")
option(GRADFLOW_FETCH_IMGUI "Fetch Dear ImGui v1.86 with FetchContent instead of GRADFLOW_IMGUI_DIR" OFF)

if(GRADFLOW_FETCH_IMGUI)
  include(FetchContent)
  FetchContent_Declare(gradflow_imgui_src
    GIT_REPOSITORY https://github.com/ocornut/imgui.git
    GIT_TAG        v1.86
    GIT_SHALLOW    TRUE)
  FetchContent_GetProperties(gradflow_imgui_src)
  if(NOT gradflow_imgui_src_POPULATED)
    FetchContent_Populate(gradflow_imgui_src)   # ImGui has no CMakeLists: only the sources are wanted
  endif()
  set(_gf_imgui "${gradflow_imgui_src_SOURCE_DIR}")
else()
  set(_gf_imgui "${GRADFLOW_IMGUI_DIR}")
endif()

if(NOT EXISTS "${_gf_imgui}/imgui.h" OR NOT EXISTS "${_gf_imgui}/backends/imgui_impl_sdl.cpp")
  message(FATAL_ERROR "gradflow: no Dear ImGui 1.86 source tree at '${_gf_imgui}'. Run scripts/setup.sh "
                      "(Debian), set -DGRADFLOW_IMGUI_DIR=<tree>, or configure with -DGRADFLOW_FETCH_IMGUI=ON.")
endif()
file(STRINGS "${_gf_imgui}/imgui.h" _gf_imgui_ver REGEX "^#define IMGUI_VERSION ")
if(NOT _gf_imgui_ver MATCHES "\"1\\.86")
  message(WARNING "gradflow: expected Dear ImGui 1.86 at ${_gf_imgui}, found: ${_gf_imgui_ver}. "
                  "The backends' API differs between versions (imgui_impl_sdl vs imgui_impl_sdl2).")
endif()

# The page has its own html5 platform backend (src/platform/web_input.cpp) and links no SDL.
if(EMSCRIPTEN)
  set(_gf_sdl2 "")
  set(_gf_imgui_platform "")
else()
  find_package(SDL2 REQUIRED CONFIG)
  # SDL2's config exports SDL2::SDL2 (shared) and/or SDL2::SDL2-static.
  if(TARGET SDL2::SDL2)
    set(_gf_sdl2 SDL2::SDL2)
  elseif(TARGET SDL2::SDL2-static)
    set(_gf_sdl2 SDL2::SDL2-static)
  else()
    message(FATAL_ERROR "gradflow: SDL2 was found at ${SDL2_DIR} but exports no SDL2::SDL2 target.")
  endif()
  set(_gf_imgui_platform "${_gf_imgui}/backends/imgui_impl_sdl.cpp")
endif()

# The page always draws with its own font (DejaVu Sans, compiled in: src/ui/fonts.cpp), so ImGui's
# built-in ProggyClean — 12 KB of base85 text in imgui_draw.cpp, 9.5 KB of it left after gzip, and
# the decompressor it needs — never reaches the screen there. The page compiles a copy of
# imgui_draw.cpp, written into the build folder from the same source at configure time, whose
# AddFontDefault returns NULL at once (GRADFLOW_IMGUI_NO_DEFAULT_FONT tells fonts.cpp), so the data
# and the decompressor are never referenced and the linker leaves them out. The desktop app keeps
# the original file and its fallback font.
set(_gf_imgui_draw "${_gf_imgui}/imgui_draw.cpp")
if(EMSCRIPTEN)
  file(READ "${_gf_imgui}/imgui_draw.cpp" _gf_draw_src)
  set(_gf_draw_head "ImFont* ImFontAtlas::AddFontDefault(const ImFontConfig* font_cfg_template)\n{\n")
  string(FIND "${_gf_draw_src}" "${_gf_draw_head}" _gf_draw_at)
  if(_gf_draw_at EQUAL -1)
    message(FATAL_ERROR "gradflow: ImFontAtlas::AddFontDefault not found as expected in ${_gf_imgui}/imgui_draw.cpp "
                        "(not ImGui 1.86?); cmake/ImGuiSDL2.cmake leaves ProggyClean out of the page by editing it.")
  endif()
  string(REPLACE "${_gf_draw_head}"
         "${_gf_draw_head}    IM_UNUSED(font_cfg_template); return NULL; // gradflow's page: no built-in font (cmake/ImGuiSDL2.cmake)\n"
         _gf_draw_src "${_gf_draw_src}")
  set(_gf_imgui_draw "${CMAKE_BINARY_DIR}/imgui_draw_page.cpp")
  file(WRITE "${_gf_imgui_draw}.tmp" "${_gf_draw_src}")
  configure_file("${_gf_imgui_draw}.tmp" "${_gf_imgui_draw}" COPYONLY)   # touched only when it changes
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_gf_imgui}/imgui_draw.cpp")
endif()

add_library(gradflow_imgui STATIC
  "${_gf_imgui}/imgui.cpp"
  "${_gf_imgui_draw}"
  "${_gf_imgui}/imgui_tables.cpp"
  "${_gf_imgui}/imgui_widgets.cpp"
  "${_gf_imgui}/imgui_demo.cpp"              # ImGui::ShowDemoWindow, handy while developing the UI
  ${_gf_imgui_platform})
# No imgui_impl_opengl3: gradflow draws ImGui's lists itself (src/platform/imgui_gl.cpp), without
# reading GL state back before every draw.
# 32-bit indices: the per-edge view of 8 × 32 neurons needs ~56k vertices in one draw list, close
# to 16-bit's 65,536, and WebGL2 has no base-vertex draws to split a list (src/platform/imgui_gl.cpp
# relies on it).
target_compile_definitions(gradflow_imgui PUBLIC "ImDrawIdx=unsigned int")
# Nothing of ours calls the functions ImGui keeps for old code: leave them out (both builds, so
# a call to one fails natively as it would on the page).
target_compile_definitions(gradflow_imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
# SYSTEM: third-party headers must not trip our -Wconversion etc.
target_include_directories(gradflow_imgui SYSTEM PUBLIC "${_gf_imgui}" "${_gf_imgui}/backends")
if(_gf_sdl2)
  target_link_libraries(gradflow_imgui PUBLIC ${_gf_sdl2})
endif()
# ImGui 1.86 predates C++20's deprecation of mixing enum types in bitwise operations.
target_compile_options(gradflow_imgui PRIVATE -Wno-deprecated-enum-enum-conversion)

if(EMSCRIPTEN)
  # Read by src/platform/gl.hpp and loop.cpp: the page's GL is OpenGL ES 3 (WebGL2).
  target_compile_definitions(gradflow_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  # No filesystem on the page: imgui.ini and AddFontFromFileTTF are meaningless there.
  target_compile_definitions(gradflow_imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS)
  # The page never opens ImGui's demo, metrics or stack-tool windows: leave their code out.
  target_compile_definitions(gradflow_imgui PUBLIC IMGUI_DISABLE_DEMO_WINDOWS IMGUI_DISABLE_METRICS_WINDOW)
  target_compile_definitions(gradflow_imgui PUBLIC GRADFLOW_IMGUI_NO_DEFAULT_FONT)
else()
  find_package(OpenGL REQUIRED)
  # The platform's GL passes load their entry points through SDL_GL_GetProcAddress
  # (src/platform/gl.hpp); main.cpp's glClear & co. are GL 1.1, which every platform's GL library
  # exports.
  target_link_libraries(gradflow_imgui PUBLIC OpenGL::GL ${CMAKE_DL_LIBS})
endif()

