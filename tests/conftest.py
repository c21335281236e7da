"""Fixtures shared by every test directory: the built site and a server for it."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from site_build import ROOT, build_site

SITE_LANGUAGES = ("zh", "en")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The whole site, built once per test run (once in total under xdist)."""
    if worker_id == "master":
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    site_dir = shared / "site"
    with FileLock(str(shared / "site.lock")):
        marker = shared / "site.json"
        if not marker.exists():
            build_site(site_dir)
            marker.write_text(json.dumps({"built_by": worker_id}))
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types Pyodide needs and no request log noise."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".py": "text/x-python; charset=utf-8",
    }

    def log_message(self, format, *args):  # noqa: A002 - signature from the base class
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL (with trailing slash) of the built site served on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT

