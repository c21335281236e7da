"""Every documented Linux fix, run verbatim: failure, fix, success, verify, undo, failure.

The sections come from ``snippets/fix/*/linux.sh`` and ``posix.sh`` (CONTRIBUTING.md);
``scripts/lab_fixes.py`` pairs each ``fix-*`` with the lab scenario it must fix. Windows
and macOS files are linted by the linter, not run here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import lab_fixes
import pytest
from lab_fixes import CANNOT_RUN_HERE, FIX_PLANS
from lab_scenarios import ALL_SCENARIOS_BY_ID

pytestmark = pytest.mark.lab
SECTIONS = lab_fixes.discover_fix_sections() if (lab_fixes.SNIPPETS / "fix").is_dir() else []
WATCHED = ("/etc/pip.conf", "/etc/xdg/pip", "/etc/ssl/certs/ca-certificates.crt",
           "/usr/local/share/ca-certificates", "/etc/ca-certificates.conf")


def machine_fingerprint() -> str:
    """What the lab must never change on the real machine."""
    digest = hashlib.sha256()
    for name in WATCHED:
        path = Path(name)
        entries = sorted(path.rglob("*")) if path.is_dir() else [path]
        for entry in entries:
            digest.update(str(entry).encode())
            if entry.is_file():
                digest.update(entry.read_bytes())
    return digest.hexdigest()


def test_the_fix_pages_have_linux_fix_sections_to_run():
    assert SECTIONS, "no fix-* section in snippets/fix/*/linux.sh or posix.sh"


def test_every_plan_names_an_existing_fix_section_and_scenario():
    keys = {s.key for s in SECTIONS}
    stale = sorted(set(FIX_PLANS) - keys)
    assert not stale, f"FIX_PLANS names sections that no longer exist: {stale}"
    for key, plan in FIX_PLANS.items():
        assert plan.scenario in ALL_SCENARIOS_BY_ID, key


@pytest.fixture(scope="session")
def fix_runs(lab, tmp_path_factory):
    """Every planned fix run once, in parallel; and whether the machine stayed untouched."""
    before = machine_fingerprint()
    runs = lab_fixes.run_all(lab, tmp_path_factory.mktemp("fixes"))
    return runs, machine_fingerprint() == before


@pytest.mark.parametrize("section", SECTIONS, ids=lab_fixes.case_id)
def test_linux_fix_turns_the_failure_into_success_and_undo_brings_it_back(fix_runs, section):
    plan = FIX_PLANS.get(section.key)
    if plan is None:
        why = CANNOT_RUN_HERE.get(section.key, "no lab scenario is mapped to it")
        pytest.fail(f"{section.key} is not proven by the lab: {why}. Map it to a scenario in "
                    "scripts/lab_fixes.py FIX_PLANS, or rename it if it does not fix "
                    "(diagnose-*, insecure-*)", pytrace=False)
    scenario = ALL_SCENARIOS_BY_ID[plan.scenario]
    runs, machine_untouched = fix_runs
    assert machine_untouched, "running the fixes changed the real machine"
    run = runs[section.key]
    if isinstance(run, BaseException):
        raise run

    def show(*steps: str) -> str:
        return "\n".join(f"--- {s} (exit {run.status.get(s, 'not reached')}):\n{run.output(s)}"
                         for s in steps)

    assert run.status.get("before") not in (0, None), show("before")
    assert scenario.expect in run.output("before"), show("before")
    if plan.revert:
        assert run.status.get("insecure") == 0, show("insecure")
        assert run.status.get("after_insecure") == 0, show("after_insecure")
    assert run.status.get("fix") == 0, f"the fix section failed:\n{show('fix')}"
    if plan.revert:
        assert run.status.get("after_fix") not in (0, None), show("after_fix")
        assert scenario.expect in run.output("after_fix"), show("after_fix")
    elif plan.success == "section":
        assert "Successfully installed lab-demo" in run.output("fix"), show("fix")
    else:
        assert run.status.get("after_fix") == 0, (
            f"pip still fails after the fix:\n{show('fix', 'after_fix')}")
    if "verify" in run.steps:
        assert run.status.get("verify") == 0, f"the verify section failed:\n{show('verify')}"
    if "undo" in run.steps:
        assert run.status.get("undo") == 0, f"the undo section failed:\n{show('undo')}"
        if plan.undo_restores_failure:
            assert run.status.get("after_undo") not in (0, None), (
                f"the failure did not come back after undo:\n{show('undo', 'after_undo')}")
            assert scenario.expect in run.output("after_undo"), show("after_undo")
        else:  # e.g. NTP off: the clock stays right
            assert run.status.get("after_undo") == 0, f"{plan.undo_note}\n{show('after_undo')}"
