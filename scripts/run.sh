#!/usr/bin/env bash
# The front door: set up (idempotent), build the web page, serve it on 127.0.0.1.
#
#   scripts/run.sh              build/web/ at http://127.0.0.1:8080/ (or the first free port after it)
#   PORT=9000 scripts/run.sh    a given port
#   scripts/run.sh --no-serve   build only
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

"$here/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$here/scripts/env.sh"

cmake --preset web
cmake --build --preset web -j"${JOBS:-2}"

[ "${1:-}" = "--no-serve" ] && exit 0
exec python3 "$here/scripts/serve.py" "$here/build/web" "${PORT:-}"
