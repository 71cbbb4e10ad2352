#!/usr/bin/env bash
# Installs everything gradflow needs on Debian 12, idempotently.
#
#   scripts/setup.sh            native + wasm + browser toolchain, ImGui/SDL2 sources, web SDL2
#   scripts/setup.sh --native   only what the native core, CLI and tests need
#
# Downloaded sources and the web build of SDL2 live in $GRADFLOW_CACHE
# (default ~/.cache/gradflow), outside the clone, so a fresh clone reuses them.
# Nothing it fetches is committed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${GRADFLOW_CACHE:-$HOME/.cache/gradflow}
mode=${1:-all}

say()  { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die()  { printf '\033[1;31m[setup] error:\033[0m %s\n' "$*" >&2; exit 1; }

[ -r /etc/debian_version ] || die "this script targets Debian 12 (bookworm). Elsewhere install the packages listed in README.md by hand."
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || die "run as root or install sudo"
  sudo="sudo"
fi

native_pkgs=(build-essential cmake ninja-build ccache pkg-config catch2 libbenchmark-dev
             clang-14 libclang-rt-14-dev libsdl2-dev libgl-dev fonts-dejavu-core dpkg-dev
             python3-fonttools   # cmake/FontSubset.cmake: the UI font cut to the glyphs it shows
             libmuparser-dev     # src/tutor: evaluates the right sides of a student's working
             xvfb xauth x11-apps imagemagick texlive-latex-base
             clang-format-14 clang-tidy-14)   # scripts/format-check.sh, scripts/tidy.sh
web_pkgs=(emscripten nodejs chromium firefox-esr fonts-dejavu-core
          brotli wabt    # precompressed .br beside the page's files; scripts/size-report.sh (wasm-objdump)
          binaryen)      # web/split_module.py: wasm-split, wasm-opt

pkgs=("${native_pkgs[@]}")
[ "$mode" = "--native" ] || pkgs+=("${web_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Source packages need a deb-src entry (same URI, suites and key as the binary entry).
need_src=0
if [ "$mode" != "--native" ]; then
  [ -d "$cache/src/imgui" ] && [ -d "$cache/src/benchmark" ] && [ -d "$cache/src/muparser" ] || need_src=1
fi
src_list=/etc/apt/sources.list.d/gradflow-src.sources
if [ "$need_src" = 1 ] && [ ! -f "$src_list" ]; then
  say "adding a deb-src entry for Debian's source packages ($src_list)"
  $sudo tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  missing+=(__update__)
fi

if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]/__update__/}"
  $sudo apt-get update -qq || die "apt-get update failed: is Debian's archive reachable?"
  real=()
  for p in "${missing[@]}"; do [ "$p" = __update__ ] || real+=("$p"); done
  if [ ${#real[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${real[@]}" >/dev/null \
      || die "apt-get install failed for: ${real[*]}"
  fi
else
  say "Debian packages already installed"
fi

if [ "$mode" = "--native" ]; then say "native set-up done"; exit 0; fi

# --- ImGui and SDL2 sources (one tree serves the native and the web build) ---
mkdir -p "$cache/src"
fetch_src() {  # name-in-cache, source package
  local dest="$cache/src/$1" pkg=$2
  [ -d "$dest" ] && return 0
  say "fetching Debian source package $pkg"
  local tmp; tmp=$(mktemp -d "$cache/src/.fetch.XXXX")
  (cd "$tmp" && apt-get source -qq "$pkg" >/dev/null 2>&1) \
    || { rm -rf "$tmp"; die "apt-get source $pkg failed (is the deb-src entry in $src_list?)"; }
  local dir; dir=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n1)
  [ -n "$dir" ] || die "apt-get source $pkg produced no directory"
  mv "$dir" "$dest"; rm -rf "$tmp"
}
fetch_src imgui imgui
fetch_src benchmark benchmark
fetch_src muparser muparser
[ -f "$cache/src/imgui/imgui.h" ] || die "$cache/src/imgui has no imgui.h; delete it and re-run"
say "ImGui $(grep -m1 '#define IMGUI_VERSION ' "$cache/src/imgui/imgui.h" | cut -d'"' -f2), sources in $cache/src"

# --- Emscripten: a writable cache seeded from the frozen system one (trap 5) ---
export NODE_PATH=/usr/share/nodejs   # trap 1: em++ needs acorn from Debian's node modules
if [ ! -d "$cache/emcache" ]; then
  say "seeding a writable Emscripten cache"
  cp -a /usr/share/emscripten/cache "$cache/emcache.tmp" && mv "$cache/emcache.tmp" "$cache/emcache"
fi

# A library from Debian's source (in $cache/src/NAME) built with emcmake and installed into
# $cache/PREFIX, once: web_lib NAME PREFIX CONFIG_FILE "what it is, how long" cmake-args...
web_lib() {
  local name=$1 prefix="$cache/$2" config=$3 what=$4; shift 4
  [ -f "$prefix/$config" ] && return 0
  say "building $what"
  rm -rf "$cache/$2-build"
  EM_CACHE="$cache/emcache" EM_FROZEN_CACHE= emcmake cmake -S "$cache/src/$name" -B "$cache/$2-build" -G Ninja \
      "$@" -DCMAKE_INSTALL_PREFIX="$prefix" >"$cache/$2.log" 2>&1 \
    || die "configuring $name for the web failed; see $cache/$2.log"
  EM_CACHE="$cache/emcache" EM_FROZEN_CACHE= cmake --build "$cache/$2-build" --target install >>"$cache/$2.log" 2>&1 \
    || die "building $name for the web failed; see $cache/$2.log"
}

# Google Benchmark, for the wasm benchmarks under node.
web_lib benchmark benchmark-web lib/cmake/benchmark/benchmarkConfig.cmake "Google Benchmark for wasm (about a minute, once)" \
  -DCMAKE_BUILD_TYPE=Release -DBENCHMARK_ENABLE_TESTING=OFF -DBENCHMARK_ENABLE_GTEST_TESTS=OFF \
  -DBENCHMARK_ENABLE_WERROR=OFF -DBENCHMARK_ENABLE_INSTALL=ON -DGIT_VERSION=0.0.0 -DHAVE_STD_REGEX=ON -DRUN_HAVE_STD_REGEX=0

# muparser: the tutor's expression evaluator (src/tutor/expr.cpp). Static, no OpenMP (no threads
# on the page), no samples or tests, built for size. muparser reports syntax errors by throwing,
# so it is compiled with WebAssembly exceptions (-fwasm-exceptions), the mode every wasm object of
# ours uses (cmake/Emscripten.cmake): one module cannot mix it with Emscripten's JavaScript-emulated
# exceptions. The folder is named for the mode, so a cache built for the emulation is not reused.
# CMake finds it through -Dmuparser_DIR=<prefix>/lib/cmake/muparser (the presets pass it):
# Emscripten's toolchain file confines find_package to its sysroot.
web_lib muparser muparser-web-weh lib/cmake/muparser/muparserConfig.cmake "muparser for the web (under a minute, once)" \
  -DCMAKE_BUILD_TYPE=MinSizeRel -DBUILD_SHARED_LIBS=OFF -DENABLE_OPENMP=OFF -DENABLE_SAMPLES=OFF \
  -DBUILD_TESTING=OFF -DENABLE_WIDE_CHAR=OFF -DCMAKE_CXX_FLAGS=-fwasm-exceptions

# --- Google Closure Compiler for the page's JavaScript (em++ --closure 1), from the npm registry,
# pinned by tools/closure-compiler/package-lock.json; installed into the cache (its native binary is
# ~220 MB, not re-downloaded for every clean clone) and reinstalled when the lock changes ---
closure="$cache/closure-compiler"
if ! cmp -s "$here/tools/closure-compiler/package-lock.json" "$closure/package-lock.json" \
   || [ ! -x "$closure/node_modules/.bin/google-closure-compiler" ]; then
  say "installing the Closure Compiler (for the page's JavaScript) from the npm registry"
  rm -rf "$closure" && mkdir -p "$closure"
  cp "$here/tools/closure-compiler/package.json" "$here/tools/closure-compiler/package-lock.json" "$closure/"
  (cd "$closure" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci of the Closure Compiler in $closure failed"
fi
"$closure/node_modules/.bin/google-closure-compiler" --version >/dev/null 2>&1 \
  || die "the Closure Compiler in $closure does not run; delete that folder and run scripts/setup.sh again"

# --- playwright-core and puppeteer-core for the browser tests (no browser download: Debian's
# chromium and firefox-esr are used) ---
if [ -f "$here/tests/browser/package.json" ] && { [ ! -d "$here/tests/browser/node_modules/playwright-core" ] \
     || [ ! -d "$here/tests/browser/node_modules/puppeteer-core" ]; }; then
  say "installing playwright-core and puppeteer-core from the npm registry"
  (cd "$here/tests/browser" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci in tests/browser failed"
fi

say "done. cache: $cache"
