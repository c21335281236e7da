"""Benchmark: how long the lab takes, phase by phase, against its goal (<= 240 s on 2 cores).

Runs what ``tests/lab`` runs, in the order pytest runs it, without pytest: set-up; every
planned fix (started at once; slow runs, which take long, go on in the background);
every scenario; the precedence measurement; then whatever is left of the slow fix runs.
Prints one line per phase, how many fix sections are proven or linted-not-run, and the
fix runs that failed (exit 1 if any: a fast lab that proves nothing is no figure).
``--quick`` stops after the scenarios.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import lab_fixes
import lab_fixtures
import lab_precedence
from lab_scenarios import Lab

GOAL_SECONDS = 240


def main(argv: list[str] | None = None) -> int:
    quick = "--quick" in (argv or [])
    phases: list[tuple[str, float]] = []
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="bench-lab-") as tmp:
        work = Path(tmp)
        with Lab(work / "lab") as lab:
            mark = time.monotonic()
            lab.start()
            phases.append(("set-up (PKI, venvs, servers, mitmproxy)", time.monotonic() - mark))
            fixes = None
            if not quick:
                mark = time.monotonic()
                fixes = lab_fixes.FixRuns(lab, work / "fixes")
                quick_keys = [k for k in fixes.keys if not lab_fixes.FIX_PLANS[k].slow]
                for key in quick_keys:
                    fixes.result(key)
                phases.append((f"{len(quick_keys)} documented fixes", time.monotonic() - mark))
            try:
                mark = time.monotonic()
                runs = lab_fixtures.run_all(lab, work / "runs")
                phases.append((f"{len(runs)} scenarios", time.monotonic() - mark))
                if fixes is not None:
                    mark = time.monotonic()
                    lab_precedence.measure_all(lab, work / "precedence")
                    phases.append(("precedence (2 pip versions x 42 runs)",
                                   time.monotonic() - mark))
                    mark = time.monotonic()
            finally:
                if fixes is not None:
                    fixes.close()  # waits for the slow runs
            failed = []
            if fixes is not None:
                slow = len(fixes.keys) - len(quick_keys)
                phases.append((f"{slow} slow fixes (what is left of them)",
                               time.monotonic() - mark))
                failed = [key for key in fixes.keys if fix_failed(key, fixes.result(key))]
    total = time.monotonic() - start
    for name, seconds in phases:
        print(f"lab {name:45} {seconds:7.1f} s")
    sections = lab_fixes.discover_fix_sections()
    proven = sum(s.key in lab_fixes.FIX_PLANS for s in sections)
    not_run = sum(s.key in lab_fixes.LINTED_NOT_RUN for s in sections)
    print(f"lab fix sections: {proven} run against their failure, {not_run} linted-not-run, "
          f"{len(sections) - proven - not_run} unmapped")
    if not quick:
        print(f"lab fix runs that did not prove their fix: {len(failed)}"
              + "".join(f"\n  {key}" for key in failed))
    verdict = "ok" if total <= GOAL_SECONDS else "OVER"
    print(f"lab total{'' if not quick else ' (quick)':37} {total:7.1f} s  "
          f"(goal <= {GOAL_SECONDS} s for the whole lab: {verdict})")
    return 1 if failed and not quick else 0


def fix_failed(key: str, run) -> bool:
    """A fix run that raised, or whose steps do not prove the fix (what tests/lab asserts)."""
    return isinstance(run, BaseException) or lab_fixes.failure(lab_fixes.FIX_PLANS[key],
                                                                run) is not None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
