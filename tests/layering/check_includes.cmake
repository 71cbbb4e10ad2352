# The house reads top-down: core → anim / view / embed / tutor → session → ui → platform (and cli over
# core). Every #include "dir/…" in src/<layer>/ must name a layer it may use, and nothing below
# the UI may include ImGui, SDL, GL or Emscripten headers.
#
#   cmake -DSRC=<dir holding core/, ui/, …> -P check_includes.cmake
# Prints every offending line and fails when there is one.
cmake_minimum_required(VERSION 3.20)   # IN_LIST
if(NOT SRC)
  message(FATAL_ERROR "check_includes: pass -DSRC=<the src directory>")
endif()
get_filename_component(SRC "${SRC}" ABSOLUTE)

set(allowed_core     core)
set(allowed_anim     core anim)
set(allowed_view     core anim view)
set(allowed_embed    core embed)
set(allowed_tutor    core tutor)   # beside anim/view/embed: over core only
set(allowed_session  core anim view embed tutor session)
set(allowed_ui       core anim view embed tutor session ui)
set(allowed_platform core anim view embed tutor session ui platform)
set(allowed_cli      core tutor cli)
set(pure core anim view embed tutor session cli)   # no GUI or platform headers at all

set(bad 0)
file(GLOB layers LIST_DIRECTORIES true RELATIVE "${SRC}" "${SRC}/*")
foreach(layer IN LISTS layers)
  if(NOT IS_DIRECTORY "${SRC}/${layer}")
    continue()
  endif()
  if(NOT DEFINED allowed_${layer})
    message(SEND_ERROR "check_includes: src/${layer}/ is not a known layer; add it to ${CMAKE_CURRENT_LIST_FILE}")
    math(EXPR bad "${bad} + 1")
    continue()
  endif()
  file(GLOB_RECURSE files "${SRC}/${layer}/*.cpp" "${SRC}/${layer}/*.hpp" "${SRC}/${layer}/*.h")
  foreach(f IN LISTS files)
    file(STRINGS "${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
    foreach(line IN LISTS lines)
      if(line MATCHES "#[ \t]*include[ \t]*\"([a-z_]+)/")
        set(dir "${CMAKE_MATCH_1}")
        if(IS_DIRECTORY "${SRC}/${dir}" AND NOT dir IN_LIST allowed_${layer})
          message("${f}: src/${layer} may not include ${dir}/ (allowed: ${allowed_${layer}}): ${line}")
          math(EXPR bad "${bad} + 1")
        endif()
      endif()
      if(layer IN_LIST pure AND line MATCHES "#[ \t]*include[ \t]*[\"<](imgui|SDL|GL|GLES|emscripten)")
        message("${f}: src/${layer} is below the UI and may not include GUI or platform headers: ${line}")
        math(EXPR bad "${bad} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()

if(bad GREATER 0)
  message(FATAL_ERROR "check_includes: ${bad} include(s) run against the layers")
endif()
message(STATUS "check_includes: every include in ${SRC} follows the layers")
