"""Benchmark: the checker's ``--offline`` wall time per interpreter, and explain() throughput.

``--offline`` is what a user runs first, often on a slow or locked-down machine: the
goal is under 1 s of wall time on every CPython it supports (each run in a scrubbed
environment, best of ``--runs``, process start included). explain() runs in the
browser on every paste: the figure is KB/s on a 1 MB paste of real pip output with
the error near the end, with a goal of reading 1 MB in under 1 s (>= 1024 KB/s).

    python scripts/bench_checker.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT / "snippets" / "pip_ssl_check.py"
OFFLINE_GOAL_S = 1.0
EXPLAIN_GOAL_KBPS = 1024.0


def interpreters() -> dict[str, str]:
    """Every CPython under pyenv (3.6 and newer) and the default python3."""
    root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    found = {}

    def key(path: Path) -> tuple[int, ...]:
        return tuple(int(x) if x.isdigit() else 0 for x in path.parent.parent.name.split("."))

    for path in sorted((root / "versions").glob("3.*/bin/python"), key=key):
        version = path.parent.parent.name
        if re.fullmatch(r"3\.\d+\.\d+", version) and tuple(map(int, version.split("."))) >= (3, 6):
            found[version] = str(path)
    default = shutil.which("python3")
    if default:
        found["python3 (" + default + ")"] = default
    return found


def offline_seconds(python: str, runs: int, home: str) -> tuple[float, int]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": home,
        "PIP_CONFIG_FILE": os.devnull,
        "LC_ALL": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if os.environ.get("PYENV_ROOT") or (Path.home() / ".pyenv").exists():
        env["PYENV_ROOT"] = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    best, code = float("inf"), -1
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(
            [python, str(CHECKER), "--offline", "--json"], capture_output=True, env=env, timeout=60
        )
        best = min(best, time.perf_counter() - started)
        code = proc.returncode
        if code not in (0, 1):
            break
        json.loads(proc.stdout)
    return best, code


def explain_throughput() -> tuple[float, float, str]:
    """(KB/s, seconds) of explain() on a 1 MB paste with the error near its end."""
    sys.path.insert(0, str(CHECKER.parent))
    import pip_ssl_check

    noise = (
        "Collecting requests\n  Downloading requests-2.32.3-py3-none-any.whl (64 kB)\n"
        "\x1b[32m     ━━━━━━━━━━━━━━━━━━━━ 64.9/64.9 kB 1.2 MB/s eta 0:00:00\x1b[0m\n"
    )
    error = (
        "WARNING: Retrying (Retry(total=0, connect=None, read=None, redirect=None, status=None)) after "
        "connection broken by 'SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
        "certificate verify failed: self signed certificate in certificate chain (_ssl.c:1006)'))': /simple/x/\n"
    )
    size = pip_ssl_check.MAX_INPUT_CHARS
    text = (noise * (size // len(noise) + 1))[: size - len(error)] + error
    best = float("inf")
    symptom = ""
    for _ in range(3):
        started = time.perf_counter()
        symptom = pip_ssl_check.explain(text)["symptom"]
        best = min(best, time.perf_counter() - started)
    return len(text.encode("utf-8")) / 1024 / best, best, symptom


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_checker.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per interpreter (best is reported)"
    )
    args = parser.parse_args(argv or [])
    status = 0
    print(f"checker --offline wall time (best of {args.runs}; goal < {OFFLINE_GOAL_S:.1f} s)")
    with tempfile.TemporaryDirectory() as home:
        for label, python in interpreters().items():
            seconds, code = offline_seconds(python, args.runs, home)
            verdict = "ok" if seconds < OFFLINE_GOAL_S and code in (0, 1) else "MISSED"
            status |= verdict != "ok"
            print(f"  {label:<40} {seconds * 1000:7.0f} ms  exit {code}  {verdict}")
    kbps, seconds, symptom = explain_throughput()
    verdict = "ok" if kbps >= EXPLAIN_GOAL_KBPS and symptom == "self-signed-in-chain" else "MISSED"
    status |= verdict != "ok"
    print(
        f"explain() on a 1 MB paste: {kbps:,.0f} KB/s ({seconds * 1000:.0f} ms, found {symptom}; "
        f"goal >= {EXPLAIN_GOAL_KBPS:,.0f} KB/s)  {verdict}"
    )
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
