# Header-only dependencies: nlohmann/json (core) and Catch2 2.x (tests).
#
# Native builds use the installed packages (Debian: nlohmann-json3-dev, catch2).
# Emscripten builds must not see the host's /usr/include, so the single headers are copied
# into the build tree and exposed as interface targets of their own.
# Elsewhere (emsdk, other distros): -DGRADFLOW_FETCH_DEPS=ON takes both from FetchContent,
# or point GRADFLOW_JSON_INCLUDE / GRADFLOW_CATCH2_INCLUDE at folders holding the headers.
include_guard(GLOBAL)

option(GRADFLOW_FETCH_DEPS "Fetch header-only deps (json, Catch2) with FetchContent" OFF)
set(GRADFLOW_JSON_INCLUDE   "" CACHE PATH "Folder holding nlohmann/json.hpp (optional)")
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
  # The whole folder: Debian's nlohmann/json.hpp is the multi-header layout (it includes
  # nlohmann/adl_serializer.hpp, nlohmann/detail/...), not the amalgamated single header.
  get_filename_component(found_dir "${found}" DIRECTORY)
  file(COPY "${found_dir}/" DESTINATION "${dst}/${sub}")
  add_library(${name} INTERFACE IMPORTED GLOBAL)
  target_include_directories(${name} SYSTEM INTERFACE "${dst}")
endfunction()

if(GRADFLOW_FETCH_DEPS)
  include(FetchContent)
  FetchContent_Declare(nlohmann_json URL https://github.com/nlohmann/json/releases/download/v3.11.2/json.tar.xz)
  FetchContent_MakeAvailable(nlohmann_json)
  add_library(gradflow_json ALIAS nlohmann_json)
  if(GRADFLOW_BUILD_TESTS)
    FetchContent_Declare(catch2 GIT_REPOSITORY https://github.com/catchorg/Catch2.git GIT_TAG v2.13.10)
    FetchContent_MakeAvailable(catch2)
    add_library(gradflow_catch2 ALIAS Catch2)
    list(APPEND CMAKE_MODULE_PATH "${catch2_SOURCE_DIR}/contrib")
  endif()
elseif(EMSCRIPTEN)
  _gradflow_header_target(gradflow_json nlohmann/json.hpp "${GRADFLOW_JSON_INCLUDE}" GRADFLOW_JSON_INCLUDE)
  if(GRADFLOW_BUILD_TESTS)
    _gradflow_header_target(gradflow_catch2 catch2/catch.hpp "${GRADFLOW_CATCH2_INCLUDE}" GRADFLOW_CATCH2_INCLUDE)
    # Catch's CMake helpers (catch_discover_tests) come from the host package.
    find_path(_catch_cmake Catch.cmake PATHS /usr/lib/cmake/Catch2 /usr/share/Catch2/cmake NO_CMAKE_FIND_ROOT_PATH)
    if(_catch_cmake)
      list(APPEND CMAKE_MODULE_PATH "${_catch_cmake}")
    endif()
  endif()
else()
  if(GRADFLOW_JSON_INCLUDE)
    _gradflow_header_target(gradflow_json nlohmann/json.hpp "${GRADFLOW_JSON_INCLUDE}" GRADFLOW_JSON_INCLUDE)
  else()
    find_package(nlohmann_json 3.10 REQUIRED CONFIG)
    add_library(gradflow_json ALIAS nlohmann_json::nlohmann_json)
  endif()
  if(GRADFLOW_BUILD_TESTS)
    if(GRADFLOW_CATCH2_INCLUDE)
      _gradflow_header_target(gradflow_catch2 catch2/catch.hpp "${GRADFLOW_CATCH2_INCLUDE}" GRADFLOW_CATCH2_INCLUDE)
    else()
      find_package(Catch2 2.13 REQUIRED CONFIG)
      add_library(gradflow_catch2 ALIAS Catch2::Catch2)
    endif()
  endif()
endif()
