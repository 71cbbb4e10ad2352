#!/usr/bin/env bash
# Checks that gradflow's own C++ (src/, tests/, bench/, fuzz/) is formatted as .clang-format says,
# without changing anything. Exit 0 when clean; 1 with the list of files that differ (fix them with
# scripts/format.sh, or `scripts/format.sh FILE…`); 2 when clang-format-14 is missing.
#
#   scripts/format-check.sh              every tracked C++ file
#   scripts/format-check.sh FILE…        only these
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
. scripts/format-files.sh
clang_format=$(find_clang_format) || exit 2
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(format_files)
[ ${#files[@]} -gt 0 ] || { echo "format-check: no C++ files found" >&2; exit 2; }
bad=()
for f in "${files[@]}"; do
  "$clang_format" --style=file --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "format-check: ${#bad[@]} of ${#files[@]} files are not formatted as .clang-format says:"
  printf '  %s\n' "${bad[@]}"
  echo "Run scripts/format.sh (or scripts/format.sh FILE…) and commit the result."
  exit 1
fi
echo "format-check: ${#files[@]} files formatted"
