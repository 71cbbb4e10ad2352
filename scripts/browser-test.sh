#!/usr/bin/env bash
# The page in headless Chromium: builds the web preset, then runs tests/browser/*.test.mjs with
# node's test runner (load, numbers, URL state, hostile links, postMessage across origins, the
# single file from file://, input). Ends with node's summary ("# pass N", "# fail N").
# Screenshots land in build/screenshots/.
#
#   scripts/browser-test.sh                 build + every browser test
#   scripts/browser-test.sh url embed       only tests/browser/{url,embed}.test.mjs
#   NO_BUILD=1 scripts/browser-test.sh      skip the build when build/web is newer than every source;
#                                           a stale build/web is rebuilt (and said so), never tested
#   GRADFLOW_WEB=<dir> NO_BUILD=1 ...       test another build folder as it is (no staleness check)
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
# shellcheck source=scripts/env.sh
. scripts/env.sh
mkdir -p build/test-logs build/screenshots

# Why build/web does not show the sources, or nothing when it does. Ninja's dry run compares the
# outputs' mtimes with every source and header they depend on; without a build.ninja (a copied
# build folder) the newest source file is compared with the oldest output.
stale_reason() {
  local f oldest=""
  for f in index.html gradflow.js gradflow.wasm gradflow-api.js gradflow-standalone.html embed-example.html; do
    [ -e "build/web/$f" ] || { echo "build/web/$f is missing"; return; }
    if [ -z "$oldest" ] || [ "build/web/$f" -ot "$oldest" ]; then oldest=build/web/$f; fi
  done
  if [ -f build/web/build.ninja ]; then
    # A dry run always lists the glob re-check and CMake's re-run (it cannot update their stamp),
    # so those are judged by the CMake files' mtimes instead.
    f=$(find . \( -path ./build -o -path ./.git -o -path ./tests/browser/node_modules \) -prune -o \( -name CMakeLists.txt -o -name '*.cmake' -o -name CMakePresets.json \) \
             -newer build/web/build.ninja -print | head -n1)
    [ -n "$f" ] && { echo "$f changed since build/web was configured"; return; }
    local todo
    todo=$(ninja -C build/web -n 2>&1 | grep -v -e '^ninja: no work to do' -e '^ninja: Entering' \
             -e 'Re-checking globbed directories' -e 'Re-running CMake' | head -n1)
    [ -n "$todo" ] && echo "ninja would rebuild: $todo"
    return
  fi
  f=$(find src web shaders cmake CMakeLists.txt CMakePresets.json -type f -newer "$oldest" -printf '%T@ %p\n' 2>/dev/null \
      | sort -rn | head -n1 | cut -d' ' -f2-)
  [ -n "$f" ] && echo "$f is newer than $oldest"
}

build=1
if [ -n "${NO_BUILD:-}" ]; then
  build=0
  if [ -z "${GRADFLOW_WEB:-}" ]; then
    why=$(stale_reason)
    if [ -n "$why" ]; then
      echo "browser-test: NO_BUILD=1, but build/web is STALE ($why)."
      echo "browser-test: rebuilding the web preset rather than testing old binaries."
      build=1
    fi
  fi
fi
if [ "$build" = 1 ]; then
  if ! { cmake --preset web && cmake --build build/web -j"${JOBS:-2}"; } >build/test-logs/browser-build.log 2>&1; then
    tail -n 40 build/test-logs/browser-build.log
    echo "browser-test: the web build failed (log: build/test-logs/browser-build.log)"
    echo "# pass 0"; echo "# fail 1"
    exit 1
  fi
fi
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/puppeteer-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund >/dev/null) || { echo "browser-test: npm ci failed in tests/browser"; exit 1; }
fi

files=()
if [ $# -gt 0 ]; then
  for name in "$@"; do files+=("tests/browser/$name.test.mjs"); done
else
  files=(tests/browser/*.test.mjs)
fi
# One file at a time: each starts its own Chromium, and two cores are enough for one.
exec node --test --test-concurrency=1 --test-reporter=tap "${files[@]}"
