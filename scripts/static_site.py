"""Serve a built site on 127.0.0.1 the way a static host such as GitHub Pages does.

Tests and benchmarks load the site in a real browser; they need the same things a
real host gives it: the MIME types Pyodide insists on (a ``.wasm`` served as
anything but ``application/wasm`` makes ``loadPyodide`` hang instead of fail), gzip
for text, a redirect from ``/dir`` to ``/dir/``, and the site's own ``404.html``
with status 404 for unknown paths. One handler serves them all.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_build import build_site

COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".py", ".map")


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with a static host's headers, and no request log on stderr."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".py": "text/x-python; charset=utf-8",
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass

    def do_HEAD(self):
        self._respond(body=False)

    def do_GET(self):
        self._respond(body=True)

    def _respond(self, body: bool) -> None:
        root = Path(self.directory).resolve()
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        target = (root / rel).resolve()
        if root not in target.parents and target != root:
            target = root / "__outside__"
        if target.is_dir():
            if rel and not rel.endswith("/"):
                self.send_response(301)
                self.send_header("Location", "/" + rel + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            target = target / "index.html"
        status = 200
        if not target.is_file():
            status, target = 404, root / "404.html"
        data = target.read_bytes()
        headers = {"Content-Type": self.guess_type(str(target)), "Cache-Control": "max-age=600"}
        if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            data = _gzipped(target, target.stat().st_mtime_ns)
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


def _server(directory: Path) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(StaticSiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)


def _base_url(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve an already built site; yields its base URL (with a trailing slash)."""
    with _serving(_server(directory)) as base:
        yield base


@contextlib.contextmanager
def served_site(site_dir: Path) -> Iterator[str]:
    """Bind a free port, build the site for that URL into ``site_dir``, serve it.

    Canonical and hreflang links then point at the server the page is loaded from,
    as on the real host (Lighthouse's SEO audits check that).
    """
    server = _server(site_dir)
    base = _base_url(server)
    try:
        build_site(site_dir, site_url=base)
    except BaseException:
        server.server_close()  # never served: shutdown() would wait forever
        raise
    with _serving(server):
        yield base


@contextlib.contextmanager
def _serving(server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield _base_url(server)
    finally:
        server.shutdown()
        server.server_close()
