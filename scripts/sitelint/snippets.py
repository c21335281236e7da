"""Snippets: every include resolves, every file is used, every fence is labelled.

Pages never type commands: they embed sections of files under ``snippets/`` so
both languages show the same bytes and the tests can run them. This module
checks that plumbing; :mod:`sitelint.syntax` and :mod:`sitelint.tools` check what the code itself says.
"""

from __future__ import annotations

import posixpath
import re

from .findings import Finding
from .markdown import Fence, Include, MarkdownDoc
from .project import Project

FENCE_LANGUAGES = ("bash", "sh", "console", "powershell", "bat", "ini", "toml", "yaml", "json", "python", "dockerfile", "text")
# Which fence languages may show a snippet file, by file suffix (or whole name).
FILE_LANGUAGES = {
    ".sh": {"bash", "sh", "console"},
    ".bash": {"bash", "console"},
    ".ps1": {"powershell"},
    ".cmd": {"bat"},
    ".bat": {"bat"},
    ".conf": {"ini"},
    ".ini": {"ini"},
    ".cfg": {"ini"},
    ".toml": {"toml"},
    ".yml": {"yaml"},
    ".yaml": {"yaml"},
    ".json": {"json"},
    ".py": {"python"},
    "Dockerfile": {"dockerfile"},
    ".txt": {"text"},
}
FIX_FILE_RE = re.compile(r"^(linux\.sh|posix\.sh|macos\.sh|windows\.ps1|windows\.cmd|pip\.conf|pip\.ini|uv\.toml|condarc\.yml|Dockerfile|[a-z0-9_]+\.py|output-[a-z0-9]+(?:-[a-z0-9]+)*\.txt)$")
FIX_SECTION_RE = re.compile(r"^(?:verify|(?:fix|verify|undo|diagnose|insecure)-[a-z0-9]+(?:-[a-z0-9]+)*)$")


def file_languages(rel: str) -> set[str] | None:
    name = posixpath.basename(rel)
    if name in FILE_LANGUAGES:
        return FILE_LANGUAGES[name]
    return FILE_LANGUAGES.get(posixpath.splitext(name)[1])


def all_docs(project: Project) -> list[tuple[str, MarkdownDoc]]:
    """Pages and Markdown snippets: everything that can hold fences and includes."""
    docs = [(project.rel(p.path), p.doc) for p in project.pages]
    docs += [(project.rel(d.path), d) for d in project.markdown_snippets.values()]
    return docs


def check_include(project: Project, rel: str, inc: Include) -> list[Finding]:
    spec = inc.spec
    snippet = project.snippet(spec.path)
    if snippet is None:
        near = sorted(r for r in project.snippet_files if posixpath.basename(r) == posixpath.basename(spec.path))
        hint = f" (did you mean `{near[0]}`?)" if near else ""
        return [Finding(rel, inc.line, "SNP001", f'`--8<-- "{spec.spec}"`: snippets/{spec.path} does not exist{hint}; fix the path (relative to snippets/) or create the file')]
    if spec.section and spec.section not in snippet.sections:
        have = ", ".join(sorted(snippet.sections)) or "no sections"
        return [Finding(rel, inc.line, "SNP002", f'`--8<-- "{spec.spec}"`: {project.rel(snippet.path)} has no section `{spec.section}` (it has {have}); add `--8<-- [start:{spec.section}]`/`[end:{spec.section}]` markers or fix the name')]
    return []


def check_fence(project: Project, rel: str, fence: Fence) -> list[Finding]:
    findings = []
    if not fence.lang:
        guess = _guess_language(project, fence)
        findings.append(Finding(rel, fence.line, "SNP004", f"fenced block has no language; write ```{guess or 'text'} (one of: {', '.join(FENCE_LANGUAGES)})"))
    elif fence.lang not in FENCE_LANGUAGES:
        findings.append(Finding(rel, fence.line, "SNP004", f"fence language `{fence.lang}` is not one the site uses; use one of: {', '.join(FENCE_LANGUAGES)}"))
    if fence.lang != "text" and fence.typed_lines:
        line, text = fence.typed_lines[0]
        findings.append(Finding(rel, line, "SNP006", f"`{text.strip()[:60]}` is typed into the page; move it into a section of a file under snippets/ and embed it with `--8<-- \"<file>:<section>\"` so both languages and the tests share it"))
    for inc in fence.includes:
        allowed = file_languages(inc.spec.path)
        if fence.lang and allowed is not None and fence.lang not in allowed:
            findings.append(Finding(rel, inc.line, "SNP007", f"snippets/{inc.spec.path} is shown in a ```{fence.lang} fence; use ```{sorted(allowed)[0]} (or move the code to a file of the right type)"))
    return findings


def _guess_language(project: Project, fence: Fence) -> str | None:
    for inc in fence.includes:
        allowed = file_languages(inc.spec.path)
        if allowed:
            return sorted(allowed)[0]
    return None


def used_snippets(project: Project) -> set[str]:
    used = set()
    pending = [doc for _, doc in all_docs(project)]
    for rel_doc in pending:
        for inc in rel_doc.includes:
            used.add(inc.spec.path)
    # Includes inside included snippet files count too (pymdownx nests them).
    frontier = list(used)
    while frontier:
        rel = frontier.pop()
        snippet = project.snippet(rel)
        if snippet is None:
            continue
        for line in snippet.lines:
            match = re.match(r'^\s*-{1,}8<-{1,}\s+["\']([^"\']+)["\']\s*$', line)
            if match:
                target = match.group(1).split(":", 1)[0]
                if target not in used:
                    used.add(target)
                    frontier.append(target)
    return used


def check_layout(project: Project) -> list[Finding]:
    """snippets/fix/<page-id>/<platform file> with purpose-named sections."""
    findings = []
    fix_ids = {p.key[4:-3] for p in project.pages if p.key.startswith("fix/")}
    for rel, snippet in project.snippet_files.items():
        if not rel.startswith("fix/"):
            continue
        parts = rel.split("/")
        file_rel = project.rel(snippet.path)
        if len(parts) != 3:
            findings.append(Finding(file_rel, 1, "SNP008", f"fix-page snippets live in snippets/fix/<page-id>/<file> (see CONTRIBUTING.md); move {rel} into a page's folder"))
            continue
        page_id, name = parts[1], parts[2]
        if page_id not in fix_ids:
            findings.append(Finding(file_rel, 1, "SNP008", f"snippets/fix/{page_id}/ matches no fix page (docs/fix/{page_id}.md); name the folder after the page id"))
        if not FIX_FILE_RE.match(name):
            findings.append(Finding(file_rel, 1, "SNP008", f"`{name}` is not a fix-snippet file name; use linux.sh, posix.sh, macos.sh, windows.ps1, windows.cmd, pip.conf, pip.ini, uv.toml, condarc.yml, Dockerfile, <name>.py or output-<name>.txt"))
        for section in snippet.sections.values():
            if not FIX_SECTION_RE.match(section.name):
                findings.append(Finding(file_rel, section.start, "SNP008", f"section `{section.name}` does not say its purpose; name it fix-<name>, verify[-<name>], undo-<name>, diagnose-<name> or insecure-<name>"))
            elif section.name.startswith("undo-"):
                name_part = section.name[5:]
                folder = f"fix/{page_id}/"
                has_fix = any(f"fix-{name_part}" in s.sections or f"insecure-{name_part}" in s.sections for r, s in project.snippet_files.items() if r.startswith(folder))
                if not has_fix:
                    findings.append(Finding(file_rel, section.start, "SNP008", f"`{section.name}` takes back `fix-{name_part}` (or `insecure-{name_part}`), which no file in snippets/{folder} has; add that section or rename this one"))
    return findings


def check_snippets(project: Project) -> list[Finding]:
    findings: list[Finding] = []
    for rel, doc in all_docs(project):
        for inc in doc.includes:
            findings += check_include(project, rel, inc)
        for fence in doc.fences:
            findings += check_fence(project, rel, fence)
    for rel, snippet in project.snippet_files.items():
        for line, message in snippet.marker_problems:
            findings.append(Finding(project.rel(snippet.path), line, "SNP005", message))
    used = used_snippets(project)
    for rel, snippet in project.snippet_files.items():
        if rel == "README.md" or rel in used:
            continue
        findings.append(Finding(project.rel(snippet.path), 1, "SNP003", f"no page includes snippets/{rel}; embed it with `--8<-- \"{rel}:<section>\"` or delete it"))
    findings += check_layout(project)
    return findings
