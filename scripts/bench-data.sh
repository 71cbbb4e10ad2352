#!/usr/bin/env bash
# Issue 8's figure for the page: epochs/s training spiral (6×8 and the default network) with the
# data plane on screen, in headless Chromium (bench/data.mjs). Not a test.
#
#   scripts/bench-data.sh                build the web preset, then measure build/web
#   NO_BUILD=1 scripts/bench-data.sh     measure build/web as it is
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
# shellcheck source=scripts/env.sh
. scripts/env.sh
if [ -z "${NO_BUILD:-}" ]; then
  bash scripts/setup.sh >/dev/null
  mkdir -p build/test-logs
  { cmake --preset web && cmake --build build/web -j"${JOBS:-2}"; } >build/test-logs/bench-data-build.log 2>&1 \
    || { tail -n 30 build/test-logs/bench-data-build.log; echo "bench-data: the web build failed"; exit 1; }
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund >/dev/null)
fi
exec node bench/data.mjs build/web
