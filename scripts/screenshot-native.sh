#!/usr/bin/env bash
# Screenshot of the native app on a virtual X display: build/screenshots/native.png
#
#   scripts/screenshot-native.sh [binary]      (default build/app/src/platform/gradflow)
#
# Runs the app under Xvfb (Mesa llvmpipe gives GL 3.3+), waits until it reports its first frame
# plus a moment for animations to move, grabs the root window with ImageMagick, then stops the app.
# Env: WAIT_S (seconds after the first frame, default 1.5), SIZE (default 1280x720), TIMEOUT_S (20).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$here/build/app/src/platform/gradflow}
out_dir=$here/build/screenshots
out=$out_dir/native.png
[ -x "$bin" ] || { echo "screenshot-native: $bin not built; run: cmake --preset app && cmake --build --preset app" >&2; exit 1; }
mkdir -p "$out_dir"
export WAIT_S=${WAIT_S:-1.5} SIZE=${SIZE:-1280x720} TIMEOUT_S=${TIMEOUT_S:-20} BIN=$bin OUT=$out
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}   # Mesa/libdbus leaks are not ours

# Everything inside one xvfb-run so the display lives exactly as long as the capture needs it.
timeout "$((TIMEOUT_S + 10))" xvfb-run -a -s "-screen 0 ${SIZE}x24" bash -c '
  set -u
  log=$(mktemp)
  "$BIN" >"$log" 2>&1 &
  app=$!
  for _ in $(seq 1 $((TIMEOUT_S * 10))); do
    grep -q "first frame rendered" "$log" && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.1
  done
  if ! grep -q "first frame rendered" "$log"; then
    echo "screenshot-native: the app did not render a frame:" >&2; cat "$log" >&2
    kill "$app" 2>/dev/null; exit 1
  fi
  sleep "$WAIT_S"
  import -window root "$OUT"
  status=$?
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null
  cat "$log"
  exit $status
'
echo "screenshot-native: wrote $out"
