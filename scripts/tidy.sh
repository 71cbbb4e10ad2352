#!/usr/bin/env bash
# Runs clang-tidy-14 with the repository's .clang-tidy over every .cpp in src/, using the
# compile_commands.json of a native build tree. Exit 0 when clean, 1 when a check fires (the
# findings are printed), 2 when something needed is missing.
#
#   scripts/tidy.sh                  build/app (configured with `cmake --preset app` if needed)
#   scripts/tidy.sh BUILD_DIR        another native tree (not an Emscripten one: its flags are em++'s)
#   scripts/tidy.sh BUILD_DIR FILE…  only these files
# JOBS (default 2) files are checked in parallel.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
build=${1:-build/app}
shift || true
tidy=${CLANG_TIDY:-clang-tidy-14}
command -v "$tidy" >/dev/null || {
  echo "tidy: $tidy not found. Install it (Debian: apt-get install clang-tidy-14, which scripts/setup.sh --native does)." >&2
  exit 2; }

if [ ! -f "$build/compile_commands.json" ]; then
  if [ "$build" = build/app ]; then
    cmake --preset app >/dev/null || { echo "tidy: cmake --preset app failed" >&2; exit 2; }
  else
    echo "tidy: $build/compile_commands.json not found: configure that tree first (cmake --preset …)." >&2
    exit 2
  fi
fi
if grep -q 'em++\|emcc' "$build/compile_commands.json"; then
  echo "tidy: $build is an Emscripten tree; give a native one (build/app, build/dev)." >&2
  exit 2
fi
# The fonts and shaders are compiled in through generated headers (cmake/Embed.cmake): make them.
generated=$(ninja -C "$build" -t targets all 2>/dev/null | grep -o '^[^:]*/embed/[^:/]*\.hpp' || true)
if [ -n "$generated" ]; then
  # shellcheck disable=SC2086
  ninja -C "$build" $generated >/dev/null || { echo "tidy: generating the embedded headers failed" >&2; exit 2; }
fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  # Only what this tree compiles (src/platform is absent from a tree without the app).
  mapfile -t files < <(git ls-files -- 'src/*.cpp' | while read -r f; do
    grep -q "\"file\": \"[^\"]*/$f\"" "$build/compile_commands.json" && echo "$f"; done)
fi
[ ${#files[@]} -gt 0 ] || { echo "tidy: no files to check in $build" >&2; exit 2; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# --quiet drops the "N warnings generated" chatter; third-party headers are filtered by .clang-tidy.
printf '%s\n' "${files[@]}" | xargs -P "${JOBS:-2}" -n 1 "$tidy" -p "$build" --quiet >"$log" 2>&1
status=$?
grep -v '^[0-9]* warnings\? generated\.$\|^Suppressed [0-9]* warnings\|^Use -header-filter=\|^Use -system-headers' "$log"
if [ $status -ne 0 ] || grep -q 'warning:\|error:' "$log"; then
  echo "tidy: findings above (${#files[@]} files checked with $("$tidy" --version | grep -o 'version [0-9.]*'))"
  exit 1
fi
echo "tidy: ${#files[@]} files clean"
