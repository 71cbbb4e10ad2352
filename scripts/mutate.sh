#!/usr/bin/env bash
# Proves the core and timeline tests can fail: each hand-written bug below is put into a scratch
# copy of the tree (build/mutate/tree, git-ignored), the core and timeline tests are rebuilt
# incrementally and run, and every bug must make some test fail.
#
#   scripts/mutate.sh                 every mutation
#   scripts/mutate.sh relu tanh       only those whose name contains one of the words
#
# Prints one line per mutation — "mutate: caught NAME (by TESTS)", "mutate: SURVIVED NAME" or
# "mutate: BROKEN NAME: why" — then "N of N mutations caught". Exits non-zero if any mutation
# survived or could not be applied: a pattern that no longer matches the source (after a
# refactor) is BROKEN, loudly, never skipped; re-point it at the code's new form.
#
# Env: MUTATE_DIR (scratch, default build/mutate), MUTATE_TIMEOUT (seconds per test run, 120),
#      JOBS (2). ccache is used when installed.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
scratch=${MUTATE_DIR:-$here/build/mutate}
tree=$scratch/tree
bld=$scratch/build
timeout_s=${MUTATE_TIMEOUT:-120}
jobs=${JOBS:-2}
log=$scratch/log
mkdir -p "$scratch" "$log"
# One run at a time: a second run in the same scratch build would link against the first's mutants.
exec 9>"$scratch/lock"
flock -n 9 || { echo "mutate: BROKEN setup: another mutate.sh is running in $scratch"; exit 1; }

# -----------------------------------------------------------------------------------------------
# The mutations: name | file | exact text (must occur exactly once) | replacement.
# Keep each pattern short, so that after a refactor it is quick to re-point.
# -----------------------------------------------------------------------------------------------
mutations=(
  "dL/dyhat sign flipped (sse)|src/core/network.cpp|t.dL_dyhat[u] = -2.0 * (y[u] - yhat[u]); break;|t.dL_dyhat[u] = 2.0 * (y[u] - yhat[u]); break;"
  "mse loses its factor 2|src/core/network.cpp|t.dL_dyhat[u] = -2.0 * (y[u] - yhat[u]) / double(n);|t.dL_dyhat[u] = -(y[u] - yhat[u]) / double(n);"
  "sigma(a) used for sigma'(a)|src/core/network.cpp|J.diag[i] = h[i] * (1.0 - h[i]);|J.diag[i] = h[i];"
  "tanh' = 1 - h instead of 1 - h^2|src/core/network.cpp|J.diag[i] = 1.0 - h[i] * h[i];|J.diag[i] = 1.0 - h[i];"
  "relu' = 1 at the boundary 0|src/core/network.cpp|J.diag[i] = z > 0 ? 1.0 : 0.0;|J.diag[i] = z >= 0 ? 1.0 : 0.0;"
  "leaky relu' slope dropped|src/core/network.cpp|J.diag[i] = z > 0 ? 1.0 : kLeakyReluSlope;|J.diag[i] = z > 0 ? 1.0 : 0.0;"
  "softmax cross terms dropped|src/core/network.cpp|J.full(int(i), int(k)) = h[i] * ((i == k ? 1.0 : 0.0) - h[k]);|J.full(int(i), int(k)) = i == k ? h[i] * (1.0 - h[k]) : 0.0;"
  "W's indices swapped in the backward pass|src/core/network.cpp|dprev[std::size_t(k)] += w[k] * d;|dprev[std::size_t(k)] += W(k % W.rows, j % W.cols) * d;"
  "bias gradient is dL/dh instead of dL/da|src/core/network.cpp|t.db[ul] = da;|t.db[ul] = t.dh[ul];"
  "forward pass drops the bias|src/core/network.cpp|double acc = b[std::size_t(j)];|double acc = 0.0;"
  "learning rate's sign flipped|src/core/network.cpp|net.W[l].v[i] -= lr * dW[l].v[i];|net.W[l].v[i] += lr * dW[l].v[i];"
  "one-sample step instead of the full batch|src/core/network.cpp|for (const Sample& s : samples) {|for (const Sample& s : std::vector<Sample>(samples.begin(), samples.begin() + 1)) {"
  "path hop from a weight reads the wrong input|src/core/paths.cpp|t.input_to(n.layer)[std::size_t(n.k)]}|t.input_to(n.layer)[std::size_t(n.k + 1) % t.input_to(n.layer).size()]}"
  "walk's running product off by one hop|src/anim/timeline.cpp|running * path.local[i];|running * path.local[i == 0 ? 0 : i - 1];"
  "backward pulse carries the forward value|src/anim/timeline.cpp|Pulse{1.0f - gn.bp, gn.ba, -1, v.bwd_carry}|Pulse{1.0f - gn.bp, gn.ba, -1, v.fwd_carry}"
  "backward pulse on a weight edge forgets w|src/anim/timeline.cpp|v.bwd_carry = tr.da[l][std::size_t(ge.j)] * w;|v.bwd_carry = tr.da[l][std::size_t(ge.j)];"
)

filters=("$@")
selected() {  # name
  [ ${#filters[@]} = 0 ] && return 0
  local f
  for f in "${filters[@]}"; do [[ $1 == *"$f"* ]] && return 0; done
  return 1
}

# -----------------------------------------------------------------------------------------------
# The scratch tree and its build (configured once, reused across mutations and runs).
# -----------------------------------------------------------------------------------------------
# Copies the tree's sources. A file whose content is unchanged keeps its time stamp, so the reused
# build recompiles only what a mutation (or a real edit since the last run) touched; a file that
# differs is copied with a fresh time stamp, so an interrupted run's mutant never survives as a
# stale object.
sync_tree() {
  local d f
  mkdir -p "$tree"
  for d in CMakeLists.txt cmake src tests; do
    while IFS= read -r -d '' f; do
      if [ -d "$here/$f" ]; then mkdir -p "$tree/$f"
      elif ! cmp -s "$here/$f" "$tree/$f"; then cp "$here/$f" "$tree/$f" || return 1
      fi
    done < <(find "$d" -path tests/browser -prune -o -print0)
    # Files deleted from the repo go from the tree too.
    while IFS= read -r -d '' f; do
      [ -e "$here/$f" ] || rm -rf "${tree:?}/$f"
    done < <(cd "$tree" && find "$d" -path tests/browser -prune -o -print0 2>/dev/null)
  done
}
# Puts one file of the tree back as it is in the repo, with a fresh time stamp (so that ninja
# rebuilds it after a mutation; ccache makes that a cache hit).
restore() {  # file
  cp "$here/$1" "$tree/$1" && touch "$tree/$1"
}
# The exact text must occur exactly once; anything else is a broken mutation, not a pass.
apply() {  # file, old, new
  OLD=$2 NEW=$3 perl -0777 -i -pe '
    my $n = () = /\Q$ENV{OLD}\E/g;
    if ($n != 1) { print STDERR "pattern found $n times (must be exactly once)\n"; exit 3; }
    s/\Q$ENV{OLD}\E/$ENV{NEW}/;' "$tree/$1"
}
build() {  # log file
  cmake --build "$bld" -j"$jobs" --target core_tests anim_tests >"$1" 2>&1
}
# Runs the test executables in order, stopping at the first failure (Catch's --abort stops each
# at its first failing check). Prints the name of the one that failed; returns 0 if all passed.
run_tests() {  # log file, executables…
  local out=$1 exe; shift
  : >"$out"
  for exe in "$@"; do
    if ! timeout "$timeout_s" "$bld/tests/$exe" --abort --warn NoTests >>"$out" 2>&1; then
      echo "$exe"; return 1
    fi
  done
  return 0
}
tests_for() {  # file: the tests that can see it
  case $1 in
  src/anim/*) echo "anim/anim_tests" ;;
  *)          echo "core/core_tests anim/anim_tests" ;;
  esac
}

t0=$(date +%s)
sync_tree || { echo "mutate: BROKEN setup: cannot copy the tree to $tree"; exit 1; }
launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR=$scratch CCACHE_NOHASHDIR=1
fi
# Release without debug info at -O1: quick to compile, quick enough to run the finite-difference
# and 32^7-path tests. Only core and anim are built (no CLI, no app).
if [ ! -f "$bld/build.ninja" ]; then
  cmake -S "$tree" -B "$bld" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -DNDEBUG" \
    -DGRADFLOW_BUILD_TESTS=ON -DGRADFLOW_BUILD_CLI=OFF -DGRADFLOW_BUILD_APP=OFF "${launcher[@]}" \
    >"$log/configure.log" 2>&1 || { cat "$log/configure.log"; echo "mutate: BROKEN setup: cmake configure failed"; exit 1; }
fi

# The unmutated tree must pass, or a "caught" would mean nothing.
if ! build "$log/build-original.log"; then
  tail -n 40 "$log/build-original.log"; echo "mutate: BROKEN setup: the unmutated tree does not build"; exit 1
fi
# shellcheck disable=SC2046
if failing=$(run_tests "$log/tests-original.log" core/core_tests anim/anim_tests); then
  echo "mutate: the unmutated tree passes core_tests and anim_tests ($(($(date +%s) - t0)) s)"
else
  tail -n 40 "$log/tests-original.log"
  echo "mutate: BROKEN setup: $failing fails on the unmutated tree; fix that before mutating"; exit 1
fi

total=0; caught=0; dirty=""
for i in "${!mutations[@]}"; do
  IFS='|' read -r name file old new <<<"${mutations[$i]}"
  selected "$name" || continue
  total=$((total + 1))
  [ -z "$dirty" ] || restore "$dirty"
  dirty=$file
  t1=$(date +%s)
  if ! err=$(apply "$file" "$old" "$new" 2>&1); then
    echo "mutate: BROKEN $name: $file: '$old' $err"; restore "$file"; dirty=""
    continue
  fi
  blog=$log/build-$i.log
  if ! build "$blog"; then
    tail -n 20 "$blog"; echo "mutate: BROKEN $name: the mutant does not compile (log: $blog)"
    continue
  fi
  # shellcheck disable=SC2046
  if failing=$(run_tests "$log/tests-$i.log" $(tests_for "$file")); then
    echo "mutate: SURVIVED $name ($file): every test passed (log: $log/tests-$i.log)"
  else
    caught=$((caught + 1))
    what=$(sed -n '/^-\{20,\}$/{n;p;q}' "$log/tests-$i.log")   # the failing test case's name
    echo "mutate: caught $name (by ${failing##*/}${what:+: $what}, $(($(date +%s) - t1)) s)"
  fi
done
[ -z "$dirty" ] || restore "$dirty"
# Leave the scratch build matching the tree, so the next run starts clean.
build "$log/build-restored.log" || echo "mutate: warning: the restored tree did not rebuild (log: $log/build-restored.log)"

echo "$caught of $total mutations caught ($(($(date +%s) - t0)) s)"
[ "$total" -gt 0 ] && [ "$caught" = "$total" ]
