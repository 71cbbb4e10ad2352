#!/usr/bin/env bash
# The page in headless Chromium: builds the web preset, then runs tests/browser/*.test.mjs with
# node's test runner (load, numbers, URL state, hostile links, postMessage across origins, the
# single file from file://, input). Ends with node's summary ("# pass N", "# fail N").
# Screenshots land in build/screenshots/.
#
#   scripts/browser-test.sh                 build + every browser test
#   scripts/browser-test.sh url embed       only tests/browser/{url,embed}.test.mjs
#   NO_BUILD=1 scripts/browser-test.sh      use build/web as it is
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
# shellcheck source=scripts/env.sh
. scripts/env.sh
mkdir -p build/test-logs build/screenshots

if [ -z "${NO_BUILD:-}" ]; then
  if ! { cmake --preset web && cmake --build build/web -j"${JOBS:-2}"; } >build/test-logs/browser-build.log 2>&1; then
    tail -n 40 build/test-logs/browser-build.log
    echo "browser-test: the web build failed (log: build/test-logs/browser-build.log)"
    echo "# pass 0"; echo "# fail 1"
    exit 1
  fi
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
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
