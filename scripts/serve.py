#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 for the gradflow page: `.wasm` as application/wasm, no caching.

    scripts/serve.py <folder> [port] [--prefix /sub/path/]
        port omitted or 0: 8080, else the first free one after it; "free": any free port (tests)
        --prefix: serve the folder under a sub-path only, as a course site would (tests)

Precompressed files: when FILE.br or FILE.gz lies beside a requested FILE (the web build writes
them) and the request's Accept-Encoding allows it, that file is sent instead, with
Content-Encoding, FILE's own Content-Type and Vary: Accept-Encoding (brotli preferred).

Prints the URL once it is listening. Only the standard library; loopback only.
"""
import functools
import os
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

    def accepted_encodings(self):
        """Codings the client accepts (q > 0), from Accept-Encoding."""
        out = set()
        for part in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = part.strip().partition(";")
            q = params.strip()
            if q.startswith("q=") and q[2:].strip() in ("0", "0.0", "0.00", "0.000"):
                continue
            out.add(name.strip().lower())
        return out

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if os.path.isfile(path):
            accepted = self.accepted_encodings()
            for coding, ext in (("br", ".br"), ("gzip", ".gz")):
                if (coding in accepted or "*" in accepted) and os.path.isfile(path + ext):
                    return self.send_precompressed(path, path + ext, coding)
        return super().send_head()

    def send_precompressed(self, path, packed, coding):
        f = open(packed, "rb")
        try:
            size = os.fstat(f.fileno()).st_size
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", coding)
            self.send_header("Content-Length", str(size))
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return f
        except BaseException:
            f.close()
            raise

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
