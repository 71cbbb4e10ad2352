#!/usr/bin/env bash
# Issue 8's figure for the page: epochs/s training spiral (6×8 and the default network) with the
# data plane on screen, in headless Chromium (bench/data.mjs). Not a test.
#
#   scripts/bench-data.sh                build the web preset, then measure build/web
#   NO_BUILD=1 scripts/bench-data.sh     measure build/web as it is
set -euo pipefail
GRADFLOW_BENCH=bench/data.mjs exec bash "$(dirname "${BASH_SOURCE[0]}")/bench-web.sh"
