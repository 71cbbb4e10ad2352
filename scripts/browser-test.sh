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

# Why build/web does not show the sources, or nothing when it does: the newest file the page is
# built from against the oldest output. (Ninja's dry run cannot tell: with CONFIGURE_DEPENDS
# globs it always stops at "Re-running CMake" and lists nothing else.)
outputs=(index.html gradflow.js gradflow.wasm gradflow-api.js gradflow-standalone.html embed-example.html
         gradflow-tutor.js gradflow-tutor.wasm)
stale_reason() {
  local f oldest=""
  for f in "${outputs[@]}"; do
    [ -e "build/web/$f" ] || { echo "build/web/$f is missing"; return; }
    if [ -z "$oldest" ] || [ "build/web/$f" -ot "$oldest" ]; then oldest=build/web/$f; fi
  done
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
  # Built just now, so current: copy_if_different leaves a page file's mtime alone when only
  # its source's mtime changed, which would otherwise read as stale forever.
  (cd build/web && touch "${outputs[@]}")
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
