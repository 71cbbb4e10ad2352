#!/usr/bin/env bash
# Long fuzzing runs: every libFuzzer target for SECONDS each, one after the other (the machine's
# cores are shared), then one line per target with its execs and crashes.
#
#   scripts/fuzz-long.sh 600            ten minutes per target
#   scripts/fuzz-long.sh 60 api names   only the named targets (default: all of them)
#
# Corpora grow in build/fuzz/corpus-<target> (seeded from fuzz/corpus/<target>), logs and crash
# inputs go to build/fuzz-long/. Exit code 1 when any target crashed or failed to run.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ]; then
  echo "usage: scripts/fuzz-long.sh SECONDS [TARGET...]   (targets: config config_big names page_url api)" >&2
  exit 2
fi
seconds=$1; shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(config config_big names page_url api)

# Big recipes for config_big (its input is a recipe, not JSON); the text parsers stay small.
max_len() { case $1 in config_big) echo 65536 ;; *) echo 4096 ;; esac; }

out=build/fuzz-long
mkdir -p "$out"
if ! { cmake --preset fuzz && cmake --build build/fuzz -j"${JOBS:-2}"; } >"$out/build.log" 2>&1; then
  tail -n 30 "$out/build.log"; echo "fuzz-long: the fuzz preset did not build (log: $out/build.log)" >&2
  exit 1
fi

status=0
results=()
for t in "${targets[@]}"; do
  exe=build/fuzz/fuzz/fuzz_$t
  if [ ! -x "$exe" ]; then echo "fuzz-long: no target fuzz_$t" >&2; status=1; continue; fi
  corpus=build/fuzz/corpus-$t
  mkdir -p "$corpus" "$out/crashes-$t" && cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
  echo "fuzz_$t: ${seconds} s …"
  "$exe" -max_total_time="$seconds" -max_len="$(max_len "$t")" -timeout=30 -print_final_stats=1 \
         -artifact_prefix="$out/crashes-$t/" "$corpus" >"$out/fuzz_$t.log" 2>&1
  rc=$?
  execs=$(grep -E '^stat::number_of_executed_units' "$out/fuzz_$t.log" | awk '{print $2}')
  crashes=$(find "$out/crashes-$t" -type f | wc -l)
  [ "$rc" = 0 ] && [ "$crashes" = 0 ] || status=1
  results+=("$(printf '%-16s %12s execs  %3s crashes  %s s  exit %s' "fuzz_$t" "${execs:-?}" "$crashes" "$seconds" "$rc")")
  [ "$rc" = 0 ] || tail -n 20 "$out/fuzz_$t.log"
done

echo
printf '%s\n' "${results[@]}"
[ "$status" = 0 ] && echo "fuzz-long: no crash" || echo "fuzz-long: FAILED (logs and crash inputs in $out/)"
exit "$status"
