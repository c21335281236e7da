"""The hook runs the same checks inside ``mkdocs build`` and makes the build fail."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

import sitelint.runner
from lint_cases import CASES, EXPECTED
from lintsite import copy_base
from site_build import build_site

CASE = {c.code: c for c in CASES}
# What only the build sees: a link a template writes on one page, and a
# heading that exists only in one language's rendered HTML.
BUILD_ONLY_EXPECTED = {
    "LNK010": "docs/reference.md:1: LNK010: in the built page /reference/, link `../symptoms/#no-such-id`: the built page /symptoms/ has no id `no-such-id`; fix the link in this page, its snippets or the template that writes it",
    "PAR006": "docs/reference.en.md:9: PAR006: the built page /en/reference/ renders heading id #3 as `editor` where /reference/ renders `only-zh`; make the headings (and whatever generates them) match across languages",
}


def build_errors(caplog, root, tmp_path, strict=True):
    """Build ``root`` as the CLI does; return the error lines MkDocs logged."""
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        with pytest.raises(Abort):
            build_site(tmp_path / "out", config_file=root / "mkdocs.yml", strict=strict)
    return [line for record in caplog.records if record.levelno >= logging.ERROR for line in record.getMessage().split("\n")]


def test_clean_fixture_site_builds_with_the_hook(fixture_site, tmp_path):
    out = build_site(tmp_path / "out", config_file=fixture_site / "mkdocs.yml")
    assert (out / "index.html").is_file()
    assert (out / "en" / "fix" / "trusted-host" / "index.html").is_file()


@pytest.mark.parametrize("code", sorted(BUILD_ONLY_EXPECTED))
def test_build_only_defect_fails_the_build(code, tmp_path, caplog):
    root = copy_base(tmp_path / "site-src", CASE[code].edits)
    errors = build_errors(caplog, root, tmp_path)
    assert BUILD_ONLY_EXPECTED[code] in errors


@pytest.mark.parametrize("code", ["LNK002", "SNP011"])
def test_source_defect_fails_the_build_with_the_cli_message(code, tmp_path, caplog):
    """LNK002 stops the build in on_config; SNP011 (shellcheck, run in the background) at the end."""
    root = copy_base(tmp_path / "site-src", CASE[code].edits)
    errors = build_errors(caplog, root, tmp_path)
    for line in EXPECTED[code]:
        assert line in errors


def test_non_strict_build_fails_too(tmp_path, caplog):
    root = copy_base(tmp_path / "site-src", CASE["PLH002"].edits)
    errors = build_errors(caplog, root, tmp_path, strict=False)
    assert EXPECTED["PLH002"][0] in errors


def test_lint_runs_once_per_build_not_once_per_language(fixture_site, tmp_path, monkeypatch):
    calls = []
    real_start = sitelint.runner.start

    def counting_start(root, *args, **kwargs):
        calls.append(root)
        return real_start(root, *args, **kwargs)

    monkeypatch.setattr(sitelint.runner, "start", counting_start)
    out = build_site(tmp_path / "out", config_file=fixture_site / "mkdocs.yml")
    assert (out / "en" / "index.html").is_file()  # both languages were built
    assert calls == [fixture_site.resolve()]
