"""Parity: the Chinese and English pages have the same skeleton.

Tickets link to ``#ids`` and tab anchors, readers switch language mid-fix, and
the tests run the snippets a page embeds; all of that holds only if both
languages have the same headings (ids, order, levels), embed the same snippet
sections, and put the same admonition types and tab labels in the same places.
Content tabs also use the shared, language-independent labels of
CONTRIBUTING.md, in its order (Windows, macOS, Linux).
"""

from __future__ import annotations

from .findings import Finding
from .markdown import Container
from .project import Page, Project

TAB_LABELS = ("Windows", "macOS", "Linux", "PowerShell", "cmd", "bash/zsh", "pip", "uv", "conda", "Poetry", "requests", "Docker")
# Other spellings of the shared labels; a tab with one of these is a finding.
# Labels outside the list (distributions such as `Debian/Ubuntu`) are allowed
# when ASCII, so they stay the same in both languages.
TAB_ALIASES = {
    "mac": "macOS", "macos": "macOS", "os x": "macOS", "osx": "macOS", "mac os": "macOS",
    "win": "Windows", "windows": "Windows", "linux": "Linux",
    "powershell": "PowerShell", "pwsh": "PowerShell", "cmd": "cmd", "cmd.exe": "cmd", "command prompt": "cmd",
    "bash": "bash/zsh", "zsh": "bash/zsh", "bash/zsh": "bash/zsh", "shell": "bash/zsh", "terminal": "bash/zsh",
    "pip": "pip", "uv": "uv", "conda": "conda", "anaconda": "conda", "poetry": "Poetry", "requests": "requests", "docker": "Docker",
}
OS_ORDER = ("Windows", "macOS", "Linux")


def _path(containers: tuple[Container, ...]) -> str:
    return " > ".join(f"{'!!! ' if c.kind == 'admonition' else '=== '}{c.name}" for c in containers) or "top level"


def _first_difference(a: list, b: list) -> int | None:
    for index in range(max(len(a), len(b))):
        if index >= len(a) or index >= len(b) or a[index][0] != b[index][0]:
            return index
    return None


def _compare(code: str, what: str, fix: str, base: Page, other: Page, project: Project, base_items, other_items) -> list[Finding]:
    """``*_items`` are lists of (comparable, line, shown)."""
    index = _first_difference(base_items, other_items)
    if index is None:
        return []
    base_rel, other_rel = project.rel(base.path), project.rel(other.path)
    if index >= len(other_items):
        _, line, shown = base_items[index]
        return [Finding(other_rel, other_items[-1][1] if other_items else 1, code, f"{what} #{index + 1} is missing here: {base_rel}:{line} has {shown}; {fix}")]
    _, line, shown = other_items[index]
    if index >= len(base_items):
        return [Finding(other_rel, line, code, f"{what} #{index + 1} {shown} is not in {base_rel}; {fix}")]
    _, base_line, base_shown = base_items[index]
    return [Finding(other_rel, line, code, f"{what} #{index + 1}: found {shown}, expected {base_shown} as in {base_rel}:{base_line}; {fix}")]


def heading_items(page: Page):
    return [((h.level, h.id), h.line, f"`{'#' * h.level} … {{ #{h.id} }}`" if h.id else f"`{'#' * h.level} {h.text}` (no id)") for h in page.doc.headings]


def include_items(page: Page):
    return [(inc.spec.spec, inc.line, f'`--8<-- "{inc.spec.spec}"`') for inc in page.doc.includes]


def admonition_items(page: Page):
    return [((adm.name, _path(parents)), adm.line, f"`!!! {adm.name}` in {_path(parents)}") for adm, parents in page.doc.admonitions]


def tab_items(page: Page):
    return [((tab.label, tab.set_id, _path(tab.containers)), tab.line, f'`=== "{tab.label}"` in {_path(tab.containers)}') for tab in page.doc.tabs]


def _normalize_sets(items):
    """Renumber tab set ids 1, 2, … in order of appearance, so pages compare."""
    mapping: dict[int, int] = {}
    out = []
    for (label, set_id, path), line, shown in items:
        mapping.setdefault(set_id, len(mapping) + 1)
        out.append(((label, mapping[set_id], path), line, shown))
    return out


def check_tab_labels(project: Project, page: Page) -> list[Finding]:
    findings = []
    rel = project.rel(page.path)
    sets: dict[int, list] = {}
    for tab in page.doc.tabs:
        sets.setdefault(tab.set_id, []).append(tab)
        if tab.label in TAB_LABELS:
            continue
        canonical = TAB_ALIASES.get(tab.label.lower())
        if canonical:
            findings.append(Finding(rel, tab.line, "PAR005", f'tab label `{tab.label}` is spelled `{canonical}` on this site; write `=== "{canonical}"` so links to the tab work'))
        elif not tab.label.isascii():
            findings.append(Finding(rel, tab.line, "PAR005", f'tab label `{tab.label}` is translated; tab labels are the same in both languages ({", ".join(TAB_LABELS)}, or an ASCII name such as a distribution)'))
    for tabs in sets.values():
        labels = [t.label for t in tabs]
        seen = [label for label in labels if label in OS_ORDER]
        if seen != sorted(seen, key=OS_ORDER.index):
            tab = tabs[0]
            findings.append(Finding(rel, tab.line, "PAR005", f"tabs {', '.join(labels)} are out of order; put them as {', '.join(sorted(seen, key=OS_ORDER.index))}"))
        duplicates = {label for label in labels if labels.count(label) > 1}
        if duplicates:
            findings.append(Finding(rel, tabs[0].line, "PAR005", f"tab set repeats {', '.join(sorted(duplicates))}; give each tab of a set its own label"))
    return findings


def check_parity(project: Project) -> list[Finding]:
    findings: list[Finding] = []
    locales = project.config.locales
    default = project.config.default_locale
    keys = sorted({p.key for p in project.pages})
    for page in project.pages:
        findings += check_tab_labels(project, page)
    for key in keys:
        base = project.page(key, default)
        for locale in locales:
            page = project.page(key, locale)
            if page is None:
                existing = next(p for p in project.pages if p.key == key)
                stem = key[:-3]
                missing = key if locale == default else f"{stem}.{locale}.md"
                findings.append(Finding(project.rel(existing.path), 1, "PAR001", f"no `{locale}` version of this page; create docs/{missing} with the same headings, includes, admonitions and tabs"))
        if base is None:
            continue
        for locale in locales:
            other = project.page(key, locale)
            if other is None or locale == default:
                continue
            findings += _compare("PAR002", "heading", "give both languages the same heading ids, in the same order and at the same levels", base, other, project, heading_items(base), heading_items(other))
            findings += _compare("PAR003", "snippet include", "embed the same snippet sections in the same order in both languages", base, other, project, include_items(base), include_items(other))
            findings += _compare("PAR004", "admonition", "use the same admonition types in the same places in both languages (translate only the titles)", base, other, project, admonition_items(base), admonition_items(other))
            findings += _compare("PAR005", "tab", "use the same tab labels in the same structure in both languages", base, other, project, _normalize_sets(tab_items(base)), _normalize_sets(tab_items(other)))
    return findings
