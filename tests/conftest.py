"""Fixtures shared by every test directory: the built site and a server for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from filelock import FileLock

import static_site
from site_build import ROOT, build_site

@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The whole site, built once per test run (once in total under xdist)."""
    if worker_id == "master":
        return build_site(tmp_path_factory.mktemp("site"))
    shared = tmp_path_factory.getbasetemp().parent
    site_dir = shared / "site"
    with FileLock(str(shared / "site.lock")):
        marker = shared / "site.json"
        if not marker.exists():
            build_site(site_dir)
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

