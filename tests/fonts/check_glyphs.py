#!/usr/bin/python3
"""No tofu: every code point the UI can draw is in the embedded (subset) font.

    check_glyphs.py FONT.ttf SRC_DIR [GRADFLOW_CLI]

Collects the text the UI can show and fails, naming file, line and character, when a code point
is missing from FONT's cmap:
  - every string and character literal in SRC_DIR's C++ sources (comments skipped; escapes such as
    "\\xE2\\x88\\x92" decoded as the UTF-8 they spell) — panel text, messages, name pieces;
  - with GRADFLOW_CLI, what the engine writes for every preset (eval, and derive / paths for the
    first weight): node names such as w_212 and ŷ_1, ∂L/∂… derivations and number formats.
Run by /usr/bin/python3 (Debian's python3-fonttools). Fix a failure by adding the code point to
src/ui/fonts.glyphs.txt (if DejaVu Sans has it) or by not drawing that character.
"""
import pathlib
import re
import subprocess
import sys

from fontTools.ttLib import TTFont

SIMPLE_ESCAPES = {"n": 10, "t": 9, "r": 13, "0": 0, "a": 7, "b": 8, "f": 12, "v": 11,
                  "\\": 92, "'": 39, '"': 34, "?": 63}


def decode_literal(body: str) -> str:
    """The text a C++ (narrow, UTF-8) literal's body stands for."""
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8")
            i += 1
            continue
        e = body[i + 1]
        if e == "x":
            m = re.match(r"[0-9A-Fa-f]+", body[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        elif e in "uU":
            n = 4 if e == "u" else 8
            out += chr(int(body[i + 2:i + 2 + n], 16)).encode("utf-8")
            i += 2 + n
        elif e in "01234567":
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            out.append(SIMPLE_ESCAPES.get(e, ord(e)))
            i += 2
    return out.decode("utf-8", errors="replace")


def literals(text: str):
    """(line, decoded text) for each string/char literal outside comments."""
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and not (text[i - 1].isalnum() or text[i - 1] == "_"):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            end = text.find(")" + m.group(1) + '"', i)
            body = text[i + len(m.group(0)):end]
            yield line, body
            line += body.count("\n")
            i = end + len(m.group(1)) + 2
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():   # digit separator: 1'000'000
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            yield line, decode_literal(text[i + 1:j])
            i = j + 1
        else:
            i += 1


def cli_texts(cli: str):
    presets = subprocess.run([cli, "presets"], capture_output=True, text=True, check=True).stdout
    names = re.findall(r"^\s*([A-Za-z0-9_-]+)", presets, re.M)
    if not names:
        sys.exit(f"check_glyphs: `{cli} presets` listed no presets:\n{presets}")
    for name in names:
        for args in (["eval"], ["derive", "--param", "w_111", "--format", "text", "--limit", "6"],
                     ["paths", "--param", "w_111", "--limit", "6"]):
            r = subprocess.run([cli, *args, "--preset", name], capture_output=True, text=True)
            if r.returncode not in (0, 1):
                sys.exit(f"check_glyphs: `{cli} {' '.join(args)} --preset {name}` failed:\n{r.stderr}")
            yield f"gradflow-cli {' '.join(args)} --preset {name}", r.stdout


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    font, src = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    cmap = set(TTFont(font).getBestCmap())
    missing = {}   # code point -> first place it was seen
    checked = 0

    def check(where: str, text: str):
        nonlocal checked
        for ch in text:
            cp = ord(ch)
            if cp < 0x20 or cp == 0x7F:
                continue   # control characters are never drawn as glyphs
            checked += 1
            if cp not in cmap and cp not in missing:
                missing[cp] = where

    files = sorted(p for p in src.rglob("*") if p.suffix in (".cpp", ".hpp", ".h"))
    if not files:
        sys.exit(f"check_glyphs: no C++ sources under {src}")
    for path in files:
        for line, text in literals(path.read_text(encoding="utf-8")):
            check(f"{path.relative_to(src.parent)}:{line}", text)
    if len(sys.argv) > 3:
        for where, text in cli_texts(sys.argv[3]):
            check(where, text)

    if missing:
        for cp, where in sorted(missing.items()):
            print(f"missing U+{cp:04X} {chr(cp)!r} (first drawn at {where})")
        print(f"check_glyphs: {len(missing)} code point(s) the UI can draw are not in {font.name}. Add them "
              "to src/ui/fonts.glyphs.txt (or stop drawing them).")
        return 1
    print(f"check_glyphs: {checked} characters from {len(files)} files, all in {font.name} ({len(cmap)} glyphs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
