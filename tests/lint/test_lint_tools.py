"""A tool a check needs that is missing is a finding that says how to get it, never a pass."""

from __future__ import annotations

import logging
import os
import shutil

import pytest

import sitelint.tools
from sitelint.cli import main
from site_build import build_site


@pytest.fixture
def bare_path(tmp_path, monkeypatch):
    """A PATH with bash and nothing else: no shellcheck, no python3.N."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(shutil.which("bash"), bin_dir / "bash")
    monkeypatch.setenv("PATH", str(bin_dir))
    return bin_dir


@pytest.fixture
def no_pyenv(tmp_path, monkeypatch):
    """No pyenv versions and a fresh interpreter search."""
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path / "no-pyenv"))
    sitelint.tools.find_interpreters.cache_clear()
    yield
    sitelint.tools.find_interpreters.cache_clear()


def test_missing_shellcheck_is_a_finding(fixture_site, bare_path, capsys):
    status = main(["--root", str(fixture_site)])
    lines = capsys.readouterr().out.splitlines()
    assert status == 1
    assert lines == [
        "snippets/fix/clock-skew/linux.sh:1: TOOL001: shellcheck is not installed, so these snippets cannot be checked; "
        "install it: `apt-get install shellcheck` (Debian/Ubuntu), `brew install shellcheck` (macOS), or run scripts/install_test_tools.sh"
    ]


def test_missing_cpython_36_is_a_finding(fixture_site, no_pyenv, bare_path, capsys):
    status = main(["--root", str(fixture_site)])
    lines = [line for line in capsys.readouterr().out.splitlines() if "CPython" in line]
    assert status == 1
    assert lines == [
        "snippets/pip_ssl_check.py:1: TOOL001: CPython 3.6 is not installed, so these snippets cannot be checked; "
        "the checker must compile on 3.6; install it with `pyenv install 3.6.15` (it is looked for under $PYENV_ROOT/versions and as python3.6 on PATH)"
    ]


def test_a_missing_tool_does_not_fail_serve_or_build_but_is_logged(fixture_site, bare_path, tmp_path, caplog):
    """make serve/build work without the test tools; make lint and make test keep TOOL001 fatal."""
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.sitelint"):
        out = build_site(tmp_path / "out", config_file=fixture_site / "mkdocs.yml")
    assert (out / "index.html").is_file()
    logged = [r.getMessage() for r in caplog.records if r.name == "mkdocs.hooks.sitelint"]
    assert any("shellcheck is not installed" in m for m in logged), logged


def test_interpreters_found_here_span_36_to_newest():
    oldest, newest = sitelint.tools.python_pair()
    assert oldest is not None and oldest.version[:2] == (3, 6)
    assert newest is not None and newest.version >= (3, 13)
