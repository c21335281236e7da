"""What only a build knows: the ids and links of the rendered HTML.

The build hook hands every rendered page (every language) to a
:class:`RenderedSite`; after the last language is written it checks that
every internal link in the HTML (content, nav, templates, language switcher)
reaches an existing file and, for pages, an existing id (LNK010), that both
languages render the same heading ids (PAR006), and that the decision tree
has its ``tree-<symptom-id>`` entry points (IDS002).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .findings import Finding
from .project import Project

ID_RE = re.compile(r"""<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\sid\s*=\s*["']([^"']+)["']""")
HREF_RE = re.compile(r"""<(a|link|img|script|source)\b[^>]*?\s(href|src)\s*=\s*["']([^"']*)["']""", re.I)
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIPPED_LINK_PREFIXES = ("mailto:", "tel:", "data:", "javascript:", "blob:")


@dataclass
class RenderedPage:
    locale: str
    key: str  # language-independent source path
    src: str  # source path relative to the root
    url: str
    heading_ids: list[str]
    ids: set[str]
    links: list[str]


@dataclass
class RenderedSite:
    project: Project
    pages: dict[str, RenderedPage] = field(default_factory=dict)  # url -> page

    def add(self, src: str, locale: str, key: str, url: str, html: str) -> None:
        ids, headings = set(), []
        for tag, value in ID_RE.findall(html):
            ids.add(value)
            if tag.lower() in HEADING_TAGS:
                headings.append(value)
        links = [value for _, _, value in HREF_RE.findall(html)]
        self.pages[url] = RenderedPage(locale, key, src, url, headings, ids, links)

    def check(self, site_dir: Path, site_url: str) -> list[Finding]:
        findings = self._links(site_dir, site_url)
        findings += self._parity()
        findings += self._tree()
        return findings

    def _source_line(self, page: RenderedPage, needle: str) -> int:
        path = self.project.root / page.src
        try:
            for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
                if needle and needle in line:
                    return number
        except OSError:
            pass
        return 1

    def _links(self, site_dir: Path, site_url: str) -> list[Finding]:
        findings = []
        base_path = urlsplit(site_url).path if site_url else "/"
        base_path = base_path if base_path.endswith("/") else base_path + "/"
        for page in self.pages.values():
            page_abs = base_path + page.url
            for href in page.links:
                if not href or href.startswith(SKIPPED_LINK_PREFIXES) or href == "#":
                    continue
                if site_url and href.startswith(site_url):
                    href = base_path + href[len(site_url):]
                parts = urlsplit(href)
                if parts.scheme or parts.netloc:
                    continue
                target = urljoin(page_abs, parts.path) if parts.path else page_abs
                if not target.startswith(base_path):
                    findings.append(self._finding(page, href, f"leaves the site's base path {base_path}"))
                    continue
                rel = unquote(target[len(base_path):])
                file = site_dir / rel
                if rel == "" or rel.endswith("/"):
                    file = site_dir / rel / "index.html"
                if not file.is_file():
                    findings.append(self._finding(page, href, f"points at /{rel}, which the build did not write"))
                    continue
                anchor = unquote(parts.fragment)
                if anchor:
                    other = self.pages.get(rel)
                    if other is not None and anchor not in other.ids:
                        findings.append(self._finding(page, href, f"the built page /{rel} has no id `{anchor}`"))
        return findings

    def _finding(self, page: RenderedPage, href: str, why: str) -> Finding:
        needle = href.split("#", 1)[1] if "#" in href else href
        line = self._source_line(page, needle)
        return Finding(page.src, line, "LNK010", f"in the built page /{page.url}, link `{href}`: {why}; fix the link in this page, its snippets or the template that writes it")

    def _parity(self) -> list[Finding]:
        findings = []
        default = self.project.config.default_locale
        by_key: dict[str, dict[str, RenderedPage]] = {}
        for page in self.pages.values():
            by_key.setdefault(page.key, {})[page.locale] = page
        for key, versions in sorted(by_key.items()):
            base = versions.get(default)
            if base is None:
                continue
            for locale, other in sorted(versions.items()):
                if locale == default or other.heading_ids == base.heading_ids:
                    continue
                index = next((i for i, (a, b) in enumerate(zip(base.heading_ids, other.heading_ids)) if a != b), min(len(base.heading_ids), len(other.heading_ids)))
                found = other.heading_ids[index] if index < len(other.heading_ids) else "nothing"
                want = base.heading_ids[index] if index < len(base.heading_ids) else "nothing"
                line = self._source_line(other, found) if found != "nothing" else 1
                findings.append(Finding(other.src, line, "PAR006", f"the built page /{other.url} renders heading id #{index + 1} as `{found}` where /{base.url} renders `{want}`; make the headings (and whatever generates them) match across languages"))
        return findings

    def _tree(self) -> list[Finding]:
        checker = self.project.checker
        symptoms = getattr(checker, "SYMPTOM_IDS", None) if not isinstance(checker, str) else None
        if not symptoms:
            return []
        findings = []
        for page in self.pages.values():
            if page.key != "tree.md":
                continue
            for symptom in symptoms:
                if f"tree-{symptom}" not in page.ids:
                    findings.append(Finding(page.src, 1, "IDS002", f"the built decision tree /{page.url} has no entry point `#tree-{symptom}` for the checker's symptom `{symptom}`; add the element with that id"))
        return findings
