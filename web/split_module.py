#!/usr/bin/env python3
"""Splits the page's linked gradflow.wasm in two: what a reader who only watches runs, and the rest.

    web/split_module.py <linked.wasm> <web/first-load.txt> <out: gradflow.wasm> <out: gradflow.rest.wasm>

A reader who opens a chapter and watches the story play runs about two thirds of the module's code; the
editor, training, data sets, the share and embed dialogs, the page API and the tutor's report run
only once someone acts. The page loads gradflow.wasm (the first part) and fetches
gradflow.rest.wasm on the first input or API request (web/shell.html: gradflowRest); its
functions then fill the table slots the first part left for them. A call into the rest before it
has arrived still works: it loads the rest synchronously first (a placeholder import, see
shell.html), so the split decides only when bytes travel, never what runs.

<linked.wasm> must carry function names (the page links with --profiling-funcs): the list,
web/first-load.txt, names the functions kept in the first part, one per line (written by
scripts/first-load-profile.sh from a profile of a watching reader). The names are stripped here,
before splitting, so neither output carries them, and the rest refers to the first part's exports
by short generated names. Which function each placeholder slot stands for is written beside
<linked.wasm>, as gradflow.placeholders.txt (slot, tab, name). A function missing from the list
goes to the rest; a name in the list the module no longer has is ignored (both are counted in the summary printed).

Needs binaryen's wasm-opt and wasm-split (Debian `binaryen`); reads wasm with scripts/size-report.py's
reader. Standard library otherwise.
"""
import importlib.util
import os
import pathlib
import subprocess
import sys
import tempfile

# The wasm reader of scripts/size-report.py (sections, code sizes, the name section).
_spec = importlib.util.spec_from_file_location("size_report",
                                               pathlib.Path(__file__).resolve().parent.parent / "scripts/size-report.py")
_size_report = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_size_report)
wasm_info = _size_report.wasm_info


def functions(data: bytes):
    """(number of imported functions, [code size of each defined function], {index: name})."""
    _, sizes, names, imported = wasm_info(data)
    return imported, sizes, names


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    linked, listing, primary, rest = (pathlib.Path(a) for a in sys.argv[1:])
    data = linked.read_bytes()
    imported, sizes, names = functions(data)
    if not names:
        sys.exit(f"split_module.py: {linked} has no function names: link the page with --profiling-funcs")
    wanted = [line for line in listing.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    if not wanted:
        sys.exit(f"split_module.py: {listing} names no function: run scripts/first-load-profile.sh")
    by_name = {}
    for idx, name in names.items():
        if idx >= imported:
            by_name.setdefault(name, []).append(idx - imported)
    keep = sorted({d for name in wanted for d in by_name.get(name, [])})
    unknown = sum(1 for name in wanted if name not in by_name)

    with tempfile.TemporaryDirectory() as tmp:
        stripped = os.path.join(tmp, "stripped.wasm")
        keep_file = os.path.join(tmp, "keep.txt")
        # Without names binaryen calls the defined functions by their index: the keep list is those.
        subprocess.run(["wasm-opt", "--all-features", "--strip-debug", "--strip-producers", str(linked), "-o", stripped],
                       check=True)
        pathlib.Path(keep_file).write_text("".join(f"{d}\n" for d in keep))
        out1, out2 = os.path.join(tmp, "first.wasm"), os.path.join(tmp, "rest.wasm")
        subprocess.run(["wasm-split", "--all-features", "--quiet", stripped, "--keep-funcs=@" + keep_file,
                        "--import-namespace=f", "--placeholder-namespace=r", "--placeholdermap",
                        "-o1", out1, "-o2", out2], check=True)
        # Which function each placeholder stands for ("slot:index"), by name: a test that finds the
        # rest fetched while the reader only watched names the function that asked for it.
        lines = []
        for line in pathlib.Path(out1 + ".placeholders").read_text().splitlines():
            slot, _, index = line.partition(":")
            lines.append(f"{slot}\t{names.get(imported + int(index), index)}\n")
        (linked.parent / "gradflow.placeholders.txt").write_text("".join(lines), encoding="utf-8")
        os.replace(out1, primary)
        os.replace(out2, rest)
    kept_bytes = sum(sizes[d] for d in keep)
    print(f"split_module.py: first part keeps {len(keep)} of {len(sizes)} functions "
          f"({kept_bytes / 1024:.0f} of {sum(sizes) / 1024:.0f} KB of code); "
          f"{primary.stat().st_size / 1024:.0f} KB + rest {rest.stat().st_size / 1024:.0f} KB"
          + (f"; {unknown} listed names are no longer in the module" if unknown else ""))


if __name__ == "__main__":
    main()
