#!/usr/bin/env python3
"""Builds gradflow-standalone.html: the page with everything inlined, for file:// and LMS uploads.

    web/standalone.py <build/web> <out.html>

Reads index.html (web/shell.html), gradflow-api.js, gradflow.js and the module's two parts,
gradflow.wasm and gradflow.rest.wasm (web/split_module.py), from the build folder. Each part travels
gzip-compressed (-9) and base64-encoded in window.GRADFLOW_STANDALONE ({wasm, rest, gzip: true});
the shell's instantiateWasm decodes both, joins them before the module starts, and unpacks them with the browser's
DecompressionStream instead of fetching a file, so the page still opens from file://. That keeps
the file ~1.37 x the gzip size of the wasm instead of 1.37 x its raw size. gradflow.js is inlined
after the shell's loader script. Standard library only.

The tutor module (gradflow-tutor.js + .wasm, behind gradflow.checkWorking) is not inlined: packed
the same way it would add ~265 KB (186 KB gzip wasm as base64, its JS) to a file of ~800 KB, over
the 1 MB budget. In this file checkWorking rejects with a message that it needs the hosted page.
"""
import base64
import gzip
import pathlib
import sys


def inline_script(code: str) -> str:
    # "</script" inside a script element would end it early; "<\/script" means the same to JS.
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


def main():
    folder, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    page = (folder / "index.html").read_text(encoding="utf-8")
    api = (folder / "gradflow-api.js").read_text(encoding="utf-8")
    module = (folder / "gradflow.js").read_text(encoding="utf-8")
    # mtime=0: the same wasm gives the same file, byte for byte.
    packed = {}
    for key, name in (("wasm", "gradflow.wasm"), ("rest", "gradflow.rest.wasm")):
        packed[key] = base64.b64encode(gzip.compress((folder / name).read_bytes(), 9, mtime=0)).decode("ascii")

    tag = '<script src="gradflow-api.js"></script>'
    if page.count(tag) != 1 or page.count("</body>") != 1:
        sys.exit(f"standalone.py: {folder / 'index.html'} lacks exactly one {tag} and one </body>")
    page = page.replace(tag, inline_script('window.GRADFLOW_STANDALONE = { gzip: true, wasm: "' + packed["wasm"]
                                      + '", rest: "' + packed["rest"] + '" };')
                        + "\n" + inline_script(api))
    page = page.replace("</body>", inline_script(module) + "\n</body>")
    page = page.replace("<title>gradflow", "<title>gradflow (standalone)", 1)
    # The preloads name files this page does not fetch (they are inline): drop them.
    start, end = page.find("<!-- [preload]"), page.find("<!-- [/preload] -->")
    if start < 0 or end < start:
        sys.exit(f"standalone.py: {folder / 'index.html'} lacks its [preload] block")
    page = page[:start] + page[end + len("<!-- [/preload] -->"):]
    out.write_text(page, encoding="utf-8")
    print(f"standalone.py: wrote {out} ({out.stat().st_size / 1048576:.2f} MB)")


if __name__ == "__main__":
    main()
