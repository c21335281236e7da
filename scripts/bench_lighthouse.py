"""Benchmark: Lighthouse on the home page, a fix page and the checker page, in both languages.

Prints the four category scores (Lighthouse's default mobile configuration, which is
what "the mobile preset" means for performance) and the total transfer size of each
page against the goals: performance >= 0.95, accessibility, best practices and SEO
1.0, home page transfer <= 150 KB. ``tests/browser/test_quality_lighthouse.py``
asserts the three categories that do not depend on the machine's load, with the
same helpers.

The site is built for the server it is measured on: Lighthouse's SEO audits check
that canonical and hreflang links point to the page's own host, so the free port is
picked first, the site is built with ``SITE_URL`` set to that server's URL, and only
then served. The server compresses text the way any static host does (gzip), so the
transfer size is what a reader downloads, not the size on disk; unknown paths get
the site's own ``404.html`` with status 404.

Lighthouse 12.2.3 is the npm dev dependency (``node_modules/.bin/lighthouse``; 13.x
needs Node 22); it drives Debian's Chromium through ``CHROME_PATH``.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from site_build import ROOT, build_site

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
HOME_TRANSFER_GOAL_KB = 150
# The pages the issue names, site-relative, per language.
PAGES = ("", "fix/corporate-proxy/", "checker/")
LANGS = ("zh", "en")
CHROME_FLAGS = "--headless --no-sandbox --disable-quic --disable-background-networking --disable-gpu"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# A Lighthouse run that takes longer than this is stuck (a hung Chromium), not slow.
RUN_TIMEOUT_S = 300

COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".py", ".map")


class ToolMissing(RuntimeError):
    """Lighthouse, Node or Chromium is not installed; the message says how to get it."""


def page_paths() -> list[str]:
    """Site-relative paths of the measured pages: zh at the root, en under ``en/``."""
    return [("en/" if lang == "en" else "") + page for lang in LANGS for page in PAGES]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise ToolMissing("Chromium not found: run `make test-tools` or `apt-get install chromium`.")
    return path


def lighthouse_command() -> list[str]:
    if not LIGHTHOUSE.exists():
        raise ToolMissing(f"{LIGHTHOUSE} not found: run `make node-dev` (npm ci installs lighthouse 12.2.3).")
    if not shutil.which("node"):
        raise ToolMissing("node not found: install Node.js 20 or newer (https://nodejs.org/).")
    return [str(LIGHTHOUSE)]


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "?"


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a host such as GitHub Pages serves them: gzip, real 404 page."""

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
        root = Path(self.directory)
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        target = (root / rel).resolve()
        if root.resolve() not in target.parents and target != root.resolve():
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


@contextlib.contextmanager
def served_site(site_dir: Path, config_file: Path | None = None) -> Iterator[str]:
    """Bind a free port on 127.0.0.1, build the site for that URL into ``site_dir``, serve it.

    Yields the base URL (trailing slash). ``SITE_URL`` is set only for the build and
    restored afterwards, so nothing else in the process sees it.
    """
    handler = functools.partial(_StaticHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with _environ(SITE_URL=base):
            build_site(site_dir, **({"config_file": config_file} if config_file else {}))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield base
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def _environ(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@dataclass(frozen=True)
class Report:
    """What one Lighthouse run found for one page."""

    url: str
    scores: dict[str, float | None]
    transfer_bytes: int
    failing: dict[str, list[str]]  # category -> "audit-id: title" of audits that lost points

    @property
    def transfer_kb(self) -> float:
        return self.transfer_bytes / 1024


def run_lighthouse(url: str, categories: tuple[str, ...] = CATEGORIES, attempts: int = 2) -> Report:
    """One Lighthouse run (default mobile configuration) of ``url``; the parsed report.

    On a loaded machine Chromium sometimes misses Lighthouse's DevTools deadline
    ("Waiting for DevTools protocol response has exceeded the allotted time"); that
    run is repeated once. Any other failure is raised at once.
    """
    for attempt in range(1, attempts + 1):
        try:
            return _run_once(url, categories)
        except RuntimeError as error:
            if attempt == attempts or "DevTools protocol" not in str(error):
                raise
    raise AssertionError("unreachable")


def _run_once(url: str, categories: tuple[str, ...]) -> Report:
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        command = [
            *lighthouse_command(),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(categories)}",
            f"--chrome-flags={CHROME_FLAGS} --user-data-dir={Path(tmp) / 'profile'}",
            "--disable-full-page-screenshot",
        ]
        env = {**os.environ, "CHROME_PATH": chromium_path()}
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse {url} exited {result.returncode}:\n{result.stderr[-2000:]}")
        return parse_report(json.loads(out.read_text(encoding="utf-8")))


def parse_report(data: dict) -> Report:
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {data.get('requestedUrl')}: {data['runtimeError']}")
    audits = data["audits"]
    scores, failing = {}, {}
    for name, category in data["categories"].items():
        scores[name] = category["score"]
        failing[name] = [
            f"{ref['id']}: {audits[ref['id']]['title']}{_items(audits[ref['id']])}"
            for ref in category["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        ]
    weight = audits.get("total-byte-weight", {}).get("numericValue")
    if weight is None:  # the audit runs with the performance category only
        weight = sum(
            item.get("transferSize", 0)
            for item in audits.get("network-requests", {}).get("details", {}).get("items", [])
        )
    return Report(data["finalDisplayedUrl"], scores, int(weight or 0), failing)


def _items(audit: dict, limit: int = 3) -> str:
    """The first few things an audit points at (link text, element, URL), for the message."""
    found = []
    for item in (audit.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node") if isinstance(item.get("node"), dict) else {}
        what = item.get("text") or node.get("snippet") or item.get("selector") or item.get("url") or item.get("source")
        if what:
            found.append(str(what if not isinstance(what, dict) else what.get("url", what))[:100])
    return f" [{', '.join(found)}]" if found else ""


def misses(report: Report, path: str) -> list[str]:
    """Every goal this page misses, as text."""
    found = []
    for name, goal in GOALS.items():
        score = report.scores.get(name)
        if score is not None and score < goal:
            lost = "; ".join(report.failing.get(name, [])) or "no single audit named"
            found.append(f"{name} {score:.2f} < {goal} ({lost})")
    if path in ("", "en/") and report.transfer_kb > HOME_TRANSFER_GOAL_KB:
        found.append(f"home page transfer {report.transfer_kb:.1f} KB > {HOME_TRANSFER_GOAL_KB} KB")
    return found


def main(argv: list[str] | None = None) -> int:
    try:
        lighthouse_command()
        chromium_path()
    except ToolMissing as error:
        print(f"bench_lighthouse: {error}", file=sys.stderr)
        return 1
    status = 0
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp, served_site(Path(tmp) / "site") as base:
        print(f"Lighthouse {lighthouse_version()} (mobile), goals: performance >= {GOALS['performance']}, "
              f"others 1.0, home page transfer <= {HOME_TRANSFER_GOAL_KB} KB (gzip, all requests)")
        print(f"{'page':28} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5} {'transfer':>10}")
        for path in page_paths():
            report = run_lighthouse(base + path)
            cells = " ".join(
                f"{report.scores[c]:5.2f}" if report.scores.get(c) is not None else "    -" for c in CATEGORIES
            )
            print(f"/{path:27} {cells} {report.transfer_kb:7.1f} KB", flush=True)
            for miss in misses(report, path):
                status = 1
                print(f"    misses: {miss}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
