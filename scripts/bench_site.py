"""Benchmark: build time, and what a first visit to each home page transfers.

The transfer figure is measured the way a reader meets the page: headless Chromium
loads the home page from a local server, every request it makes in the first
moments is recorded, and each response body is gzip-compressed at level 6 as a
typical server would send it. The goal, <= 100 KB for the article page in each
language, counts the page itself (HTML, CSS, JS, images, fonts). JSON fetched on
the way (the search index, which grows with the whole site) is printed beside it;
``overrides/assets/javascripts/search-index.js`` defers it until the reader reaches
for search, so a first visit fetches none.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import chromium
from site_build import build_site
from static_site import serve

GOAL_KB = 100
PAGES = {"zh": "", "en": "en/"}


def first_visit_files(base: str, path: str, settle_ms: int = 1500) -> list[str]:
    """Site-relative paths of everything the browser fetched for one page visit."""
    from playwright.sync_api import sync_playwright

    fetched: list[str] = []
    with sync_playwright() as p:
        browser = chromium.launch(p)
        context = browser.new_context()
        context.on("request", lambda r: fetched.append(r.url))
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        page.wait_for_timeout(settle_ms)
        browser.close()
    local = []
    for url in fetched:
        if url.startswith(base):
            rel = urlsplit(url).path.lstrip("/")
            local.append(rel + "index.html" if rel == "" or rel.endswith("/") else rel)
    return sorted(set(local))


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def main(argv: list[str] | None = None) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        start = time.perf_counter()
        build_site(site)
        print(f"build time (both languages, strict): {time.perf_counter() - start:.2f} s")
        worst = 0.0
        with serve(site) as base:
            for lang, path in PAGES.items():
                files = first_visit_files(base, path)
                sizes = {f: gzip_size(site / f) for f in files if (site / f).is_file()}
                page_kb = sum(v for f, v in sizes.items() if not f.endswith(".json")) / 1024
                data_kb = sum(v for f, v in sizes.items() if f.endswith(".json")) / 1024
                worst = max(worst, page_kb)
                print(f"home page {lang} (/{path}): page {page_kb:.1f} KB gzip "
                      f"(goal <= {GOAL_KB} KB) + search index {data_kb:.1f} KB "
                      f"= {page_kb + data_kb:.1f} KB in {len(sizes)} files")
                for f, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:6]:
                    print(f"    {size / 1024:7.1f} KB  {f}")
    return 0 if worst <= GOAL_KB else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
