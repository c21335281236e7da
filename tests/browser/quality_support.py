"""Helpers for the real-browser quality tests (tests/browser/test_quality_*.py).

Pages are enumerated from the sources (``site_pages.source_pages()``), not from a
list, so a page added tomorrow is loaded, switched, copied from and checked by axe
without touching these tests. What a code block must contain is read from the page
source and the snippet files, independently of the build, so a copy button that
copies something else than the snippet fails.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))
from site_pages import DOCS, page_url, source_pages  # noqa: E402  (tests/site is not a package)

from site_build import ROOT  # noqa: E402

LANGS = ("zh", "en")
SNIPPETS = ROOT / "snippets"
DEFAULT_SITE_URL = "https://fix-pip-ssl.github.io/"

# Collects Content-Security-Policy violations in the page; read with csp_violations().
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
});
"""


def page_params(sources: list[str] | None = None) -> list:
    """pytest params (source, lang) with ids like ``en-fix/clock-skew``."""
    return [
        pytest.param(source, lang, id=f"{lang}-{source.removesuffix('.md')}")
        for source in (source_pages() if sources is None else sources)
        for lang in LANGS
    ]


def source_file(source: str, lang: str) -> Path:
    return DOCS / (source if lang == "zh" else source.removesuffix(".md") + ".en.md")


def fix_page_sources() -> list[str]:
    return [s for s in source_pages() if s.startswith("fix/")]


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || ['CSP listener missing: add CSP_LISTENER']")


def expected_site_url() -> str:
    """The site_url the test build used (mkdocs.yml: ``!ENV [SITE_URL, default]``)."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


# Where a heading may sit after a jump: below the sticky header, in the top part of
# the window, unless the page is too short to scroll it that far.
LANDING_JS = """(id) => {
  const heading = document.getElementById(id);
  if (!heading) return {missing: true};
  const box = heading.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const atBottom = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 2;
  const belowHeader = box.top >= header - 2;
  const nearTop = box.top <= header + innerHeight / 4;
  const inView = box.bottom <= innerHeight;
  return {top: Math.round(box.top), header: Math.round(header), height: innerHeight, atBottom,
          landed: belowHeader && inView && (nearTop || atBottom)};
}"""


@pytest.fixture
def quality_page(page, page_log):
    """The test's page, routed and logged by ``page_log``, collecting CSP violations."""
    page.context.add_init_script(CSP_LISTENER)
    return page


def section_ids(built_site, source: str, lang: str) -> list[str]:
    """Ids of the article's h2 headings a reader sees on arrival (not inside a tab or details)."""
    soup = BeautifulSoup((built_site / page_url(source, lang) / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    ids = [h["id"] for h in article.select("h2[id]") if not h.find_parent(class_="tabbed-block") and not h.find_parent("details")]
    return ids or [h["id"] for h in article.select("h1[id]")]


# --- search ------------------------------------------------------------------------

# The result list's status line, against Material's own texts for this page.
META_JS = """(want) => {
  const texts = JSON.parse(document.getElementById("__config").textContent).translations;
  const meta = document.querySelector(".md-search-result__meta").textContent.trim();
  if (want === "placeholder") return meta === texts["search.result.placeholder"];
  return /\\d/.test(meta) || meta === texts["search.result.none"];
}"""


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search box; the result pages in order, site-relative.

    Waits by polling ``evaluate``: Playwright's ``wait_for_function`` compiles its
    predicate with ``new Function``, which the site's policy forbids ('unsafe-eval').
    """
    box = page.locator("[data-md-component='search-query']")
    box.click()
    for text, state in (("", "placeholder"), (query, "results")):
        box.fill(text)
        page.keyboard.press("End")  # Material searches on keyup
        deadline = 100
        while not page.evaluate(META_JS, state):
            deadline -= 1
            assert deadline, f"search for {text!r} never showed {state}"
            page.wait_for_timeout(100)
    # Material renders ten results, then more as the list scrolls.
    count = -1
    while count != (count := page.locator(".md-search-result__item").count()):
        page.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop = 1e9")
        page.wait_for_timeout(150)
    root = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location).href")
    return page.locator(".md-search-result__item > a:first-child").evaluate_all(
        "(links, root) => links.map(a => a.href.split(/[?#]/)[0].replace(root, ''))", root
    )


# --- code blocks and snippets ---------------------------------------------------------

FENCE_OPEN_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
SNIPPET_LINE_RE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(?P<q>["'])(?P<target>[^"']+)(?P=q)\s*$""")
SECTION_MARKER_RE = re.compile(r"-{1,}8<-{1,}\s*\[(?P<kind>start|end):(?P<name>[a-z0-9_-]+)\]", re.I)


def snippet_lines(target: str) -> list[str]:
    """The lines a ``--8<-- "file:section"`` include stands for.

    Lines between ``[start:name]`` and ``[end:name]``; marker lines of any section are
    never part of the text; a whole-file include drops the markers too.
    """
    path, _, section = target.partition(":")
    text = (SNIPPETS / path).read_text(encoding="utf-8")
    lines = text.split("\n")
    if not section:
        return [line for line in lines if not SECTION_MARKER_RE.search(line)]
    selected, inside, found = [], False, False
    for line in lines:
        marker = SECTION_MARKER_RE.search(line)
        if marker and marker["name"] == section:
            if marker["kind"].lower() == "start":
                inside = found = True
            elif inside:
                break
            continue
        if marker:
            continue
        if inside:
            selected.append(line)
    if not found:
        raise AssertionError(f"snippet section {target!r} not found in snippets/{path}")
    return selected


def code_blocks(markdown: str) -> list[str]:
    """Expected text of every fenced code block of a page source, in document order.

    Indentation of the fence (tabs, admonitions) is removed from its lines; include
    lines are replaced by the snippet's lines. Material's copy button trims trailing
    whitespace, so the expected text is trimmed the same way.
    """
    blocks = []
    lines = markdown.split("\n")
    i = 0
    while i < len(lines):
        opening = FENCE_OPEN_RE.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        closing_re = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        body = []
        i += 1
        while i < len(lines) and not closing_re.match(lines[i]):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        i += 1
        text = []
        for line in body:
            include = SNIPPET_LINE_RE.match(line)
            text.extend(snippet_lines(include["target"]) if include else [line])
        blocks.append("\n".join(text).rstrip())
    return blocks


def page_code_blocks(source: str, lang: str) -> list[str]:
    return code_blocks(source_file(source, lang).read_text(encoding="utf-8"))


__all__ = [
    "CSP_LISTENER",
    "LANDING_JS",
    "LANGS",
    "code_blocks",
    "csp_violations",
    "expected_site_url",
    "fix_page_sources",
    "page_code_blocks",
    "page_params",
    "page_url",
    "quality_page",
    "search",
    "section_ids",
    "snippet_lines",
    "source_file",
    "source_pages",
]
