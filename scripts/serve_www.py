#!/usr/bin/env python3
"""Serves a directory (the page, www/) over HTTP the way a production host
would: compressed. A file of a compressible type goes out gzipped, with
`Content-Encoding: gzip`, when the browser's `Accept-Encoding` takes gzip,
so the bytes the browser receives (and the figures the end-to-end run
measures, tests/e2e/perf.test.mjs) are the ones a user would download.
`python3 -m http.server` sends every file raw, which made the page's
transferred size a figure computed by the tests rather than one received.

Every response carries the right MIME type (`application/wasm` for .wasm:
the browser compiles a module while it downloads only then), `Vary:
Accept-Encoding`, and an ETag, with `Cache-Control: no-cache`: a browser
revalidates and gets `304 Not Modified` for what it already holds, and a
rebuilt file is never served stale. The gzipped bytes are kept in memory per
file (path, size, modification time), so each file is compressed once.

Standard library only. Run: `python3 scripts/serve_www.py PORT [--directory www]`
(scripts/serve and scripts/e2e do).
"""

import argparse
import gzip
import http.server
import os
import sys
import threading

# Types by extension; what is not listed goes out as application/octet-stream.
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
# Already compressed formats gain nothing from gzip.
COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".txt"}
# As `gzip -9`; the result is cached, so the slower level costs once per file.
GZIP_LEVEL = 9

_cache = {}
_cache_lock = threading.Lock()


def gzipped(path, stat):
    """The file at `path` gzipped, compressed once per version of the file."""
    key = (path, stat.st_size, stat.st_mtime_ns)
    with _cache_lock:
        hit = _cache.get(key)
    if hit is not None:
        return hit
    with open(path, "rb") as f:
        # mtime=0: the same file gives the same bytes (and ETag) every run.
        body = gzip.compress(f.read(), compresslevel=GZIP_LEVEL, mtime=0)
    with _cache_lock:
        for old in [k for k in _cache if k[0] == path]:
            del _cache[old]
        _cache[key] = body
    return body


def accepts_gzip(header):
    """Whether an Accept-Encoding header takes gzip (and not with q=0)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            q = params.strip()
            if q.startswith("q="):
                try:
                    return float(q[2:]) > 0
                except ValueError:
                    return False
            return True
    return False


class Handler(http.server.SimpleHTTPRequestHandler):
    # HTTP/1.1 keeps connections open, as browsers expect of a real host.
    protocol_version = "HTTP/1.1"
    quiet = False

    def do_GET(self):
        self.respond(send_body=True)

    def do_HEAD(self):
        self.respond(send_body=False)

    def respond(self, send_body):
        # translate_path maps the URL under the served directory (no `..` out).
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = os.path.join(path, "index.html")
        try:
            stat = os.stat(path)
        except OSError:
            self.send_error(404, "File not found")
            return
        if not os.path.isfile(path):
            self.send_error(404, "File not found")
            return
        ext = os.path.splitext(path)[1].lower()
        compress = ext in COMPRESSIBLE and accepts_gzip(self.headers.get("Accept-Encoding"))
        etag = f'"{stat.st_size:x}-{stat.st_mtime_ns:x}{"-gz" if compress else ""}"'
        if etag in [t.strip() for t in (self.headers.get("If-None-Match") or "").split(",")]:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return
        if compress:
            body = gzipped(path, stat)
        else:
            with open(path, "rb") as f:
                body = f.read()
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(ext, "application/octet-stream"))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(body)
            except ConnectionError:
                # The browser went away (a reload mid-download): not an error of ours.
                self.close_connection = True

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


def main():
    parser = argparse.ArgumentParser(description="Serve a directory with gzip (Content-Encoding) and the right MIME types.")
    parser.add_argument("port", type=int)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--directory", default="www")
    parser.add_argument("--quiet", action="store_true", help="no request log")
    args = parser.parse_args()
    directory = os.path.abspath(args.directory)
    if not os.path.isdir(directory):
        sys.exit(f"serve_www: no directory {directory}")

    class Served(Handler):
        quiet = args.quiet

        def __init__(self, *a, **kw):
            super().__init__(*a, directory=directory, **kw)

    server = http.server.ThreadingHTTPServer((args.bind, args.port), Served)
    server.daemon_threads = True
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
