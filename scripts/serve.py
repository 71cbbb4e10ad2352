#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 for the gradflow page: `.wasm` as application/wasm, no caching.

    scripts/serve.py <folder> [port]     (port 0 / omitted: 8080, else the first free one after it)

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
    folder = sys.argv[1] if len(sys.argv) > 1 else "."
    wanted = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else 0
    port = wanted or first_free_port(8080)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(Handler, directory=folder))
    print(f"gradflow: serving {folder} at http://127.0.0.1:{port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
