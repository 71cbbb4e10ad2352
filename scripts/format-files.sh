# Sourced by scripts/format.sh and scripts/format-check.sh: which files are ours, and which
# clang-format to use. Not meant to be run on its own.

# Tracked C++ sources and headers of our own (third-party code lives outside the clone).
format_files() {
  git ls-files -- 'src/*.cpp' 'src/*.hpp' 'src/*.h' 'tests/*.cpp' 'tests/*.hpp' \
                  'bench/*.cpp' 'bench/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp'
}

# clang-format-14 exactly: another major version formats differently and would flag clean files.
find_clang_format() {
  local c=${CLANG_FORMAT:-clang-format-14}
  if ! command -v "$c" >/dev/null; then
    echo "clang-format-14 not found. Install it (Debian: apt-get install clang-format-14, which" \
         "scripts/setup.sh --native does) or point CLANG_FORMAT at a clang-format 14." >&2
    return 1
  fi
  if ! "$c" --version | grep -q 'version 14\.'; then
    echo "$c is not clang-format 14 ($("$c" --version | head -n1)); other versions format" \
         "differently. Set CLANG_FORMAT to a clang-format 14." >&2
    return 1
  fi
  echo "$c"
}
