#!/usr/bin/env bash
# Builds the native app (the `app` preset) and starts it. Extra arguments go to the app.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
"$here/scripts/setup.sh"   # full: the ImGui sources live in the cache
cmake --preset app
cmake --build --preset app -j"${JOBS:-2}"
exec "$here/build/app/src/platform/gradflow" "$@"
