#!/usr/bin/env bash
# The native app idles: paused and untouched under Xvfb it draws its first few frames and then
# none (it blocks in SDL_WaitEvent); playing, it draws continuously (the control). Reads the
# "drew N frames" line the app prints when it quits (SIGTERM becomes SDL_QUIT).
#
#   scripts/idle-native.sh [binary]      (default build/app/src/platform/gradflow)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$here/build/app/src/platform/gradflow}
[ -x "$bin" ] || { echo "idle-native: $bin not built; run: cmake --preset app && cmake --build --preset app" >&2; exit 1; }
export BIN=$bin ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

# Frames drawn in 3 s after the first, with GRADFLOW_DEMO=$1.
frames_in_3s() {
  GRADFLOW_DEMO=$1 timeout 60 xvfb-run -a -s "-screen 0 1280x720x24" bash -c '
    log=$(mktemp)
    "$BIN" >"$log" 2>&1 &
    app=$!
    for _ in $(seq 1 300); do grep -q "first frame rendered" "$log" && break; sleep 0.1; done
    sleep 3
    kill -TERM "$app"; wait "$app"
    sed -n "s/^gradflow: drew \([0-9]*\) frames.*/\1/p" "$log"
    rm -f "$log"'
}
paused=$(frames_in_3s "preset=seed&autoplay=0")
playing=$(frames_in_3s "preset=seed&autoplay=1")
echo "idle-native: paused: ${paused:-?} frames in ~3 s; playing: ${playing:-?} frames"
[ -n "$paused" ] && [ -n "$playing" ] || { echo "idle-native: FAILED, the app did not report its frames"; exit 1; }
[ "$paused" -le 10 ] || { echo "idle-native: FAILED, a paused, untouched window kept drawing ($paused frames)"; exit 1; }
[ "$playing" -gt $((paused + 10)) ] || { echo "idle-native: FAILED, playing drew only $playing frames (the control)"; exit 1; }
echo "idle-native: ok"
