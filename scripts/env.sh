# Environment for building with Debian's Emscripten 3.1.6 (source it: `. scripts/env.sh`).
# Harmless for native builds. See README "Toolchain notes" for why each line exists.
export GRADFLOW_CACHE=${GRADFLOW_CACHE:-$HOME/.cache/gradflow}
export EMSCRIPTEN_ROOT=${EMSCRIPTEN_ROOT:-/usr/share/emscripten}
export GRADFLOW_NODE=${GRADFLOW_NODE:-$(command -v node || echo /usr/bin/node)}
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}          # em++ needs acorn (trap 1)
if [ -d "$GRADFLOW_CACHE/emcache" ]; then                  # writable cache (trap 5)
  export EM_CACHE="$GRADFLOW_CACHE/emcache"
  export EM_FROZEN_CACHE=
fi
# em++ --closure 1 (the page's JavaScript) runs this one; scripts/setup.sh installs it.
export EM_CLOSURE_COMPILER=${EM_CLOSURE_COMPILER:-$GRADFLOW_CACHE/closure-compiler/node_modules/.bin/google-closure-compiler}
