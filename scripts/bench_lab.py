"""Benchmark: how long the lab takes, phase by phase, against its goal (<= 240 s on 2 cores).

Runs what ``tests/lab`` runs (set-up, every scenario, the precedence measurement, every
planned fix), without pytest, and prints one line per phase. ``--quick`` stops after
the scenarios.
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
            mark = time.monotonic()
            runs = lab_fixtures.run_all(lab, work / "runs")
            phases.append((f"{len(runs)} scenarios", time.monotonic() - mark))
            if not quick:
                mark = time.monotonic()
                lab_precedence.measure_all(lab, work / "precedence")
                phases.append(("precedence (2 pip versions x 42 runs)", time.monotonic() - mark))
                mark = time.monotonic()
                fixes = lab_fixes.run_all(lab, work / "fixes")
                phases.append((f"{len(fixes)} documented fixes", time.monotonic() - mark))
    total = time.monotonic() - start
    for name, seconds in phases:
        print(f"lab {name:45} {seconds:7.1f} s")
    verdict = "ok" if total <= GOAL_SECONDS else "OVER"
    print(f"lab total{'' if not quick else ' (quick)':37} {total:7.1f} s  "
          f"(goal <= {GOAL_SECONDS} s for the whole lab: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
