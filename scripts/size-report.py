#!/usr/bin/env python3
"""Where the web build's bytes go.

    scripts/size-report.py [BUILD_DIR=build/web] [--before OLD_BUILD_DIR] [--top N] [--files-only]
                           [--budget-gzip BYTES] [--budget-standalone BYTES] [--budget-tutor-gzip BYTES]

Prints, for the files the page loads (index.html, gradflow-api.js, gradflow.js, gradflow.wasm),
the tutor module it loads only when gradflow.checkWorking is first called (gradflow-tutor.js and
.wasm, a total of its own, not the page's) and the standalone file: bytes raw / gzip -9 / brotli (if Debian's `brotli` is installed); the
wasm's sections; and, when the wasm has a name section (link with --profiling-funcs, e.g.
`cmake --preset web -B build/web-names -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs`), code bytes
attributed to SDL / ImGui / json / libc / gradflow and the biggest functions. With --before the
same figures for an older build are shown beside. With a budget (the web build passes
cmake/WebAssets.cmake's) it exits 1 when the page's gzip total, the tutor module's or the
standalone file is over it.
Standard library only.
"""
import argparse
import gzip
import pathlib
import re
import shutil
import subprocess
import sys

PAGE_FILES = ["index.html", "gradflow-api.js", "gradflow.js", "gradflow.wasm"]
TUTOR_FILES = ["gradflow-tutor.js", "gradflow-tutor.wasm"]   # loaded on demand: not in the page's total
REST_FILES = ["gradflow.rest.wasm"]   # the module's second part (web/split_module.py), on the first input
SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
                 7: "export", 8: "start", 9: "elem", 10: "code", 11: "data", 12: "datacount", 13: "tag"}
# First match wins; names as --profiling-funcs writes them (demangled C++ or C symbols).
OWNERS = [
    ("SDL", r"^(SDL_|Emscripten_|GLES2_|Blit|SDL\w|_?SDL)|^(Emscripten|EMSCRIPTEN)_"),
    ("ImGui+stb", r"ImGui|^Im[A-Z]|stbtt|stb_|STB|^stbrp|^stbtt"),
    ("json", r"nlohmann|^gf::json::"),   # nlohmann/json before issue 7, gradflow's own gf::json after
    ("gradflow", r"^gf::|gradflow|\bgf::"),
    ("libc++/abi", r"^std::|__cxa|__cxxabiv1|__gxx|^operator (new|delete)|__cxx_global"),
    ("libc", r"^(__|_|)(printf|fprintf|snprintf|vsnprintf|vfprintf|sscanf|strto|scanf|fmt_|pop_arg|printf_core|"
             r"dlmalloc|dlfree|dlrealloc|malloc|free|realloc|calloc|mem|str|__|wcs|mbs|fwrite|fputs|qsort|"
             r"frexp|log|exp|pow|sin|cos|tan|atan|sqrt|floor|ceil|round|fmod|emscripten_|abort|getenv|"
             r"setlocale|newlocale|isw|tolower|toupper|decfloat|hexfloat|scan|wctomb|wcrtomb|"
             r"pthread|sbrk|out|pad|fmt)"),
]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def br(data: bytes):
    if not shutil.which("brotli"):
        return None
    return len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)


def leb(data: bytes, i: int):
    result = shift = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


def wasm_info(data: bytes):
    """sections [(name, size)], code body sizes by function index, function names, imported fn count."""
    if data[:4] != b"\0asm":
        sys.exit("size-report: not a wasm file")
    i, sections, bodies, names, imported = 8, [], [], {}, 0
    while i < len(data):
        sid = data[i]
        size, j = leb(data, i + 1)
        end = j + size
        name = SECTION_NAMES.get(sid, str(sid))
        if sid == 0:
            n, k = leb(data, j)
            cname = data[k:k + n].decode("utf-8", "replace")
            name = f"custom '{cname}'"
            if cname == "name":
                k += n
                while k < end:
                    sub, k = leb(data, k)
                    sub_size, k = leb(data, k)
                    if sub == 1:
                        count, m = leb(data, k)
                        for _ in range(count):
                            idx, m = leb(data, m)
                            ln, m = leb(data, m)
                            names[idx] = data[m:m + ln].decode("utf-8", "replace")
                            m += ln
                    k += sub_size
        elif sid == 2:
            count, k = leb(data, j)
            for _ in range(count):
                for _ in range(2):
                    ln, k = leb(data, k)
                    k += ln
                kind = data[k]
                k += 1
                if kind == 0:
                    _, k = leb(data, k)
                    imported += 1
                elif kind == 1:
                    k += 1
                    flags, k = leb(data, k)
                    _, k = leb(data, k)
                    if flags & 1:
                        _, k = leb(data, k)
                elif kind == 2:
                    flags, k = leb(data, k)
                    _, k = leb(data, k)
                    if flags & 1:
                        _, k = leb(data, k)
                elif kind == 3:
                    k += 2
                else:
                    _, k = leb(data, k)
        elif sid == 10:
            count, k = leb(data, j)
            for _ in range(count):
                body, k2 = leb(data, k)
                bodies.append(body + (k2 - k))
                k = k2 + body
        sections.append((name, size))
        i = end
    return sections, bodies, names, imported


def owner(name: str) -> str:
    for who, pattern in OWNERS:
        if re.search(pattern, name):
            return who
    return "other"


def kb(n) -> str:
    return "-" if n is None else f"{n / 1024:8.1f}"


def file_rows(folder: pathlib.Path):
    rows = {}
    for name in PAGE_FILES + REST_FILES + TUTOR_FILES + ["gradflow-standalone.html"]:
        p = folder / name
        if p.exists():
            data = p.read_bytes()
            rows[name] = (len(data), gz(data), br(data))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", nargs="?", default="build/web")
    ap.add_argument("--before")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--files-only", action="store_true")
    ap.add_argument("--budget-gzip", type=int, default=0)
    ap.add_argument("--budget-standalone", type=int, default=0)
    ap.add_argument("--budget-tutor-gzip", type=int, default=0)
    ap.add_argument("--budget-rest-gzip", type=int, default=0)
    a = ap.parse_args()
    folder = pathlib.Path(a.build)
    if not (folder / "gradflow.wasm").exists():
        sys.exit(f"size-report: no gradflow.wasm in {folder}; build it with `cmake --build --preset web`")
    now = file_rows(folder)
    old = file_rows(pathlib.Path(a.before)) if a.before else {}

    print(f"== files ({folder}{', before: ' + a.before if a.before else ''}), KB ==")
    head = f"{'file':28} {'raw':>8} {'gzip-9':>8} {'brotli':>8}"
    print(head + (f"   | before: {'raw':>8} {'gzip-9':>8} {'brotli':>8}" if old else ""))

    def file_row(name):
        r = now[name]
        line = f"{name:28} {kb(r[0])} {kb(r[1])} {kb(r[2])}"
        if old:
            o = old.get(name, (None, None, None))
            line += f"   |         {kb(o[0])} {kb(o[1])} {kb(o[2])}"
        print(line)

    totals = [0, 0, 0]
    old_totals = [0, 0, 0]
    for name in PAGE_FILES + ["gradflow-standalone.html"]:
        if name not in now:
            continue
        file_row(name)
        if name in PAGE_FILES:
            totals = [t + (v or 0) for t, v in zip(totals, now[name])]
            if old and name in old:
                old_totals = [t + (v or 0) for t, v in zip(old_totals, old[name])]
    line = f"{'page total (what it loads)':28} {kb(totals[0])} {kb(totals[1])} {kb(totals[2])}"
    if old:
        line += f"   |         {kb(old_totals[0])} {kb(old_totals[1])} {kb(old_totals[2])}"
    print(line)
    # Loaded later, each a total of its own: the module's second part on the first input or API
    # request, the tutor's module on the first gradflow.checkWorking.
    later = {}
    for title, files in (("rest (on first input)", REST_FILES), ("tutor total (on demand)", TUTOR_FILES)):
        sums, old_sums = [0, 0, 0], [0, 0, 0]
        for name in files:
            if name in now:
                file_row(name)
                sums = [t + (v or 0) for t, v in zip(sums, now[name])]
                old_sums = [t + (v or 0) for t, v in zip(old_sums, old.get(name, (0, 0, 0)))]
        later[title] = sums
        if any(name in now for name in files) and len(files) > 1:
            line = f"{title:28} {kb(sums[0])} {kb(sums[1])} {kb(sums[2])}"
            if old:
                line += f"   |         {kb(old_sums[0])} {kb(old_sums[1])} {kb(old_sums[2])}"
            print(line)
    tutor = later["tutor total (on demand)"]
    rest = later["rest (on first input)"]

    over = []
    if a.budget_gzip and totals[1] > a.budget_gzip:
        over.append(f"the page loads {totals[1]} bytes gzip -9 ({' + '.join(PAGE_FILES)}), "
                    f"over the budget of {a.budget_gzip}")
    standalone = now.get("gradflow-standalone.html")
    if a.budget_standalone and standalone and standalone[0] > a.budget_standalone:
        over.append(f"gradflow-standalone.html is {standalone[0]} bytes, over the budget of {a.budget_standalone}")
    if a.budget_tutor_gzip:
        missing = [n for n in TUTOR_FILES if n not in now]
        if missing:
            over.append(f"{' and '.join(missing)} missing from {folder}: the tutor module was not built "
                        "(scripts/setup.sh builds muparser for the web; then rebuild the web preset)")
        elif tutor[1] > a.budget_tutor_gzip:
            over.append(f"the tutor module is {tutor[1]} bytes gzip -9 ({' + '.join(TUTOR_FILES)}), "
                        f"over its budget of {a.budget_tutor_gzip}")
    if a.budget_rest_gzip:
        if "gradflow.rest.wasm" not in now:
            over.append(f"gradflow.rest.wasm is missing from {folder}: the module was not split (web/split_module.py)")
        elif rest[1] > a.budget_rest_gzip:
            over.append(f"gradflow.rest.wasm is {rest[1]} bytes gzip -9, over its budget of {a.budget_rest_gzip}")
    for o in over:
        print(f"size-report: OVER BUDGET: {o}. The budget is in cmake/WebAssets.cmake; run "
              "scripts/size-report.py on the build to see where the bytes go (it reads the names in "
              "src/platform/gradflow.linked.wasm).")
    if a.budget_gzip or a.budget_standalone or a.budget_tutor_gzip or a.budget_rest_gzip:
        if over:
            return 1
        print(f"size-report: within budget (page {totals[1]} of {a.budget_gzip or '-'} bytes gzip -9, standalone "
              f"{standalone[0] if standalone else '-'} of {a.budget_standalone or '-'} bytes"
              + (f", rest {rest[1]} of {a.budget_rest_gzip} bytes gzip -9" if a.budget_rest_gzip else "")
              + (f", tutor module {tutor[1]} of {a.budget_tutor_gzip} bytes gzip -9" if a.budget_tutor_gzip else "")
              + ")")
    if a.files_only:
        return 0

    # The page's wasm is split and carries no names; the linker's whole output, kept beside the
    # build (src/platform/CMakeLists.txt), has them.
    whole = folder / "src/platform/gradflow.linked.wasm"
    data = (whole if whole.exists() else folder / "gradflow.wasm").read_bytes()
    sections, bodies, names, imported = wasm_info(data)
    print(f"\n== {'gradflow.linked.wasm (both parts, with names)' if whole.exists() else 'gradflow.wasm'} sections, KB ==")
    for name, size in sections:
        print(f"{name:28} {kb(size)}")
    if not names:
        print("\n(no name section: link with --profiling-funcs to attribute code to libraries)")
        return 0
    by_owner, funcs = {}, []
    for idx, size in enumerate(bodies):
        fn = names.get(idx + imported, f"func{idx + imported}")
        who = owner(fn)
        by_owner[who] = by_owner.get(who, 0) + size
        funcs.append((size, who, fn))
    print("\n== code by library (name section), KB ==")
    for who, size in sorted(by_owner.items(), key=lambda kv: -kv[1]):
        print(f"{who:28} {kb(size)}")
    print(f"\n== {a.top} biggest functions ==")
    for size, who, fn in sorted(funcs, reverse=True)[:a.top]:
        print(f"{size:8d}  {who:10} {fn[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
