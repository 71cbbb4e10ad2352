#!/usr/bin/env bash
# Figures for the web page (not tests): first-frame time, transfer sizes, frames/s animating,
# frames drawn while paused, the app's frame-build cost — in headless Chromium (bench/web.mjs).
#
#   scripts/bench-web.sh                    build the web preset, then measure build/web
#   scripts/bench-web.sh <older build/web>  the same, beside an older build (before → after)
#   NO_BUILD=1 scripts/bench-web.sh ...     measure build/web as it is
# scripts/bench-data.sh runs this with GRADFLOW_BENCH=bench/data.mjs (issue 8's epochs/s).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
# shellcheck source=scripts/env.sh
. scripts/env.sh
if [ -z "${NO_BUILD:-}" ]; then
  bash scripts/setup.sh >/dev/null
  mkdir -p build/test-logs
  log=build/test-logs/$(basename "${GRADFLOW_BENCH:-web}" .mjs)-bench-build.log
  { cmake --preset web && cmake --build build/web -j"${JOBS:-2}"; } >"$log" 2>&1 \
    || { tail -n 30 "$log"; echo "bench: the web build failed"; exit 1; }
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund >/dev/null)
fi
exec node "${GRADFLOW_BENCH:-bench/web.mjs}" build/web "$@"
