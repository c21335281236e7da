"""A line scanner for the Markdown this site writes, good enough to lint it.

It does not render anything. It walks a page once and records what the checks
need, with the source line of each: headings and their ``{ #id }``, fenced code
blocks (language, body, the admonitions and tabs around them), ``--8<--``
includes, admonitions, content tabs, links, raw-HTML and attr-list ids, and
inline code. Containers (``!!!``/``???`` admonitions and ``===`` tabs) are
tracked by indentation, the way the extensions themselves nest them.

Anything the scanner cannot place is left alone rather than guessed; the build
hook checks the rendered HTML as well, so a miss here is still caught there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pymdownx.snippets import SnippetPreprocessor

FRONT_MATTER_RE = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
ATTR_LIST_RE = re.compile(r"\{:?\s*([^{}]*?)\s*\}\s*$")
ATTR_ID_RE = re.compile(r"(?:^|\s)#([^\s}]+)")
INLINE_ATTR_ID_RE = re.compile(r"\{:?[^{}\n]*?(?<=[\s{:])#([A-Za-z0-9_-]+)[^{}\n]*\}")
HTML_ID_RE = re.compile(r"""<[a-zA-Z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""")
HTML_LINK_RE = re.compile(r"""<(?:a|link|img|script|source|iframe)\b[^>]*?\s(href|src)\s*=\s*["']([^"']*)["']""", re.I)
FENCE_OPEN_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
ADMONITION_RE = re.compile(r"^(?P<indent>\s*)(?P<marker>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?P<rest>.*)$")
TAB_RE = re.compile(r'^(?P<indent>\s*)===(?P<flags>[+!]*)\s+"(?P<label>.*)"\s*$')
INLINE_CODE_RE = re.compile(r"(`+)(.+?)\1")
# [text](target "title") and ![alt](target); target may be <...>; no nested ()
INLINE_LINK_RE = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+[\"'(][^)]*[\"')])?\s*\)")
REF_DEF_RE = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*(<[^>]*>|\S+)")
AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")

_SPLITTER = SnippetPreprocessor.__new__(SnippetPreprocessor)
SNIPPET_LINE_RE = SnippetPreprocessor.RE_ALL_SNIPPETS
SECTION_MARKER_RE = SnippetPreprocessor.RE_SNIPPET_SECTION


@dataclass(frozen=True)
class Container:
    """An admonition (``kind="admonition"``, ``name`` its type) or a tab (``name`` its label)."""

    kind: str
    name: str
    line: int
    indent: int
    title: str = ""


# The only place where something that switches verification off may be shown
# (CONTRIBUTING.md: "shown only inside a `!!! danger` admonition").
DANGER_ADMONITION = "danger"


def in_danger(containers) -> bool:
    """Whether any of ``containers`` is a ``!!! danger`` admonition."""
    return any(c.kind == "admonition" and c.name == DANGER_ADMONITION for c in containers)


@dataclass
class Heading:
    level: int
    text: str
    id: str | None  # explicit { #id }, or None
    line: int


@dataclass
class IncludeSpec:
    """``--8<-- "spec"``: ``path``, and either a ``section`` or ``lines`` or neither."""

    spec: str
    path: str
    section: str | None
    lines: str | None

    @classmethod
    def parse(cls, spec: str) -> IncludeSpec:
        parts = _SPLITTER.split_path(spec) or (spec, None, None)
        path, lines, section = parts
        return cls(spec, path, section[1:] if section else None, lines)


@dataclass
class Include:
    spec: IncludeSpec
    line: int
    containers: tuple[Container, ...]
    fence: Fence | None = None


@dataclass
class Fence:
    lang: str  # lowercased first word of the info string; "" when none
    info: str
    line: int  # the opening fence line
    end_line: int
    indent: int
    body: list[tuple[int, str]]  # (line, text) with the fence's indent removed
    containers: tuple[Container, ...]
    includes: list[Include] = field(default_factory=list)

    @property
    def typed_lines(self) -> list[tuple[int, str]]:
        """Body lines that are not ``--8<--`` includes and not blank."""
        include_lines = {inc.line for inc in self.includes}
        return [(n, t) for n, t in self.body if t.strip() and n not in include_lines]


@dataclass
class Link:
    target: str
    line: int
    kind: str  # "md" (inline/image/reference), "html" (raw href/src), "auto" (<https://...>)
    containers: tuple[Container, ...]


@dataclass
class Tab:
    label: str
    line: int
    set_id: int  # tabs with the same set_id form one tab set
    containers: tuple[Container, ...]  # enclosing containers, the tab itself excluded
    heading_id: str | None  # the heading the tab set sits under (for combined slugs)


@dataclass
class MarkdownDoc:
    """Everything the checks read from one Markdown file."""

    path: Path
    lines: list[str]
    front_matter_lines: int
    headings: list[Heading] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    admonitions: list[tuple[Container, tuple[Container, ...]]] = field(default_factory=list)
    tabs: list[Tab] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    extra_ids: list[tuple[str, int]] = field(default_factory=list)  # attr-list and raw-HTML ids
    inline_code: list[tuple[int, str]] = field(default_factory=list)


def heading_id_and_text(raw: str) -> tuple[str | None, str]:
    """Split ``Title { #id .class }`` into ``("id", "Title")``."""
    match = ATTR_LIST_RE.search(raw)
    if not match:
        return None, raw.strip()
    id_match = ATTR_ID_RE.search(" " + match.group(1))
    return (id_match.group(1) if id_match else None), raw[: match.start()].strip()


def _strip_inline_code(text: str) -> str:
    return INLINE_CODE_RE.sub(lambda m: " " * len(m.group(0)), text)


def scan(path: Path, text: str | None = None) -> MarkdownDoc:
    """Scan one Markdown file (page or Markdown snippet)."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    front = FRONT_MATTER_RE.match(text)
    skip = front.group(0).count("\n") if front else 0
    doc = MarkdownDoc(path=path, lines=lines, front_matter_lines=skip)
    stack: list[Container] = []
    fence: Fence | None = None
    fence_close: re.Pattern | None = None
    tab_sets: dict[int, tuple[int, int]] = {}  # indent -> (set_id, line of last tab marker)
    last_at_indent: dict[int, str] = {}  # indent -> kind of the last block seen there
    set_counter = 0
    current_heading: str | None = None
    in_block_include = False

    for number, line in enumerate(lines, 1):
        if number <= skip:
            continue
        if fence is not None:
            if fence_close.match(line):
                fence.end_line = number
                fence = None
                continue
            body = line[fence.indent:] if line[: fence.indent].strip() == "" else line.lstrip()
            fence.body.append((number, body))
            snippet = SNIPPET_LINE_RE.match(line)
            if snippet and not snippet.group("escape") and snippet.group("snippet"):
                inc = Include(IncludeSpec.parse(snippet.group("snippet")[1:-1]), number, tuple(stack), fence)
                fence.includes.append(inc)
                doc.includes.append(inc)
            continue
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        while stack and indent < stack[-1].indent + 4:
            stack.pop()
        for level in [lvl for lvl in last_at_indent if lvl > indent]:
            del last_at_indent[level]
            tab_sets.pop(level, None)

        snippet = SNIPPET_LINE_RE.match(line)
        if snippet and not snippet.group("escape"):
            if snippet.group("block_marker"):
                in_block_include = not in_block_include
                continue
            inc = Include(IncludeSpec.parse(snippet.group("snippet")[1:-1]), number, tuple(stack))
            doc.includes.append(inc)
            last_at_indent[indent] = "include"
            continue
        if in_block_include:
            spec = line.strip()
            if spec and not spec.startswith(";"):
                doc.includes.append(Include(IncludeSpec.parse(spec), number, tuple(stack)))
            continue

        opened = FENCE_OPEN_RE.match(line)
        if opened:
            marker = opened.group("fence")
            info = opened.group("info").strip()
            lang = info.split()[0].lower() if info and not info.startswith("{") else ""
            if info.startswith("{"):
                cls = re.search(r"\.([\w+-]+)", info)
                lang = cls.group(1).lower() if cls else ""
            fence = Fence(lang, info, number, number, len(opened.group("indent")), [], tuple(stack))
            fence_close = re.compile(r"^\s*" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}\s*$")
            doc.fences.append(fence)
            last_at_indent[indent] = "fence"
            continue

        heading = HEADING_RE.match(line.lstrip())
        content_indent = stack[-1].indent + 4 if stack else 0
        if heading and indent < content_indent + 4:
            hid, htext = heading_id_and_text(heading.group(2))
            doc.headings.append(Heading(len(heading.group(1)), htext, hid, number))
            current_heading = hid
            last_at_indent[indent] = "heading"
            _scan_inline(doc, line, number, stack)
            continue

        admonition = ADMONITION_RE.match(line)
        if admonition:
            title = admonition.group("rest").strip()
            container = Container("admonition", admonition.group("type").lower(), number, indent, title)
            doc.admonitions.append((container, tuple(stack)))
            stack.append(container)
            last_at_indent[indent] = "admonition"
            continue

        tab = TAB_RE.match(line)
        if tab:
            previous = tab_sets.get(indent)
            if previous is None or last_at_indent.get(indent) != "tab" or "!" in tab.group("flags"):
                set_counter += 1
                set_id = set_counter
            else:
                set_id = previous[0]
            tab_sets[indent] = (set_id, number)
            container = Container("tab", tab.group("label"), number, indent)
            doc.tabs.append(Tab(tab.group("label"), number, set_id, tuple(stack), current_heading))
            stack.append(container)
            last_at_indent[indent] = "tab"
            continue

        last_at_indent[indent] = "text"
        _scan_inline(doc, line, number, stack)
    return doc


def _scan_inline(doc: MarkdownDoc, line: str, number: int, stack: list[Container]) -> None:
    """Links, ids and inline code on one non-code line."""
    for match in INLINE_CODE_RE.finditer(line):
        doc.inline_code.append((number, match.group(2)))
    text = _strip_inline_code(line)
    containers = tuple(stack)
    for match in INLINE_LINK_RE.finditer(text):
        target = match.group(1).strip("<>")
        doc.links.append(Link(target, number, "md", containers))
    ref = REF_DEF_RE.match(text)
    if ref and not ref.group(1).startswith("^"):
        doc.links.append(Link(ref.group(2).strip("<>"), number, "md", containers))
    for match in AUTOLINK_RE.finditer(text):
        doc.links.append(Link(match.group(1), number, "auto", containers))
    for match in HTML_LINK_RE.finditer(text):
        doc.links.append(Link(match.group(2), number, "html", containers))
    for match in HTML_ID_RE.finditer(text):
        doc.extra_ids.append((match.group(1), number))
    if not HEADING_RE.match(line):
        for match in INLINE_ATTR_ID_RE.finditer(text):
            doc.extra_ids.append((match.group(1), number))
