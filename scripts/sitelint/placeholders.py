"""Placeholders: only ``<kebab-name>`` names from snippets/README.md's table.

Readers paste commands verbatim. A ``<name>`` in angle brackets makes the shell
fail loudly until it is replaced; ``path/to/ca-bundle.crt`` does not, and has
ended up in real pip configs (the ``ca-bundle-invalid`` symptom). So code may
use the registered placeholders and nothing that looks like another kind.
"""

from __future__ import annotations

import re

from .findings import Finding
from .project import Project
from .snippets import all_docs
from .units import PLACEHOLDER_RE, Unit, python_code_lines

FORBIDDEN = (
    (re.compile(r"(?i)\bpath[/\\]to[/\\]"), "`path/to/…` gets pasted verbatim"),
    (re.compile(r"\b[Yy][Oo][Uu][Rr][_-][A-Za-z0-9_-]+|\bYOUR[A-Z]+\b"), "`YOUR_…` reads like a real value"),
    (re.compile(r"(?i)(?<![A-Za-z0-9])x{3,}(?![A-Za-z0-9])"), "`xxx` reads like a real value"),
    (re.compile(r"(?<!<)<(?![<#!/=\s-])(?=[^<>\n]*[A-Z_ ])([A-Za-z][^<>\n]{0,40})>(?!>)"), "`<NAME>` is not the kebab-case form"),
)
BRACE_RE = re.compile(r"(?<![$\w@%{\\])\{([A-Za-z][A-Za-z0-9_-]*)\}(?!\})")
BRACE_LANGS = {"bash", "sh", "ini", "toml", "yaml", "bat", "dockerfile"}
CHECKED_LANGS = {"bash", "sh", "powershell", "bat", "ini", "toml", "yaml", "json", "python", "dockerfile"}


def _suggest(text: str) -> str:
    return "<" + (re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-") or "name") + ">"


def check_unit(project: Project, unit: Unit) -> list[Finding]:
    if unit.lang not in CHECKED_LANGS:
        return []
    table = project.placeholders
    findings = []
    lines = python_code_lines(unit) if unit.lang == "python" else unit.lines
    for number, text in lines:
        if "8<-" in text or unit.allows(number, "PLH001"):
            continue
        for match in PLACEHOLDER_RE.finditer(text):
            if match.group(0) not in table:
                findings.append(Finding(unit.path, number, "PLH001", f"placeholder `{match.group(0)}` is not listed in snippets/README.md; use a listed one or add a row (name, what to put there, test value)"))
        for pattern, why in FORBIDDEN:
            match = pattern.search(text)
            if match and not unit.allows(number, "PLH002"):
                findings.append(Finding(unit.path, number, "PLH002", f"`{match.group(0)}` looks like a placeholder but {why}; write a `<kebab-name>` from snippets/README.md or fix the value so the command runs as shown (text that must stay, such as a detector's pattern, takes `# sitelint: allow PLH002 -- why` on its line)"))
        if unit.lang in BRACE_LANGS:
            match = BRACE_RE.search(text)
            if match and not (unit.lang in ("bash", "sh") and text[: match.start()].rstrip().endswith("()")):
                findings.append(Finding(unit.path, number, "PLH002", f"`{match.group(0)}` looks like a `{{…}}` placeholder; write `{_suggest(match.group(1))}` and list it in snippets/README.md"))
    return findings


def check_prose(project: Project) -> list[Finding]:
    """Inline code in pages may name only registered placeholders."""
    findings = []
    table = project.placeholders
    for rel, doc in all_docs(project):
        for number, code in doc.inline_code:
            for match in PLACEHOLDER_RE.finditer(code):
                if match.group(0) not in table:
                    findings.append(Finding(rel, number, "PLH001", f"placeholder `{match.group(0)}` is not listed in snippets/README.md; use a listed one or add a row"))
    return findings
