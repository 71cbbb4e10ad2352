#!/usr/bin/env bash
# Rewrites web/first-load.txt from a profile of a reader who only watches (scripts/first-load-profile.mjs),
# then rebuilds the page with it. Run it when split.test.mjs says a watching reader fetched
# gradflow.rest.wasm, or after changes to what the first frames draw. Takes ~7 minutes.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
# shellcheck source=scripts/env.sh
. scripts/env.sh
cmake --preset web >/dev/null && cmake --build build/web -j"${JOBS:-2}" >/dev/null
[ -d tests/browser/node_modules/playwright-core ] || (cd tests/browser && npm ci --no-audit --no-fund >/dev/null)
node scripts/first-load-profile.mjs build/web web/first-load.txt
cmake --build build/web -j"${JOBS:-2}" | tail -n 3
