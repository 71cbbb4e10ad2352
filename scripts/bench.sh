#!/usr/bin/env bash
# Benchmark figures (not tests): the engine natively (release preset) and in WebAssembly under node.
#   scripts/bench.sh [extra Google Benchmark flags, e.g. --benchmark_filter=forward]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
bash scripts/setup.sh >/dev/null
. scripts/env.sh
cmake --preset release >/dev/null && cmake --build build/release -j"${JOBS:-2}" --target gradflow_bench >/dev/null
cmake --preset wasm-bench >/dev/null && cmake --build build/wasm-bench -j"${JOBS:-2}" --target gradflow_bench >/dev/null
echo "== native ($(uname -m), $(nproc) cores, $(g++ --version | head -n1)) =="
build/release/bench/gradflow_bench --benchmark_min_time=0.2 "$@"
echo
echo "== wasm under node $(node --version) (Emscripten $(em++ --version | head -n1 | sed -E 's/.* ([0-9]+\.[0-9]+\.[0-9]+).*/\1/')) =="
node --no-experimental-fetch build/wasm-bench/bench/gradflow_bench.js --benchmark_min_time=0.2 "$@"
