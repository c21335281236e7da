"""Every documented Linux fix, run verbatim: failure, fix, success, verify, undo, failure.

The sections come from ``snippets/fix/*/linux.sh`` and ``posix.sh`` (CONTRIBUTING.md);
``scripts/lab_fixes.py`` pairs each ``fix-*`` with the lab scenario it must fix, or
registers it in ``LINTED_NOT_RUN`` with the reasons this machine cannot run it: those
are linted here (ids say ``linted-not-run``), never skipped, never silently passed.
Windows and macOS files are linted by the linter, not run here.
"""

from __future__ import annotations

import re
import shutil

import lab_env
import lab_fixes
import pytest
from lab_ns import changed_paths, machine_fingerprint
from lab_fixes import FIX_PLANS, LINTED_NOT_RUN, REASONS
from lab_scenarios import ALL_SCENARIOS_BY_ID
from sitelint import runner

pytestmark = pytest.mark.lab
SECTIONS = lab_fixes.discover_fix_sections() if (lab_fixes.SNIPPETS / "fix").is_dir() else []
# Sections to run: the planned ones, and the unknown ones (they fail by name).
TO_RUN = [pytest.param(s, id=lab_fixes.case_id(s),
                       marks=[pytest.mark.lab_waits] if s.key in FIX_PLANS
                       and FIX_PLANS[s.key].slow else [])
          for s in SECTIONS if s.key not in LINTED_NOT_RUN]
NOT_RUN = [pytest.param(s, id=lab_fixes.case_id(s)) for s in SECTIONS if s.key in LINTED_NOT_RUN]
def test_the_fix_pages_have_linux_fix_sections_to_run():
    assert SECTIONS, "no fix-* section in snippets/fix/*/linux.sh or posix.sh"


def test_every_plan_names_an_existing_fix_section_and_scenario():
    keys = {s.key for s in SECTIONS}
    stale = sorted(set(FIX_PLANS) - keys)
    assert not stale, f"FIX_PLANS names sections that no longer exist: {stale}"
    for key, plan in FIX_PLANS.items():
        assert plan.scenario in ALL_SCENARIOS_BY_ID, key


def test_every_registered_section_exists_and_is_not_also_planned():
    keys = {s.key for s in SECTIONS}
    stale = sorted(set(LINTED_NOT_RUN) - keys)
    assert not stale, f"LINTED_NOT_RUN names sections that no longer exist: {stale}"
    both = sorted(set(LINTED_NOT_RUN) & set(FIX_PLANS))
    assert not both, f"planned and registered as not runnable at once: {both}"
    for key, entry in LINTED_NOT_RUN.items():
        assert entry.reasons, f"{key}: registered without a reason"
        unknown = [r for r in entry.reasons if r not in REASONS]
        assert not unknown, f"{key}: reasons not in REASONS: {unknown}"


def test_every_reason_is_used_and_reads_as_one_line():
    used = {r for entry in LINTED_NOT_RUN.values() for r in entry.reasons}
    assert set(REASONS) == used, f"reasons nobody uses: {sorted(set(REASONS) - used)}"
    for key, reason in REASONS.items():
        assert reason.text and "\n" not in reason.text, key


@pytest.fixture(scope="session")
def fix_runs(machine_before, lab, tmp_path_factory):
    """Every planned fix, started at once (slow ones first); each test waits for its own."""
    runs = lab_fixes.FixRuns(lab, tmp_path_factory.mktemp("fixes"))
    runs.machine_before = machine_before
    try:
        yield runs
    finally:
        runs.close()


@pytest.mark.parametrize("section", TO_RUN)
def test_linux_fix_turns_the_failure_into_success_and_undo_brings_it_back(fix_runs, section):
    plan = FIX_PLANS.get(section.key)
    if plan is None:
        pytest.fail(f"{section.key} is not proven by the lab: no lab scenario is mapped to "
                    "it. Map it to a scenario in scripts/lab_fixes.py FIX_PLANS, register "
                    "it in LINTED_NOT_RUN with the reasons this machine cannot run it, or "
                    "rename it if it does not fix (diagnose-*, insecure-*)", pytrace=False)
    run = fix_runs.result(section.key)
    changed = changed_paths(fix_runs.machine_before, machine_fingerprint())
    assert not changed, f"running the fixes changed the real machine: {changed}"
    if isinstance(run, BaseException):
        raise run
    why = lab_fixes.failure(plan, run)
    assert why is None, why


@pytest.mark.parametrize("section", NOT_RUN)
def test_fix_this_machine_cannot_run_is_linted_and_its_reasons_still_hold(section,
                                                                          sitelint_findings):
    """Registered sections: still in their file, reasons that fit them and this machine,
    the undo the registry says, and no sitelint finding in its file (bash -n and
    shellcheck with snippets/README.md's test values filled in)."""
    entry = LINTED_NOT_RUN[section.key]
    for key in entry.reasons:
        reason = REASONS[key]
        assert re.search(reason.marker, section.text), (
            f"{section.key}: registered because it {reason.text!r}, but the section no "
            f"longer matches {reason.marker!r}:\n{section.text}")
        installed = [tool for tool in reason.absent if shutil.which(tool)]
        assert not installed, (
            f"{section.key}: {installed} is installed now, so '{reason.text}' is no longer "
            "true: prove the fix in FIX_PLANS instead")
    undo = lab_fixes.companion(section, "undo")
    assert (undo is not None) == entry.undo, (
        f"{section.key}: LINTED_NOT_RUN says undo={entry.undo}, the page has "
        f"{undo.key if undo else 'no undo section'}")
    path = f"snippets/fix/{section.page}/{section.file}"
    found = [str(f) for f in sitelint_findings if f.path == path or f.code == "TOOL001"]
    assert not found, "sitelint (bash -n, shellcheck, placeholders) on the file:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def sitelint_findings():
    """The linter's findings over the tree (the same checks ``make lint`` runs); a
    missing tool is a finding (TOOL001) too, so it fails here rather than passing."""
    return runner.lint(lab_env.ROOT)
