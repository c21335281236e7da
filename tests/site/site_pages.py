"""The built site as parsed pages: helpers for tests that read its HTML."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from site_build import ROOT

DOCS = ROOT / "docs"


@dataclass(frozen=True)
class BuiltPage:
    """One page of the built site in one language."""

    source: str  # docs-relative source path without language suffix, e.g. "fix/clock-skew.md"
    lang: str  # "zh" or "en"
    path: Path  # the built index.html
    url: str  # site-relative URL, e.g. "en/fix/clock-skew/"

    @property
    def soup(self) -> BeautifulSoup:
        return _parse(self.path)

    @property
    def article(self):
        return self.soup.select_one("article.md-content__inner")


_cache: dict[Path, BeautifulSoup] = {}


def _parse(path: Path) -> BeautifulSoup:
    if path not in _cache:
        _cache[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return _cache[path]


def source_pages() -> list[str]:
    """Every page source, language suffix removed (``index.md``, ``fix/x.md``)."""
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    return sorted({p.replace(".en.md", ".md") for p in pages})


def page_url(source: str, lang: str) -> str:
    stem = source[: -len(".md")]
    path = "" if stem == "index" else (stem[: -len("index")] if stem.endswith("/index") else stem + "/")
    return ("en/" if lang == "en" else "") + path



def content_headings(page: BuiltPage) -> list[tuple[str, str]]:
    """(tag, id) of every heading in the page's article, in document order."""
    return [(h.name, h.get("id", "")) for h in page.article.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
