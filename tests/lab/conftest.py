"""The lab's shared state: one Lab (PKI, index, proxies, mitmproxy) and one run per scenario.

Both are session fixtures, so the servers start once and every scenario's pip runs once;
the Lab's exit stops every server and process even when a test fails. Under xdist each
worker has its own Lab (the venvs in .venv-lab are shared, behind a file lock).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import lab_env
import lab_fixtures
import lab_ns
import lab_servers
import pytest
from lab_scenarios import Lab, Run

CHECKER = lab_env.ROOT / "snippets" / "pip_ssl_check.py"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "lab_waits: a lab run that takes long (a slow index, Poetry installs); "
                   "its test runs last so the run overlaps every other lab test")


def pytest_collection_modifyitems(session, config, items):
    """Tests of runs that take long go last: their runs start with the others and go on
    in the background while the scenarios and the precedence measurement run."""
    waits = [item for item in items if item.get_closest_marker("lab_waits")]
    if waits:
        items[:] = [item for item in items if item not in waits] + waits


@pytest.fixture(scope="session")
def machine_before() -> dict[str, str]:
    """The real machine's files the lab must never change, taken before it starts."""
    return lab_ns.machine_fingerprint()


@pytest.fixture(scope="session")
def lab(machine_before, tmp_path_factory):
    try:
        started = Lab(tmp_path_factory.mktemp("lab")).start()
    except lab_env.LabSetupError as error:
        pytest.fail(f"lab set-up failed: {error}", pytrace=False)
    with started:
        yield started
    left = lab_servers.leftovers(tmp_path_factory.getbasetemp())
    if left:
        pytest.fail("the lab left these behind after it stopped:\n" + "\n".join(left),
                    pytrace=False)
    changed = lab_ns.changed_paths(machine_before, lab_ns.machine_fingerprint())
    if changed:
        pytest.fail(f"the lab changed the real machine: {changed}", pytrace=False)


@pytest.fixture(scope="session")
def scenario_runs(lab, tmp_path_factory) -> dict[str, Run]:
    return lab_fixtures.run_all(lab, tmp_path_factory.mktemp("runs"))


def run_checker(args: list[str], *, env: dict[str, str], stdin: str | None = None,
                python: str | Path = sys.executable) -> dict:
    """The checker's CLI with ``--json``, as a user runs it; its JSON object, or a failure."""
    if not CHECKER.exists():
        pytest.fail(f"{CHECKER.relative_to(lab_env.ROOT)} does not exist yet", pytrace=False)
    command = [str(python), str(CHECKER), *args, "--json", "--lang", "en"]
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env,
                            cwd=env["HOME"], timeout=60)
    try:
        data = json.loads(result.stdout)
    except ValueError:
        pytest.fail(
            f"`{' '.join(command[1:])}` did not print one JSON object (exit {result.returncode})"
            f"\nstdout:\n{result.stdout[:3000]}\nstderr:\n{result.stderr[:3000]}", pytrace=False)
    if not isinstance(data, dict) or "symptom" not in data or "causes" not in data:
        pytest.fail(f"checker JSON lacks 'symptom'/'causes': {json.dumps(data)[:2000]}",
                    pytrace=False)
    return data


@pytest.fixture(scope="session")
def checker():
    """``checker(args, env=…, stdin=…, python=…)`` -> the checker's JSON answer."""
    return run_checker
