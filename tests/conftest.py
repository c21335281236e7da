"""Fixtures shared by every test directory: the built site and a server for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from filelock import FileLock

import static_site
from site_build import ROOT, build_site

def _build(site_dir: Path) -> Path:
    """Build for the default host, whatever SITE_URL this shell exports for a deploy.

    The tests compare canonical, hreflang and copied links with the checker's SITE_URL.
    """
    import pip_ssl_check

    return build_site(site_dir, site_url=pip_ssl_check.SITE_URL)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The whole site, built once per test run (once in total under xdist)."""
    if worker_id == "master":
        return _build(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    site_dir = shared / "site"
    with FileLock(str(shared / "site.lock")):
        marker = shared / "site.json"
        if not marker.exists():
            _build(site_dir)
            marker.write_text(json.dumps({"built_by": worker_id}))
    return site_dir


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL (with trailing slash) of the built site, served on 127.0.0.1 like a static host."""
    with static_site.serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT

