#!/usr/bin/env bash
# Figures for the web page (not tests): first-frame time, transfer sizes, frames/s animating,
# frames drawn while paused, the app's frame-build cost — in headless Chromium (bench/web.mjs).
#
#   scripts/bench-web.sh                    build the web preset, then measure build/web
#   scripts/bench-web.sh <older build/web>  the same, beside an older build (before → after)
#   NO_BUILD=1 scripts/bench-web.sh ...     measure build/web as it is
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
# shellcheck source=scripts/env.sh
. scripts/env.sh
if [ -z "${NO_BUILD:-}" ]; then
  bash scripts/setup.sh >/dev/null
  mkdir -p build/test-logs
  { cmake --preset web && cmake --build build/web -j"${JOBS:-2}"; } >build/test-logs/bench-web-build.log 2>&1 \
    || { tail -n 30 build/test-logs/bench-web-build.log; echo "bench-web: the web build failed"; exit 1; }
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund >/dev/null)
fi
exec node bench/web.mjs build/web "$@"
