"""The linted tree, read once: config, pages per language, snippet files, tables.

Every check takes a :class:`Project` and returns findings; nothing here judges.
Reading is lazy and cached, so a check that needs only the snippets does not
pay for the checker import, and the hook and the CLI read the same way.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .markdown import SECTION_MARKER_RE, IncludeSpec, MarkdownDoc, scan
from .mkdocs_config import SiteConfig, load_site_config

PLACEHOLDER_ROW_RE = re.compile(r"^\|\s*`(<[^`]+>)`\s*\|(.*)\|\s*`([^`]*)`\s*\|\s*$")
SKIPPED_SNIPPET_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache"}


@dataclass
class Page:
    """One language version of a page."""

    doc: MarkdownDoc
    key: str  # language-independent source path, e.g. "fix/corporate-proxy.md"
    locale: str
    url: str  # site-relative URL without leading slash, e.g. "en/fix/corporate-proxy/"

    @property
    def path(self) -> Path:
        return self.doc.path


@dataclass
class Section:
    name: str
    start: int  # line of the start marker
    end: int  # line of the end marker (0 when missing)


@dataclass
class SnippetFile:
    path: Path
    rel: str  # relative to the snippets dir, POSIX
    lines: list[str]
    sections: dict[str, Section] = field(default_factory=dict)
    marker_problems: list[tuple[int, str]] = field(default_factory=list)

    def section_of(self, line: int) -> Section | None:
        """The innermost section whose markers enclose ``line``."""
        best = None
        for section in self.sections.values():
            if section.start < line < (section.end or len(self.lines) + 1):
                if best is None or section.start > best.start:
                    best = section
        return best

    def content_lines(self, spec: IncludeSpec | None = None) -> list[tuple[int, str]]:
        """(line, text) of what an include of ``spec`` embeds, markers removed."""
        numbered = list(enumerate(self.lines, 1))
        if spec is not None and spec.section:
            section = self.sections.get(spec.section)
            if section is None:
                return []
            numbered = numbered[section.start : (section.end or len(self.lines) + 1) - 1]
        elif spec is not None and spec.lines:
            numbered = _select_lines(numbered, spec.lines)
        return [(n, t) for n, t in numbered if not SECTION_MARKER_RE.match(t) or "8<-" not in t]


def _select_lines(numbered, ranges: str):
    chosen = []
    for part in ranges.lstrip(":").split(","):
        bounds = part.split(":")
        start = int(bounds[0]) if bounds[0] else 1
        end = int(bounds[1]) if len(bounds) > 1 and bounds[1] else len(numbered)
        chosen.extend(numbered[max(start, 1) - 1 : end])
    return chosen


def parse_sections(lines: list[str]) -> tuple[dict[str, Section], list[tuple[int, str]]]:
    """Sections of a snippet file and the marker problems found on the way."""
    sections: dict[str, Section] = {}
    problems: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if "8<-" not in line:
            continue
        match = SECTION_MARKER_RE.match(line)
        if not match or match.group("escape"):
            continue
        name, kind = match.group("name"), match.group("type").lower()
        if name != name.lower() or "_" in name:
            problems.append((number, f"section name `{name}` is not lowercase kebab-case; rename it (and its includes) to `{name.lower().replace('_', '-')}`"))
        if kind == "start":
            if name in sections:
                problems.append((number, f"section `{name}` starts again (first at line {sections[name].start}); give each section its own name"))
            else:
                sections[name] = Section(name, number, 0)
        else:
            section = sections.get(name)
            if section is None:
                problems.append((number, f"`[end:{name}]` without a `[start:{name}]` above it; add the start marker or remove this line"))
            elif section.end:
                problems.append((number, f"section `{name}` ends twice (first at line {section.end}); remove one end marker"))
            else:
                section.end = number
    for section in sections.values():
        if not section.end:
            problems.append((section.start, f"section `{section.name}` never ends; add `--8<-- [end:{section.name}]` after its last line"))
    return sections, problems


def load_module_from(path: Path, name: str):
    """Import ``path`` as a private module (not the venv's ``pip_ssl_check``)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


class Project:
    """A checkout (or a copy of one) rooted at ``root``."""

    CHECKER = "pip_ssl_check.py"

    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    # -- paths -------------------------------------------------------------
    def rel(self, path: Path) -> str:
        path = Path(path)
        for candidate in (path, path.resolve()):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    @cached_property
    def config(self) -> SiteConfig:
        return load_site_config(self.root)

    @property
    def docs_dir(self) -> Path:
        return self.config.docs_dir

    @property
    def snippets_dir(self) -> Path:
        return self.config.snippets_dir

    # -- pages -------------------------------------------------------------
    def split_locale(self, rel: str) -> tuple[str, str]:
        """``fix/x.en.md`` -> (``fix/x.md``, ``en``); no suffix -> the default locale."""
        stem, _, _ = rel.rpartition(".md")
        for locale in self.config.locales:
            if stem.endswith("." + locale):
                return stem[: -len(locale) - 1] + ".md", locale
        return rel, self.config.default_locale

    def page_url(self, key: str, locale: str) -> str:
        stem = key[:-3]
        if stem == "index" or stem.endswith("/index"):
            url = stem[:-5]
        elif self.config.use_directory_urls:
            url = stem + "/"
        else:
            url = stem + ".html"
        prefix = "" if locale == self.config.default_locale else locale + "/"
        return prefix + url

    @cached_property
    def pages(self) -> list[Page]:
        out = []
        for path in sorted(self.docs_dir.rglob("*.md")):
            rel = path.relative_to(self.docs_dir).as_posix()
            key, locale = self.split_locale(rel)
            out.append(Page(scan(path), key, locale, self.page_url(key, locale)))
        return out

    @cached_property
    def page_index(self) -> dict[tuple[str, str], Page]:
        """(key, locale) -> page."""
        return {(p.key, p.locale): p for p in self.pages}

    def page(self, key: str, locale: str) -> Page | None:
        return self.page_index.get((key, locale))

    @cached_property
    def url_index(self) -> dict[str, Page]:
        return {p.url: p for p in self.pages}

    # -- snippets ----------------------------------------------------------
    @cached_property
    def snippet_files(self) -> dict[str, SnippetFile]:
        out = {}
        base = self.snippets_dir
        if not base.is_dir():
            return out
        for path in sorted(base.rglob("*")):
            if not path.is_file() or SKIPPED_SNIPPET_PARTS & set(path.parts) or path.suffix == ".pyc":
                continue
            rel = path.relative_to(base).as_posix()
            try:
                lines = path.read_text(encoding="utf-8").split("\n")
            except UnicodeDecodeError:
                lines = []
            sections, problems = parse_sections(lines)
            out[rel] = SnippetFile(path, rel, lines, sections, problems)
        return out

    def snippet(self, rel: str) -> SnippetFile | None:
        return self.snippet_files.get(rel)

    @cached_property
    def markdown_snippets(self) -> dict[str, MarkdownDoc]:
        return {rel: scan(f.path, "\n".join(f.lines)) for rel, f in self.snippet_files.items() if rel.endswith(".md") and rel != "README.md"}

    # -- placeholders ------------------------------------------------------
    @cached_property
    def placeholders(self) -> dict[str, str]:
        """Registered ``<name>`` -> test value, from snippets/README.md's table."""
        readme = self.snippets_dir / "README.md"
        table = {}
        if readme.is_file():
            for line in readme.read_text(encoding="utf-8").splitlines():
                row = PLACEHOLDER_ROW_RE.match(line.strip())
                if row:
                    table[row.group(1)] = row.group(3)
        return table

    # -- the checker's tables ------------------------------------------------
    @cached_property
    def checker(self):
        """The checker module loaded from this tree, or the reason it could not be."""
        path = self.snippets_dir / self.CHECKER
        if not path.is_file():
            return f"{self.rel(path)} does not exist"
        try:
            return load_module_from(path, f"_sitelint_checker_{abs(hash(str(path)))}")
        except Exception as exc:  # noqa: BLE001 - any import failure is a finding
            return f"{self.rel(path)} does not import: {type(exc).__name__}: {exc}"
