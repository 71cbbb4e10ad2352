#!/usr/bin/env bash
# The README's test command: sets up (idempotent) and runs every test.
#
#   scripts/test.sh                 every stage below
#   scripts/test.sh native wasm     only the named stages
#
# Stages:
#   native   the app preset: core, CLI, timeline, layout, embed and UI tests (Catch2 + CTest), benchmarks built
#   asan     the same tests (core, CLI, timeline, layout, embed, headless UI) under AddressSanitizer + UBSan
#   wasm     the core, timeline, layout, embed and tutor tests compiled to WebAssembly and run under node
#   fuzz     libFuzzer on the config parser and the name parser, FUZZ_SECONDS each (default 20)
#   mutate   scripts/mutate.sh: hand-written bugs in the math and the timeline; each must fail a test
#   screens  the native app under Xvfb and the web page in headless Chromium: a first frame,
#            no console errors, a picture that is not blank (build/screenshots/); then the browser
#            tests (scripts/browser-test.sh), counted as the stage "browser"
#   style    scripts/format-check.sh: the tree is formatted as .clang-format says (scripts/tidy.sh,
#            clang-tidy, is run by hand: ~20 min on 2 cores)
# Each stage's count is printed on its own line, then one closing line over every stage:
#   gradflow: N passed, N failed
# A stage, a test directory or a test that did not run (not built, no tests found, skipped,
# cancelled, a missing tool) counts as failed, never as passed or silently left out.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(style native asan wasm fuzz mutate screens)
jobs=${JOBS:-2}

bash "$here/scripts/setup.sh" || { echo "gradflow: 0 passed, 1 failed"; exit 1; }
# shellcheck source=scripts/env.sh
. "$here/scripts/env.sh"
# ccache (installed by setup.sh) makes a second run on the same machine rebuild only what changed;
# paths below the clone are hashed relative to it, so a fresh clone elsewhere still hits the cache.
if command -v ccache >/dev/null && [ -z "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ]; then
  export CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache CCACHE_BASEDIR=$here
fi

passed=0; failed=0; failures=()
declare -A stage_pass=() stage_fail=()
stage_order=()
log_dir=$here/build/test-logs
mkdir -p "$log_dir"

banner() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
record() {  # name, exit code
  if [ "$2" = 0 ]; then return; fi
  failures+=("$1")
}
count() {  # stage, passed, failed: adds to the stage's line and to the closing line
  if [ -z "${stage_pass[$1]+set}" ]; then stage_order+=("$1"); stage_pass[$1]=0; stage_fail[$1]=0; fi
  stage_pass[$1]=$((stage_pass[$1] + $2)); stage_fail[$1]=$((stage_fail[$1] + $3))
  passed=$((passed + $2)); failed=$((failed + $3))
}
# A stage that counted nothing did not run: a failure, not a silent gap in the total.
ran_something() {  # stage
  if [ -z "${stage_pass[$1]+set}" ] || [ $((stage_pass[$1] + stage_fail[$1])) = 0 ]; then
    echo "stage $1: FAILED, no test ran"; count "$1" 0 1; record "$1 (nothing ran)" 1
  fi
}
# Adds ctest's counts from its summary line ("95% tests passed, 1 tests failed out of 20");
# tests ctest lists as not run (Skipped, Disabled, Not Run) are failures.
count_ctest() {  # stage, log
  local line total nfail skipped disabled
  if grep -q "No tests were found" "$2"; then echo "stage $1: FAILED, ctest found no tests"; count "$1" 0 1; return; fi
  line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$2" | tail -n1)
  if [ -z "$line" ]; then echo "stage $1: FAILED, ctest printed no summary"; count "$1" 0 1; return; fi
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  nfail=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
  skipped=$(sed -n '/The following tests did not run:/,/^$/p' "$2" | grep -cE '\((Skipped)\)$')
  disabled=$(sed -n '/The following tests did not run:/,/^$/p' "$2" | grep -cE '\((Disabled|Not Run)\)$')
  [ $((skipped + disabled)) = 0 ] || echo "stage $1: $((skipped + disabled)) tests did not run; counted as failed"
  count "$1" $((total - nfail - skipped)) $((nfail + skipped + disabled))
}
# Every test directory the stage builds must have put tests into CTest: a directory that was not
# built or whose discovery found nothing is one failure each, named.
expect_tests() {  # stage, build dir, expected sources (an executable name, or cli / latex)
  local stage=$1 dir=$2 listing what re; shift 2
  listing=$(ctest --test-dir "$dir" --show-only=json-v1 2>/dev/null)
  for what in "$@"; do
    case $what in
    cli)   re='"cli\.' ;;
    latex) re='"cli\.latex_typesets_' ;;
    *)     re="/${what}(\\.js)?\"" ;;
    esac
    if ! grep -qE "$re" <<<"$listing"; then
      echo "stage $stage: FAILED, no tests from $what in $dir (not built, or discovery found none)"
      count "$stage" 0 1; record "$stage: $what missing" 1
    fi
  done
}
ctest_preset() {  # stage, preset, expected test sources (see expect_tests)
  local stage=$1 preset=$2; shift 2
  local log=$log_dir/$preset.log
  { cmake --preset "$preset" && cmake --build "build/$preset" -j"$jobs"; } >"$log.build" 2>&1
  local rc=$?
  if [ $rc != 0 ]; then tail -n 60 "$log.build"; echo "stage $stage: build failed (log: $log.build)"; count "$stage" 0 1; record "$stage build" 1; return; fi
  expect_tests "$stage" "build/$preset" "$@"
  ctest --test-dir "build/$preset" -j"$jobs" --output-on-failure --timeout 600 2>&1 | tee "$log"
  record "$stage" "${PIPESTATUS[0]}"
  count_ctest "$stage" "$log"
}
# node --test (TAP) ends with "# pass N", "# fail N", "# skipped N", "# cancelled N", "# todo N":
# a skipped, cancelled or todo test did not test anything, so it is a failure.
count_node() {  # stage, log
  local k n ok=0 bad=0
  for k in pass fail skipped cancelled todo; do
    n=$(grep -E "^# $k [0-9]+" "$2" | tail -n1 | awk '{print $3}')
    n=${n:-0}
    case $k in pass) ok=$n ;; fail) bad=$((bad + n)) ;; *) bad=$((bad + n)); [ "$n" = 0 ] || echo "stage $1: $n $k, counted as failed" ;; esac
  done
  count "$1" "$ok" "$bad"
}

for stage in "${stages[@]}"; do
  case $stage in
  native)
    banner "native: core, CLI, timeline, layout, embed, UI"
    ctest_preset native app core_tests anim_tests view_tests embed_tests session_tests ui_tests tutor_tests cli latex
    ;;
  asan)
    banner "asan: core, CLI, timeline, layout, embed and headless UI under ASan + UBSan"
    # LeakSanitizer stays on: the UI tests run headless (no GL, no X), so no Mesa/libdbus leaks.
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1 \
      ctest_preset asan asan core_tests anim_tests view_tests embed_tests session_tests ui_tests tutor_tests cli
    ;;
  wasm)
    banner "wasm: core, timeline, layout, embed and tutor tests in WebAssembly under node"
    # tutor_tests: muparser built for wasm gives the native verdicts (scripts/setup.sh builds it)
    ctest_preset wasm wasm core_tests anim_tests view_tests embed_tests tutor_tests
    ;;
  fuzz)
    banner "fuzz: libFuzzer, ${FUZZ_SECONDS:-20} s per target"
    if { cmake --preset fuzz && cmake --build build/fuzz -j"$jobs"; } >"$log_dir/fuzz.build" 2>&1; then
      for t in config config_big names page_url api working; do
        corpus=build/fuzz/corpus-$t
        mkdir -p "$corpus" && cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null
        if "build/fuzz/fuzz/fuzz_$t" -max_total_time="${FUZZ_SECONDS:-20}" -max_len=4096 -timeout=10 \
             -print_final_stats=1 "$corpus" >"$log_dir/fuzz_$t.log" 2>&1; then
          echo "fuzz_$t: $(grep -E '^stat::number_of_executed_units' "$log_dir/fuzz_$t.log" | awk '{print $2}') runs, no crash"
          count fuzz 1 0
        else
          tail -n 40 "$log_dir/fuzz_$t.log"; echo "fuzz_$t: FAILED (log: $log_dir/fuzz_$t.log)"
          count fuzz 0 1; record "fuzz_$t" 1
        fi
      done
    else
      tail -n 40 "$log_dir/fuzz.build"; count fuzz 0 1; record "fuzz build" 1
    fi
    ;;
  mutate)
    banner "mutate: every hand-written bug in the math and the timeline must fail a test"
    bash scripts/mutate.sh 2>&1 | tee "$log_dir/mutate.log"
    rc=${PIPESTATUS[0]}
    n_ok=$(grep -c '^mutate: caught ' "$log_dir/mutate.log"); n_bad=$(grep -cE '^mutate: (SURVIVED|BROKEN) ' "$log_dir/mutate.log")
    count mutate "$n_ok" "$n_bad"
    if [ "$rc" != 0 ] && [ "$n_bad" = 0 ]; then count mutate 0 1; fi
    record mutate "$rc"
    ;;
  screens)
    banner "screens: native window under Xvfb, web page in headless Chromium"
    bash scripts/screens-test.sh 2>&1 | tee "$log_dir/screens.log"
    rc=${PIPESTATUS[0]}
    n_ok=$(grep -c '^screens: ok ' "$log_dir/screens.log"); n_bad=$(grep -c '^screens: FAILED ' "$log_dir/screens.log")
    count screens "$n_ok" "$n_bad"
    if [ "$rc" != 0 ] && [ "$n_bad" = 0 ]; then count screens 0 1; fi
    record screens "$rc"
    banner "browser: the page, its URL state and JS API in headless Chromium"
    if [ -f scripts/browser-test.sh ]; then
      bash scripts/browser-test.sh 2>&1 | tee "$log_dir/browser.log"
      rc=${PIPESTATUS[0]}
      before=${stage_fail[browser]:-0}
      count_node browser "$log_dir/browser.log"
      if [ "$rc" != 0 ] && [ "${stage_fail[browser]:-0}" = "$before" ]; then count browser 0 1; fi
      record browser "$rc"
    else
      echo "stage browser: FAILED, scripts/browser-test.sh is missing"; count browser 0 1; record browser 1
    fi
    ran_something browser
    ;;
  style)
    banner "style: clang-format"
    if bash scripts/format-check.sh >"$log_dir/format-check.log" 2>&1; then
      tail -n 1 "$log_dir/format-check.log"; count style 1 0
    else
      tail -n 60 "$log_dir/format-check.log"; count style 0 1; record format-check 1
    fi
    ;;
  *) echo "unknown stage '$stage' (native asan wasm fuzz mutate screens style)"; count "$stage" 0 1; record "$stage" 1; continue ;;
  esac
  ran_something "$stage"
done

# One line per stage's count (the same core tests run in native, asan and wasm are counted in
# each, by name), then the closing line CI reads.
echo
[ ${#failures[@]} -eq 0 ] || echo "failed stages: ${failures[*]}"
summary=""
for st in "${stage_order[@]}"; do
  part="$st ${stage_pass[$st]} passed"
  [ "${stage_fail[$st]}" = 0 ] || part="$part, ${stage_fail[$st]} failed"
  summary="${summary:+$summary · }$part"
done
echo "by stage: $summary"
echo "gradflow: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ ${#failures[@]} -eq 0 ]
