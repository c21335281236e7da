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

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import chromium
from site_build import ROOT
from static_site import served_site

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

class ToolMissing(RuntimeError):
    """Lighthouse, Node or Chromium is not installed; the message says how to get it."""


def page_paths() -> list[str]:
    """Site-relative paths of the measured pages: zh at the root, en under ``en/``."""
    return [("en/" if lang == "en" else "") + page for lang in LANGS for page in PAGES]


def chromium_path() -> str:
    try:
        return chromium.chromium_path()
    except chromium.ChromiumMissing as error:
        raise ToolMissing(str(error)) from None


def lighthouse_command() -> list[str]:
    if not LIGHTHOUSE.exists():
        raise ToolMissing(f"{LIGHTHOUSE} not found: run `make node-dev` (npm ci installs lighthouse 12.2.3).")
    if not shutil.which("node"):
        raise ToolMissing("node not found: install Node.js 20 or newer (https://nodejs.org/).")
    return [str(LIGHTHOUSE)]


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "?"


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
