#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 for the gradflow page: `.wasm` as application/wasm, no caching.

    scripts/serve.py <folder> [port] [--prefix /sub/path/]
        port omitted or 0: 8080, else the first free one after it; "free": any free port (tests)
        --prefix: serve the folder under a sub-path only, as a course site would (tests)

Prints the URL once it is listening. Only the standard library; loopback only.
"""
import functools
import http.server
import socket
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    # Python >= 3.11 already maps .wasm, older ones do not: say it explicitly.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript", ".html": "text/html"}

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")   # a rebuild must show up on reload
        super().end_headers()

    prefix = "/"

    def translate_path(self, path):
        # Outside the prefix nothing exists, so a page that asks for "/gradflow.wasm" instead of
        # a relative path fails visibly under a sub-path.
        if not path.startswith(self.prefix):
            return "/nonexistent/" + path.replace("/", "_")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, fmt, *args):
        sys.stderr.write("[serve] " + (fmt % args) + "\n")


def first_free_port(start):
    for port in range(start, start + 50):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    sys.exit(f"serve: no free port in {start}..{start + 49}; set PORT")


def main():
    args = sys.argv[1:]
    prefix = "/"
    if "--prefix" in args:
        i = args.index("--prefix")
        prefix = "/" + args[i + 1].strip("/") + "/" if args[i + 1].strip("/") else "/"
        del args[i:i + 2]
    folder = args[0] if args else "."
    port_arg = args[1] if len(args) > 1 else ""
    if port_arg == "free":
        port = 0                                  # the OS picks; printed below
    else:
        port = int(port_arg) if port_arg else 0
        port = port or first_free_port(8080)
    handler = type("PrefixedHandler", (Handler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(handler, directory=folder))
    port = server.server_address[1]
    print(f"gradflow: serving {folder} at http://127.0.0.1:{port}{prefix}  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
