"""Fixtures for the linter's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintsite import copy_base


@pytest.fixture
def fixture_site(tmp_path) -> Path:
    """A fresh copy of the clean fixture site (tests/lint/fixtures/base) with the hook."""
    return copy_base(tmp_path / "site-src")
