"""Benchmark: how long ``make lint`` takes on the whole site, against the 5 s goal.

Prints the wall time of a cold ``scripts/docs.py lint`` (a fresh process, as
``make lint`` runs it; median of three) and, in-process, what the build hook
pays: the checks that run in ``on_config`` before rendering starts, and the wait
for the background tools (shellcheck, bash -n, the two CPythons) at the end.
Findings do not matter here, only time. Returns 1 when the goal is missed.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL_SECONDS = 5.0
ROOT = Path(__file__).resolve().parent.parent


def cold_run() -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "docs.py"), "lint"], cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - started


def in_process() -> tuple[float, float, float, int]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from sitelint import runner

    started = time.perf_counter()
    lint = runner.start(ROOT)
    read = time.perf_counter()
    fast = lint.fast_findings()
    checked = time.perf_counter()
    tools = lint.tools.finish()
    done = time.perf_counter()
    units = len(lint.units)
    del fast, tools
    return read - started, checked - read, done - checked, units


def main(argv: list[str] | None = None) -> int:
    runs = [cold_run() for _ in range(3)]
    median = statistics.median(runs)
    read, fast, wait, units = in_process()
    print(f"lint (cold CLI, whole site): {median:.2f} s median of {', '.join(f'{r:.2f}' for r in runs)} s; goal <= {GOAL_SECONDS:.0f} s: {'met' if median <= GOAL_SECONDS else 'MISSED'}")
    print(f"  in-process: read + start tools {read:.2f} s, in-process checks {fast:.2f} s, tool wait after them {wait:.2f} s ({units} code units)")
    print(f"  build hook: blocks {read + fast:.2f} s before rendering; the tools run during the build")
    return 0 if median <= GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
