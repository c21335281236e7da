"""Safety: switching verification off only where the page says what it costs.

Anything that disables certificate checks lives in a snippet section named
``insecure-…`` (SAF001, checked in the snippet file) and is shown only inside a
``!!! danger`` admonition (SAF002, checked on the page), so
a reader skimming for a command never copies it without the warning around it.
``text`` blocks are output, not commands, and are not checked.
"""

from __future__ import annotations

import re

from .findings import Finding
from .markdown import Fence, in_danger
from .project import Project
from .snippets import all_docs
from .units import Unit, python_code_lines

INSECURE_PATTERNS = [
    # Reading or unsetting a variable (`env | grep PIP_TRUSTED_HOST`, `unset …`,
    # `pip config unset global.trusted-host`) is diagnosis or undo, not a finding.
    (re.compile(r"--trusted-host\b|\bPIP_TRUSTED_HOST\s*=\s*[\"']?[^\s\"']|^\s*trusted[-_]host\s*[=:]\s*\S|\bconfig\s+(?:--\S+\s+)*set\s+\S*trusted-host", re.I), "trusts a host without verification"),
    (re.compile(r"\bverify\s*=\s*False\b|\bverify\s*:\s*false\b"), "turns verification off (verify=False)"),
    (re.compile(r"\bssl_verify\b\W*(?:false|no|0)\b", re.I), "turns conda verification off (ssl_verify false)"),
    (re.compile(r"\bCERT_NONE\b|_create_unverified_context|\bcheck_hostname\s*=\s*False\b"), "creates an unverified TLS context"),
    (re.compile(r"\bPYTHONHTTPSVERIFY\W{1,3}0\b"), "turns Python's HTTPS verification off"),
    (re.compile(r"\bcurl\b[^\n|;&]*\s(?:-k|--insecure)\b|\bwget\b[^\n|;&]*--no-check-certificate"), "downloads without verification"),
    (re.compile(r"--allow-insecure-host\b|\bUV_INSECURE_HOST\s*=\s*[\"']?[^\s\"']|\ballow-insecure-host\s*=\s*\S"), "tells uv to skip verification"),
    (re.compile(r"\bNODE_TLS_REJECT_UNAUTHORIZED\W{1,3}0|strict-ssl\W+false|sslVerify\W+false", re.I), "turns verification off for another tool"),
    (re.compile(r"-SkipCertificateCheck\b|ServerCertificateValidationCallback", re.I), "skips certificate checks in PowerShell"),
    (re.compile(r"(?:--(?:extra-)?index-url|(?<!\S)-i|(?:extra-)?index-url\s*=|PIP_(?:EXTRA_)?INDEX_URL\s*=)\s*[\"']?http://", re.I), "installs from an unencrypted http:// index"),
]
COMMENT_LINE_RE = re.compile(r"^\s*(?:#|;|::|@?rem\b|<#)", re.I)

# In Python, strings and prose name pip's options ("--trusted-host: the last
# resort"); only constructs that switch verification off in Python count.
PYTHON_PATTERNS = [INSECURE_PATTERNS[i] for i in (1, 3, 4)]
SAFETY_LANGS = {"bash", "sh", "powershell", "bat", "ini", "toml", "yaml", "json", "python", "dockerfile"}


def insecure_match(text: str, lang: str = "") -> str | None:
    for pattern, why in PYTHON_PATTERNS if lang == "python" else INSECURE_PATTERNS:
        if pattern.search(text):
            return why
    return None


def check_unit(unit: Unit) -> list[Finding]:
    """SAF001: in a snippet file, insecure lines sit in an ``insecure-`` section."""
    if unit.snippet is None or unit.lang not in SAFETY_LANGS:
        return []
    findings = []
    lines = python_code_lines(unit) if unit.lang == "python" else unit.lines
    for number, text in lines:
        if "8<-" in text or COMMENT_LINE_RE.match(text):
            continue
        why = insecure_match(text, unit.lang)
        if not why or unit.allows(number, "SAF001"):
            continue
        section = unit.snippet.section_of(number)
        if section is None or not section.name.startswith("insecure-"):
            where = f"section `{section.name}`" if section else "no section"
            findings.append(Finding(unit.path, number, "SAF001", f"this line {why} but is in {where}; move it into a section named `insecure-<name>` and show that only inside a `!!! danger` admonition (in a program that must do it, e.g. the checker's labelled look at a certificate, end the line with `# sitelint: allow SAF001 -- why`)"))
    return findings


def _fence_is_insecure(project: Project, fence: Fence) -> str | None:
    for inc in fence.includes:
        if inc.spec.section and inc.spec.section.startswith("insecure-"):
            return f'it embeds `{inc.spec.spec}`'
        snippet = project.snippet(inc.spec.path)
        if snippet is None:
            continue
        lang = "python" if inc.spec.path.endswith(".py") else ""
        for number, text in snippet.content_lines(inc.spec):
            why = None if COMMENT_LINE_RE.match(text) else insecure_match(text, lang)
            probe = Unit("", "", [(number, text)])
            if why and not (probe.allows(number, "SAF001") or probe.allows(number, "SAF002")):
                return f"snippets/{inc.spec.path}:{number} {why}"
    for number, text in fence.typed_lines:
        why = None if COMMENT_LINE_RE.match(text) else insecure_match(text, fence.lang)
        if why:
            return f"line {number} {why}"
    return None


def check_pages(project: Project) -> list[Finding]:
    """SAF002: a block that switches verification off is inside a danger admonition."""
    findings = []
    for rel, doc in all_docs(project):
        for fence in doc.fences:
            if fence.lang == "text":
                continue
            if in_danger(fence.containers):
                continue
            reason = _fence_is_insecure(project, fence)
            if reason:
                waiver = " (or, if that snippet line is a deliberate, labelled exception, end it with `# sitelint: allow SAF001 -- why`)" if reason.startswith("snippets/") else ""
                findings.append(Finding(rel, fence.line, "SAF002", f"this block switches verification off ({reason}) outside a danger admonition; put it inside `!!! danger \"…\"` that says what it costs, after the secure fixes{waiver}"))
    return findings
