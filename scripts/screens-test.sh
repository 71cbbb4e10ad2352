#!/usr/bin/env bash
# Builds the native app and the web page (incrementally, every run: never a stale binary), takes
# a screenshot of each and checks that it is not blank. Prints "screens: ok <what>" or
# "screens: FAILED <what>" per check. Screenshots stay in build/screenshots/ to be looked at.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
. scripts/env.sh
status=0
mkdir -p build/test-logs build/screenshots
ok()   { echo "screens: ok $*"; }
bad()  { echo "screens: FAILED $*"; status=1; }
# A blank or single-colour picture has almost no spread in its pixel values.
not_blank() {
  local sd
  sd=$(convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info: 2>/dev/null) || return 1
  awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }'
}

# Always (re)build: a screenshot of whatever binary happens to lie in build/app would test a stale
# build. Incremental, so it costs nothing when the app is up to date.
if { cmake --preset app && cmake --build build/app -j"${JOBS:-2}" --target gradflow; } >build/test-logs/app.build 2>&1; then
  if bash scripts/screenshot-native.sh >build/test-logs/screens-native.log 2>&1 && not_blank build/screenshots/native.png; then
    ok "native window renders (build/screenshots/native.png)"
  else
    cat build/test-logs/screens-native.log; bad "native window screenshot"
  fi
  # Paused and untouched, the window draws nothing (SDL_WaitEvent); playing is the control.
  if bash scripts/idle-native.sh >build/test-logs/idle-native.log 2>&1; then
    ok "native window idles while paused ($(sed -n 's/^idle-native: paused: //p' build/test-logs/idle-native.log))"
  else
    cat build/test-logs/idle-native.log; bad "native idle"
  fi
else
  tail -n 40 build/test-logs/app.build; bad "native app build (log: build/test-logs/app.build)"
fi

# One retry: Debian's em++ 3.1.6 once failed in its acorn JS optimizer and passed on the next try.
if { cmake --preset web && { cmake --build build/web -j2 || cmake --build build/web -j2; }; } >build/test-logs/web.build 2>&1; then
  if node tests/browser/screenshot.mjs >build/test-logs/screens-web.log 2>&1 && not_blank build/screenshots/web.png; then
    ok "web page renders with no console errors (build/screenshots/web.png)"
  else
    cat build/test-logs/screens-web.log; bad "web page screenshot"
  fi
  # The page's size budget (cmake/WebAssets.cmake writes the check with its numbers).
  if budget=$(bash build/web/checks/size-budget.sh 2>&1); then
    ok "page within its size budget: ${budget##*within budget }"
  else
    echo "$budget"; bad "page over its size budget"
  fi
else
  tail -n 40 build/test-logs/web.build; bad "web build"
fi
exit $status
