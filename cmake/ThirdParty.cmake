# Header-only dependency: Catch2 2.x (tests). (JSON is gradflow's own: src/core/json.hpp.)
#
# Native builds use the installed package (Debian: catch2).
# Emscripten builds must not see the host's /usr/include, so the single header is copied
# into the build tree and exposed as an interface target of its own.
# Elsewhere (emsdk, other distros): -DGRADFLOW_FETCH_DEPS=ON takes it from FetchContent,
# or point GRADFLOW_CATCH2_INCLUDE at a folder holding the header.
include_guard(GLOBAL)

option(GRADFLOW_FETCH_DEPS "Fetch header-only deps (Catch2) with FetchContent" OFF)
set(GRADFLOW_CATCH2_INCLUDE "" CACHE PATH "Folder holding catch2/catch.hpp (optional)")

function(_gradflow_header_target name header_rel search_hint out_dir_var)
  # Finds <search>/<header_rel> and copies it to build/_deps_headers/<header_rel>.
  set(found "")
  foreach(dir ${search_hint} /usr/include /usr/local/include)
    if(dir AND EXISTS "${dir}/${header_rel}")
      set(found "${dir}/${header_rel}")
      break()
    endif()
  endforeach()
  if(NOT found)
    message(FATAL_ERROR "gradflow: cannot find ${header_rel}. Run scripts/setup.sh (Debian), "
                        "set ${out_dir_var}, or configure with -DGRADFLOW_FETCH_DEPS=ON.")
  endif()
  get_filename_component(sub "${header_rel}" DIRECTORY)
  set(dst "${CMAKE_BINARY_DIR}/_deps_headers")
  # The whole folder, in case a header includes its neighbours.
  get_filename_component(found_dir "${found}" DIRECTORY)
  file(COPY "${found_dir}/" DESTINATION "${dst}/${sub}")
  add_library(${name} INTERFACE IMPORTED GLOBAL)
  target_include_directories(${name} SYSTEM INTERFACE "${dst}")
endfunction()

if(GRADFLOW_FETCH_DEPS)
  include(FetchContent)
  if(GRADFLOW_BUILD_TESTS)
    FetchContent_Declare(catch2 GIT_REPOSITORY https://github.com/catchorg/Catch2.git GIT_TAG v2.13.10)
    FetchContent_MakeAvailable(catch2)
    add_library(gradflow_catch2 ALIAS Catch2)
    list(APPEND CMAKE_MODULE_PATH "${catch2_SOURCE_DIR}/contrib")
  endif()
elseif(EMSCRIPTEN)
  if(GRADFLOW_BUILD_TESTS)
    _gradflow_header_target(gradflow_catch2 catch2/catch.hpp "${GRADFLOW_CATCH2_INCLUDE}" GRADFLOW_CATCH2_INCLUDE)
    # Catch's CMake helpers (catch_discover_tests) come from the host package.
    find_path(_catch_cmake Catch.cmake PATHS /usr/lib/cmake/Catch2 /usr/share/Catch2/cmake NO_CMAKE_FIND_ROOT_PATH)
    if(_catch_cmake)
      list(APPEND CMAKE_MODULE_PATH "${_catch_cmake}")
    endif()
  endif()
else()
  if(GRADFLOW_BUILD_TESTS)
    if(GRADFLOW_CATCH2_INCLUDE)
      _gradflow_header_target(gradflow_catch2 catch2/catch.hpp "${GRADFLOW_CATCH2_INCLUDE}" GRADFLOW_CATCH2_INCLUDE)
    else()
      find_package(Catch2 2.13 REQUIRED CONFIG)
      add_library(gradflow_catch2 ALIAS Catch2::Catch2)
    endif()
  endif()
endif()
