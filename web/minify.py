#!/usr/bin/env python3
"""Copies one of the page's own files into the build, without what only its readers need.

    web/minify.py <in: web/shell.html or web/gradflow-api.js> <out> [<google-closure-compiler>]

Drops lines that are only a // comment, every line's indentation and blank lines — a quarter of
these files' bytes (index.html 9.5 → 7.8 KB gzip, gradflow-api.js 5.9 → 3.6). Line breaks stay, so
no statement runs into the next and a browser's line numbers still point at one line of the
source's shape. Nothing inside a line is touched: no comment after code, no string, no HTML comment
(standalone.py finds the [preload] block by its comments). Standard library only.

Given the Closure Compiler (the one the page's Emscripten JavaScript goes through; scripts/setup.sh
installs it), the JavaScript — the .js file, or each inline <script> of the .html — then goes
through its SIMPLE mode: local names shortened, whitespace and dead code gone, global names and
properties kept (the page's API, window.gradflowRest, Module's hooks are reached by name). Another
1.8 KB gzip (index.html 8.0 → 7.1 KB, gradflow-api.js 3.6 → 2.8).
"""
import pathlib
import re
import subprocess
import sys
import tempfile


def minify(text: str) -> str:
    kept = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not stripped.startswith("//"):
            kept.append(stripped)
    return "\n".join(kept) + "\n"


def closure(compiler: str, code: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "in.js"
        source.write_text(code, encoding="utf-8")
        done = subprocess.run([compiler, "--compilation_level", "SIMPLE", "--language_in", "ECMASCRIPT_NEXT",
                               "--language_out", "ECMASCRIPT_2020", "--charset", "UTF-8", "--warning_level", "QUIET",
                               "--js", str(source)], capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        sys.exit(f"minify.py: the Closure Compiler refused the script:\n{done.stderr}")
    return done.stdout.strip()


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    source, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    text = minify(source.read_text(encoding="utf-8"))
    if len(sys.argv) == 4:
        compiler = sys.argv[3]
        if source.suffix == ".js":
            text = closure(compiler, text) + "\n"
        else:
            text = re.sub(r"(<script>)(.*?)(</script>)", lambda m: m[1] + closure(compiler, m[2]) + m[3], text,
                          flags=re.S)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
