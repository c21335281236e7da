"""Run sitelint inside every ``mkdocs build``/``serve`` and fail the build on a finding.

The same checks as ``make lint`` (:mod:`sitelint.runner`), once per build, not
once per language: mkdocs-static-i18n builds each further language from inside
its own ``on_post_build`` (setting ``building``), so nested builds are skipped.

- ``on_config``: read the sources, start the tool batch (shellcheck, bash -n,
  the two CPythons) in the background, run the in-process checks. Findings
  there stop the build at once, before anything renders.
- ``on_post_page``: remember each rendered page's ids and links.
- ``on_post_build`` (after i18n's, which builds the other languages): collect
  the tools, check the rendered links and ids, and raise ``PluginError``, an
  error rather than a warning, so a non-strict build fails too.

A missing tool (TOOL001: no shellcheck, no CPython 3.6) says nothing about the site,
so here it is only logged: ``make serve`` and ``make build`` must work on a fresh
clone without the test tools. ``make lint`` and ``make test`` install the tools and
keep TOOL001 fatal.

The network check (``--external``) never runs here.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import sitelint  # noqa: F401 - on the path through the venv's .pth
except ImportError:  # a copy of the tree, or a venv without the .pth
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import logging

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from sitelint.findings import sorted_unique
from sitelint.rendered import RenderedSite
from sitelint.runner import Lint, start

_run: dict[str, object] = {}
log = logging.getLogger("mkdocs.hooks.sitelint")
TOOL_MISSING = "TOOL001"


def _site_findings(findings):
    """The findings about the site; missing tools are logged, not raised (see above)."""
    for finding in findings:
        if finding.code == TOOL_MISSING:
            log.info("sitelint: %s (make lint and make test check this)", finding.message)
    return [f for f in findings if f.code != TOOL_MISSING]


def _nested(config) -> bool:
    i18n = config.plugins.get("i18n")
    return bool(getattr(i18n, "building", False))


def _fail(findings) -> PluginError:
    lines = "\n".join(str(f) for f in findings)
    return PluginError(f"sitelint: {len(findings)} finding(s); fix them (or run `make lint`):\n{lines}")


@event_priority(100)
def on_config(config):
    if _nested(config):
        return config
    _cancel()
    root = Path(config.config_file_path).resolve().parent
    lint: Lint = start(root)
    try:
        findings = lint.fast_findings()
    except BaseException:
        lint.cancel()
        raise
    if findings:
        raise _fail(sorted_unique(findings + _site_findings(lint.tools.finish())))
    _run["lint"] = lint
    _run["rendered"] = RenderedSite(lint.project)
    return config


def on_post_page(output, page, config):
    rendered = _run.get("rendered")
    if rendered is not None and page.file.src_uri.endswith(".md"):
        project = rendered.project
        locale = getattr(page.file, "locale", project.config.default_locale)
        src_path = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        src = project.rel(src_path) if src_path else page.file.src_uri
        key, _ = project.split_locale(Path(src).relative_to(project.rel(project.docs_dir)).as_posix() if src.startswith(project.rel(project.docs_dir) + "/") else page.file.src_uri)
        rendered.add(src, locale, key, page.url, output)
    return output


@event_priority(-110)
def on_post_build(config):
    if _nested(config) or "lint" not in _run:
        return
    lint: Lint = _run.pop("lint")
    rendered: RenderedSite = _run.pop("rendered")
    findings = _site_findings(lint.tools.finish())
    findings += rendered.check(Path(config.site_dir), config.site_url or "")
    if findings:
        raise _fail(sorted_unique(findings))


def on_build_error(error):
    _cancel()


def _cancel() -> None:
    lint = _run.pop("lint", None)
    _run.pop("rendered", None)
    if lint is not None:
        lint.cancel()
