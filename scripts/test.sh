#!/usr/bin/env bash
# The README's test command: sets up (idempotent) and runs every test.
#
#   scripts/test.sh                 every stage below
#   scripts/test.sh native wasm     only the named stages
#
# Stages:
#   native   the app preset: core, CLI, timeline, layout and UI tests (Catch2 + CTest), benchmarks built
#   asan     the core and CLI tests under AddressSanitizer + UndefinedBehaviorSanitizer
#   wasm     the core, timeline and layout tests compiled to WebAssembly and run under node
#   fuzz     libFuzzer on the config parser and the name parser, FUZZ_SECONDS each (default 20)
#   screens  the native app under Xvfb and the web page in headless Chromium: a first frame,
#            no console errors, a picture that is not blank (build/screenshots/)
#   style    scripts/format-check.sh (.clang-format) and scripts/tidy.sh (.clang-tidy, build/app)
# Ends with one line "gradflow: N passed, N failed" over every stage.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(native asan wasm fuzz screens)
jobs=${JOBS:-2}

bash "$here/scripts/setup.sh" || { echo "gradflow: 0 passed, 1 failed"; exit 1; }
# shellcheck source=scripts/env.sh
. "$here/scripts/env.sh"

passed=0; failed=0; failures=()
log_dir=$here/build/test-logs
mkdir -p "$log_dir"

banner() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
record() {  # name, exit code
  if [ "$2" = 0 ]; then return; fi
  failures+=("$1")
}
# Adds ctest's counts from its summary line ("95% tests passed, 1 tests failed out of 20").
count_ctest() {
  local line total nfail
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$1" | tail -n1)
  if [ -z "$line" ]; then failed=$((failed + 1)); return; fi
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  nfail=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
  passed=$((passed + total - nfail)); failed=$((failed + nfail))
}
ctest_preset() {  # preset name, build dir
  local log=$log_dir/$1.log
  { cmake --preset "$1" && cmake --build "build/$1" -j"$jobs"; } >"$log.build" 2>&1
  local rc=$?
  if [ $rc != 0 ]; then tail -n 60 "$log.build"; echo "stage $1: build failed (log: $log.build)"; failed=$((failed + 1)); record "$1 build" 1; return; fi
  ctest --test-dir "build/$1" -j"$jobs" --output-on-failure --timeout 600 2>&1 | tee "$log"
  record "$1" "${PIPESTATUS[0]}"
  count_ctest "$log"
}

for stage in "${stages[@]}"; do
  case $stage in
  native)
    banner "native: core, CLI, timeline, layout, UI"
    ctest_preset app
    ;;
  asan)
    banner "asan: core and CLI under ASan + UBSan"
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 ctest_preset asan
    ;;
  wasm)
    banner "wasm: core, timeline and layout tests in WebAssembly under node"
    ctest_preset wasm
    ;;
  fuzz)
    banner "fuzz: libFuzzer, ${FUZZ_SECONDS:-20} s per target"
    if { cmake --preset fuzz && cmake --build build/fuzz -j"$jobs"; } >"$log_dir/fuzz.build" 2>&1; then
      for t in config names; do
        corpus=build/fuzz/corpus-$t
        mkdir -p "$corpus" && cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
        if "build/fuzz/fuzz/fuzz_$t" -max_total_time="${FUZZ_SECONDS:-20}" -max_len=4096 -timeout=10 \
             -print_final_stats=1 "$corpus" >"$log_dir/fuzz_$t.log" 2>&1; then
          echo "fuzz_$t: $(grep -E '^stat::number_of_executed_units' "$log_dir/fuzz_$t.log" | awk '{print $2}') runs, no crash"
          passed=$((passed + 1))
        else
          tail -n 40 "$log_dir/fuzz_$t.log"; echo "fuzz_$t: FAILED (log: $log_dir/fuzz_$t.log)"
          failed=$((failed + 1)); record "fuzz_$t" 1
        fi
      done
    else
      tail -n 40 "$log_dir/fuzz.build"; failed=$((failed + 1)); record "fuzz build" 1
    fi
    ;;
  screens)
    banner "screens: native window under Xvfb, web page in headless Chromium"
    bash scripts/screens-test.sh 2>&1 | tee "$log_dir/screens.log"
    rc=${PIPESTATUS[0]}
    n_ok=$(grep -c '^screens: ok ' "$log_dir/screens.log"); n_bad=$(grep -c '^screens: FAILED ' "$log_dir/screens.log")
    passed=$((passed + n_ok)); failed=$((failed + n_bad))
    if [ "$rc" != 0 ] && [ "$n_bad" = 0 ]; then failed=$((failed + 1)); fi
    record screens "$rc"
    if [ -f scripts/browser-test.sh ]; then
      banner "browser: the page, its URL state and JS API in headless Chromium"
      bash scripts/browser-test.sh 2>&1 | tee "$log_dir/browser.log"
      rc=${PIPESTATUS[0]}
      # node --test ends with "# pass N" / "# fail N".
      n_ok=$(grep -E '^# pass [0-9]+' "$log_dir/browser.log" | tail -n1 | awk '{print $3}')
      n_bad=$(grep -E '^# fail [0-9]+' "$log_dir/browser.log" | tail -n1 | awk '{print $3}')
      passed=$((passed + ${n_ok:-0})); failed=$((failed + ${n_bad:-0}))
      if [ "$rc" != 0 ] && [ "${n_bad:-0}" = 0 ]; then failed=$((failed + 1)); fi
      record browser "$rc"
    fi
    ;;
  style)
    banner "style: clang-format and clang-tidy"
    for check in format-check tidy; do
      if bash "scripts/$check.sh" >"$log_dir/$check.log" 2>&1; then
        tail -n 1 "$log_dir/$check.log"; passed=$((passed + 1))
      else
        tail -n 60 "$log_dir/$check.log"; failed=$((failed + 1)); record "$check" 1
      fi
    done
    ;;
  *) echo "unknown stage '$stage' (native asan wasm fuzz screens style)"; failed=$((failed + 1)) ;;
  esac
done

echo
[ ${#failures[@]} -eq 0 ] || echo "failed stages: ${failures[*]}"
echo "gradflow: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#failures[@]} -eq 0 ]
