"""Links: every internal link resolves in its own language; external ones are vetted.

Covers Markdown links and images, raw HTML ``href``/``src`` in Markdown, links in
Markdown snippets (resolved relative to the page that includes them, as MkDocs
does), nav entries, ``overrides/`` templates, and the URLs the checker prints
(``SITE_URL``, ``fix_url``, ``symptom_url``).
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .anchors import page_ids
from .external import ALLOWLIST_REL, AllowlistError, allowed, check_reachable, load_allowlist
from .findings import Finding
from .project import Page, Project
from .markdown import in_danger

TEMPLATE_LINK_RE = re.compile(r"""\s(href|src)\s*=\s*(["'])(.*?)\2""")
TEMPLATE_URL_FILTER_RE = re.compile(r"""\{\{\s*(["'])([^"']*)\1\s*\|\s*url\s*\}\}""")
JINJA_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
# Files a build hook adds to the site, which the sources cannot show. The build
# (MkDocs' own validation and LNK010) checks the real output.
GENERATED_FILES = {
    "pip_ssl_check.py": "scripts/hooks/pyodide_assets.py publishes snippets/pip_ssl_check.py as a download",
}
IGNORED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:void(0)")


@dataclass
class LinkUse:
    """A link as it will be resolved: from ``page``, reported at ``path:line``."""

    target: str
    kind: str
    page: Page
    path: str
    line: int
    insecure_context: bool
    via: str = ""  # " (embedded in docs/x.md)" for links inside Markdown snippets


def is_external(target: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", target)) or target.startswith("//")


def link_uses(project: Project) -> list[LinkUse]:
    """Every link on every page, snippet links resolved against the including page."""
    uses = []
    for page in project.pages:
        rel = project.rel(page.path)
        for link in page.doc.links:
            insecure = in_danger(link.containers)
            uses.append(LinkUse(link.target, link.kind, page, rel, link.line, insecure))
        for inc in page.doc.includes:
            snippet_doc = None if inc.fence else project.markdown_snippets.get(inc.spec.path)
            if snippet_doc is None:
                continue
            outer = in_danger(inc.containers)
            for link in snippet_doc.links:
                insecure = outer or in_danger(link.containers)
                uses.append(LinkUse(link.target, link.kind, page, project.rel(snippet_doc.path), link.line, insecure, f" (embedded in {rel})"))
    return uses


def _other_locales(project: Project, key: str, locale: str) -> list[str]:
    return [loc for loc in project.config.locales if loc != locale and project.page(key, loc)]


def _source_path(project: Project, key: str, locale: str) -> str:
    stem = key[:-3]
    name = key if locale == project.config.default_locale else f"{stem}.{locale}.md"
    return project.rel(project.docs_dir / name)


def resolve_page_link(project: Project, use: LinkUse) -> Finding | None:
    """Check one internal link from ``use.page``; None when it resolves."""
    target = use.target
    page = use.page
    where = f"{use.path}:{use.line}"
    raw_path, _, anchor = target.partition("#")
    path = unquote(raw_path.split("?", 1)[0])
    if use.kind == "html" and not path.endswith(".md") and path:
        return resolve_url_link(project, use, path, anchor)
    if path.startswith("/"):
        return Finding(use.path, use.line, "LNK003", f"absolute link `{target}`{use.via}; link to the page's .md source relatively, e.g. `[…](../symptoms.md#cert-expired)`, so each language gets its own twin")
    if not path:
        return _check_anchor(project, use, page, anchor)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.key), path))
    if joined.startswith("../"):
        return Finding(use.path, use.line, "LNK001", f"link `{target}`{use.via} leaves the docs folder; link to a page inside docs/")
    if joined.endswith(".md"):
        key, locale = project.split_locale(joined)
        if locale != project.config.default_locale or key != joined:
            return Finding(use.path, use.line, "LNK003", f"link `{target}`{use.via} names a language version; write `{posixpath.relpath(key, posixpath.dirname(page.key) or '.')}{'#' + anchor if anchor else ''}` and the i18n plugin picks each language's twin")
        target_page = project.page(key, page.locale)
        if target_page is None:
            others = _other_locales(project, key, page.locale)
            missing = _source_path(project, key, page.locale)
            if others:
                return Finding(use.path, use.line, "LNK001", f"link `{target}`{use.via} resolves to {missing}, which does not exist in `{page.locale}` (only in {', '.join(others)}); add the translation")
            return Finding(use.path, use.line, "LNK001", f"link `{target}`{use.via} resolves to {missing}, which does not exist; fix the path or create the page")
        return _check_anchor(project, use, target_page, anchor)
    if (project.docs_dir / joined).is_dir() or path.endswith("/") or "." not in posixpath.basename(joined):
        return Finding(use.path, use.line, "LNK003", f"link `{target}`{use.via} points at a folder or URL; link to the page source, e.g. `{posixpath.basename(joined.rstrip('/')) or 'index'}.md`")
    if not (project.docs_dir / joined).is_file() and joined not in GENERATED_FILES:
        return Finding(use.path, use.line, "LNK001", f"link `{target}`{use.via} resolves to {project.rel(project.docs_dir / joined)}, which does not exist; fix the path or add the file")
    return None


def resolve_url_link(project: Project, use: LinkUse, path: str, anchor: str) -> Finding | None:
    """A raw HTML ``href`` is not rewritten by MkDocs: resolve it as a URL from the page's URL."""
    if path.startswith("/"):
        return Finding(use.path, use.line, "LNK003", f"raw HTML link `{use.target}`{use.via} is absolute and breaks under a site_url with a path; link relative to this page's URL (`{posixpath.relpath(path.lstrip('/') or '.', use.page.url or '.')}`)")
    resolved = urljoin("/" + use.page.url, path).lstrip("/")
    target_page = project.url_index.get(resolved) or project.url_index.get(resolved.rstrip("/") + "/")
    if target_page is not None:
        if target_page.locale != use.page.locale:
            return Finding(use.path, use.line, "LNK001", f"raw HTML link `{use.target}`{use.via} leads to the `{target_page.locale}` page {target_page.url or '/'} from a `{use.page.locale}` page; link to the same language")
        return _check_anchor(project, use, target_page, anchor)
    stripped = resolved
    for locale in project.config.locales:
        if stripped.startswith(locale + "/"):
            stripped = stripped[len(locale) + 1 :]
    if resolved and ((project.docs_dir / resolved).is_file() or (project.docs_dir / stripped).is_file()):
        return None
    return Finding(use.path, use.line, "LNK001", f"raw HTML link `{use.target}`{use.via} resolves to /{resolved}, which is neither a page nor a file; fix the path (it is relative to this page's URL /{use.page.url})")


def _check_anchor(project: Project, use: LinkUse, target_page: Page, anchor: str) -> Finding | None:
    if not anchor:
        return None
    ids = page_ids(project, target_page)
    if unquote(anchor) in ids:
        return None
    near = sorted(ids, key=lambda i: (not i.startswith(anchor[:3]), i))[:5]
    hint = f"; it has {', '.join('#' + i for i in near)}" if near else ""
    return Finding(use.path, use.line, "LNK002", f"link `{use.target}`{use.via}: {project.rel(target_page.path)} has no `#{anchor}`{hint}; fix the anchor or add `{{ #{anchor} }}` to the heading")


def external_findings(project: Project, url: str, path: str, line: int, insecure: bool, allowlist, via: str = "") -> list[Finding]:
    if url.startswith("//"):
        return [Finding(path, line, "LNK007", f"protocol-relative link `{url}`{via}; write it with https://")]
    scheme = url.split(":", 1)[0].lower()
    if scheme == "http":
        if insecure:
            return []
        return [Finding(path, line, "LNK007", f"`{url}`{via} uses http://; link the https:// URL (http is allowed only as the wrong example inside a !!! danger admonition)")]
    if scheme != "https":
        return [Finding(path, line, "LNK007", f"`{url}`{via} uses {scheme}://; link an https:// URL")]
    if not allowed(allowlist, url):
        return [Finding(path, line, "LNK008", f"`{url}`{via} is not in the external link allowlist; check the page is the right one and add `{url.split('#', 1)[0]}  # why` to {ALLOWLIST_REL}")]
    return []


def allowlist_for(project: Project, override: Path | None = None):
    """The allowlist named by ``--allowlist``, else the tree's own, else this package's.

    A named file that does not exist is a usage error (``AllowlistError``; the CLI
    exits 2), never a silent fall-back to another list.
    """
    if override is not None:
        if not override.is_file():
            raise AllowlistError(f"{override}: no such allowlist file")
        return load_allowlist(override)
    path = project.root / ALLOWLIST_REL
    if not path.is_file():
        path = Path(__file__).with_name("external-links.txt")
    return load_allowlist(path)


def check_links(project: Project, allowlist_path: Path | None = None, external: bool = False) -> list[Finding]:
    findings: list[Finding] = []
    allowlist = allowlist_for(project, allowlist_path)  # AllowlistError: a usage error
    external_uses: list[tuple[str, str, int]] = []
    for use in link_uses(project):
        target = use.target.strip()
        if not target or target.startswith(IGNORED_SCHEMES):
            continue
        if is_external(target):
            findings += external_findings(project, target, use.path, use.line, use.insecure_context, allowlist, use.via)
            external_uses.append((target, use.path, use.line))
            continue
        finding = resolve_page_link(project, use)
        if finding:
            findings.append(finding)
    findings += check_nav(project, allowlist)
    templates, template_external = check_templates(project, allowlist)
    findings += templates
    external_uses += template_external
    findings += check_checker_urls(project)
    if external:
        failures = check_reachable([u for u, _, _ in external_uses if u.startswith("https://")])
        for url, path, line in external_uses:
            if url in failures:
                findings.append(Finding(path, line, "LNK009", f"`{url}` fails: {failures[url]}; replace or remove the link (and its allowlist entry)"))
    return findings


def check_nav(project: Project, allowlist) -> list[Finding]:
    findings = []
    config_rel = project.rel(project.config.path)
    listed = set()
    for entry in project.config.nav:
        target = entry.target
        if is_external(target):
            findings += external_findings(project, target, config_rel, entry.line, False, allowlist)
            continue
        listed.add(target)
        missing = [_source_path(project, target, loc) for loc in project.config.locales if project.page(target, loc) is None]
        if missing:
            findings.append(Finding(config_rel, entry.line, "LNK004", f"nav entry `{target}` names a missing page ({', '.join(missing)}); create it or fix the nav path"))
    if project.config.nav:
        patterns = project.config.not_in_nav
        for key in sorted({p.key for p in project.pages}):
            if key not in listed and not any(fnmatch.fnmatch(key, p.lstrip("/")) or fnmatch.fnmatch("/" + key, p) for p in patterns):
                page = project.page(key, project.config.default_locale) or next(p for p in project.pages if p.key == key)
                findings.append(Finding(project.rel(page.path), 1, "LNK011", f"page is not in mkdocs.yml's nav; add `{key}` to the nav (or list it under not_in_nav)"))
    return findings


def _theme_dirs(project: Project) -> list[Path]:
    dirs = [project.docs_dir]
    if project.config.overrides_dir:
        dirs.append(project.config.overrides_dir)
    try:
        import material

        dirs.append(Path(material.__file__).parent / "templates")
    except ImportError:  # pragma: no cover - the docs venv always has it
        pass
    return dirs


def _site_path_exists(project: Project, path: str) -> bool:
    path = path.lstrip("/").split("#", 1)[0].split("?", 1)[0]
    if path in ("", "."):
        return True
    if path in project.url_index or (path.rstrip("/") + "/") in project.url_index:
        return True
    return any((base / path).is_file() for base in _theme_dirs(project))


def check_templates(project: Project, allowlist) -> tuple[list[Finding], list[tuple[str, str, int]]]:
    findings: list[Finding] = []
    external_uses = []
    overrides = project.config.overrides_dir
    if not overrides or not overrides.is_dir():
        return findings, external_uses
    for template in sorted(overrides.rglob("*.html")):
        rel = project.rel(template)
        text = template.read_text(encoding="utf-8")
        for match in TEMPLATE_URL_FILTER_RE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            target = match.group(2)
            if is_external(target):
                continue
            if not _site_path_exists(project, target):
                findings.append(Finding(rel, line, "LNK005", f"`{{{{ '{target}' | url }}}}` names no page or file of the site; fix the path (relative to the site root)"))
        for match in TEMPLATE_LINK_RE.finditer(text):
            value = match.group(3)
            line = text.count("\n", 0, match.start()) + 1
            if not value or "{{" in value or "{%" in value or value.startswith(("#",) + IGNORED_SCHEMES):
                continue
            if is_external(value):
                findings += external_findings(project, value, rel, line, False, allowlist)
                external_uses.append((value, rel, line))
                continue
            findings.append(Finding(rel, line, "LNK005", f"literal link `{value}` in a template resolves differently on every page; write `{{{{ '{value.lstrip('/')}' | url }}}}`"))
    return findings, external_uses


def check_checker_urls(project: Project) -> list[Finding]:
    """The links the checker prints must land on real pages and anchors."""
    checker = project.checker
    if isinstance(checker, str):
        return []  # ids.py reports the missing checker once
    rel = project.rel(project.snippets_dir / project.CHECKER)
    findings = []
    site_url = getattr(checker, "SITE_URL", None)
    expected = project.config.site_url
    if site_url != expected:
        findings.append(Finding(rel, _line_of(project, "SITE_URL"), "LNK006", f"SITE_URL is `{site_url}` but mkdocs.yml's default site_url is `{expected}`; make them equal"))
        return findings
    locales = project.config.locales
    for func_name, ids_name, key_of in (
        ("fix_url", "FIX_PAGE_IDS", lambda i: (f"fix/{i}.md", "")),
        ("symptom_url", "SYMPTOM_IDS", lambda i: ("symptoms.md", i)),
    ):
        func = getattr(checker, func_name, None)
        ids = getattr(checker, ids_name, None) or ()
        if not callable(func):
            findings.append(Finding(rel, 1, "LNK006", f"the checker has no `{func_name}(id, lang)`; define it (the pages, tree and tests rely on it)"))
            continue
        for item in ids:
            key, anchor = key_of(item)
            for locale in locales:
                try:
                    url = func(item, locale)
                except Exception as exc:  # noqa: BLE001 - any failure is a finding
                    findings.append(Finding(rel, _line_of(project, f"def {func_name}"), "LNK006", f"{func_name}({item!r}, {locale!r}) raises {type(exc).__name__}: {exc}; it must return the page URL"))
                    continue
                want = expected + project.page_url(key, locale) + (f"#{anchor}" if anchor else "")
                if url != want:
                    findings.append(Finding(rel, _line_of(project, f"def {func_name}"), "LNK006", f"{func_name}({item!r}, {locale!r}) returns `{url}`, expected `{want}`; build it from SITE_URL and the page's URL"))
                    continue
                page = project.page(key, locale)
                if page is None:
                    findings.append(Finding(rel, _line_of(project, ids_name), "LNK006", f"{func_name}({item!r}, {locale!r}) = `{url}` but {_source_path(project, key, locale)} does not exist; add the page"))
                elif anchor and anchor not in page_ids(project, page):
                    findings.append(Finding(rel, _line_of(project, ids_name), "LNK006", f"{func_name}({item!r}, {locale!r}) = `{url}` but {project.rel(page.path)} has no `#{anchor}`; add `## … {{ #{anchor} }}`"))
    return findings


def _line_of(project: Project, needle: str) -> int:
    snippet = project.snippet(project.CHECKER)
    if snippet:
        for number, line in enumerate(snippet.lines, 1):
            if line.startswith(needle) or line.lstrip().startswith(needle):
                return number
    return 1
