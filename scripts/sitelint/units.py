"""Code units: the pieces of code the language checks read.

A unit is either a whole snippet file (its sections run together, so checking
the file as one script sees the variables one section sets for the next) or a
fence typed directly into a page. Each keeps the source line of every line, so a
tool's complaint about line 7 of a temp file lands on the right line of the
right source file.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from .project import Project, SnippetFile
from .snippets import all_docs

SUFFIX_LANGUAGE = {
    ".sh": "bash", ".bash": "bash", ".ps1": "powershell", ".cmd": "bat", ".bat": "bat",
    ".conf": "ini", ".ini": "ini", ".cfg": "ini", ".toml": "toml", ".yml": "yaml", ".yaml": "yaml",
    ".json": "json", ".py": "python", ".txt": "text",
}
ALLOW_RE = re.compile(r"sitelint:\s*allow\s+([A-Z]+\d+(?:\s*,\s*[A-Z]+\d+)*)")


@dataclass
class Unit:
    """``lines`` are (source line, text); ``path`` is relative to the linted root."""

    lang: str
    path: str
    lines: list[tuple[int, str]]
    snippet: SnippetFile | None = None  # set for whole-file units

    def allows(self, line: int, code: str) -> bool:
        """``# sitelint: allow SAF001 -- reason`` on a line waives that code there."""
        waived = self.__dict__.get("_waived")
        if waived is None:
            waived = {}
            for number, text in self.lines:
                if "sitelint:" in text:
                    match = ALLOW_RE.search(text)
                    if match:
                        waived[number] = set(re.split(r"\s*,\s*", match.group(1)))
            self.__dict__["_waived"] = waived
        return code in waived.get(line, ())


def file_language(snippet: SnippetFile) -> str | None:
    name = posixpath.basename(snippet.rel)
    if name == "Dockerfile" or name.endswith(".dockerfile"):
        return "dockerfile"
    lang = SUFFIX_LANGUAGE.get(posixpath.splitext(name)[1])
    if lang == "bash" and snippet.lines and re.match(r"#!\s*/bin/sh\b|#!\s*/usr/bin/env\s+sh\b", snippet.lines[0]):
        return "sh"
    return lang


def console_commands(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A console block's commands: ``$ `` lines and their continuations; output blanked."""
    out = []
    continuing = False
    for number, text in lines:
        stripped = text.lstrip()
        if stripped.startswith("$ ") or stripped == "$":
            out.append((number, stripped[2:]))
            continuing = stripped.rstrip().endswith("\\")
        elif continuing:
            out.append((number, text))
            continuing = text.rstrip().endswith("\\")
        else:
            out.append((number, ""))
    return out


def collect_units(project: Project) -> list[Unit]:
    units = []
    for rel, snippet in project.snippet_files.items():
        if rel == "README.md" or rel.endswith(".md"):
            continue
        lang = file_language(snippet)
        if lang:
            units.append(Unit(lang, project.rel(snippet.path), list(enumerate(snippet.lines, 1)), snippet))
    for rel, doc in all_docs(project):
        for fence in doc.fences:
            typed = fence.typed_lines
            if not typed or not fence.lang:
                continue
            include_lines = {inc.line for inc in fence.includes}
            body = [(n, "" if n in include_lines else t) for n, t in fence.body]
            lang = fence.lang
            if lang == "console":
                body, lang = console_commands(body), "bash"
            units.append(Unit(lang, rel, body))
    return units


PLACEHOLDER_RE = re.compile(r"<[a-z0-9]+(?:[-.][a-z0-9]+)*>")


def fill_placeholders(text: str, table: dict[str, str]) -> str:
    """Registered placeholders become their test values; unknown ones a neutral word."""
    return PLACEHOLDER_RE.sub(lambda m: table.get(m.group(0), "placeholder"), text)


def python_code_lines(unit: Unit) -> list[tuple[int, str]]:
    """A Python unit's lines with comments and docstrings blanked.

    Prose in a docstring (``/fix/<id>/``) is not code a reader fills in, and a
    comment that mentions ``verify=False`` does not switch anything off.
    Falls back to the raw lines when the code does not tokenize (SNP012 then
    reports it). Computed once per unit.
    """
    if "_code_lines" in unit.__dict__:
        return unit.__dict__["_code_lines"]
    unit.__dict__["_code_lines"] = _python_code_lines(unit)
    return unit.__dict__["_code_lines"]


def _python_code_lines(unit: Unit) -> list[tuple[int, str]]:
    import ast
    import io
    import tokenize

    source = "\n".join(text for _, text in unit.lines)
    blank: dict[int, list[tuple[int, int]]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                blank.setdefault(token.start[0], []).append((token.start[1], len(unit.lines[token.start[0] - 1][1])))
        tree = ast.parse(source)
    except (SyntaxError, tokenize.TokenError, IndentationError, IndexError):
        return list(unit.lines)
    docstring_lines: set[int] = set()
    # Docstrings open Module/Class/Function bodies; walk statements only, not
    # every expression node (ast.walk over a 2,000-line file costs 0.1 s).
    pending: list = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstring_lines.update(range(first.lineno, (first.end_lineno or first.lineno) + 1))
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            children = getattr(node, name, None)
            if isinstance(children, list):
                pending.extend(child for child in children if isinstance(child, ast.AST))
    out = []
    for index, (number, text) in enumerate(unit.lines, 1):
        if index in docstring_lines:
            text = ""
        for start, end in blank.get(index, []):
            text = text[:start] + " " * (end - start)
        out.append((number, text))
    return out
