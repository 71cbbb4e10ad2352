#!/usr/bin/env bash
# Formats gradflow's own C++ (src/, tests/, bench/, fuzz/) in place with clang-format-14 and the
# repository's .clang-format. Third-party code is not in the tree, so it is never touched.
#
#   scripts/format.sh              every tracked C++ file
#   scripts/format.sh FILE…        only these
#
# scripts/format-check.sh is the read-only twin CI runs.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
. scripts/format-files.sh
clang_format=$(find_clang_format) || exit 2
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(format_files)
[ ${#files[@]} -gt 0 ] || { echo "format: no C++ files found" >&2; exit 2; }
"$clang_format" -i --style=file "${files[@]}"
echo "format: formatted ${#files[@]} files with $("$clang_format" --version | head -n1)"
