"""Regenerate ``tests/fixtures/pip-output/``: every lab scenario's real pip output.

Usage: ``python scripts/docs.py lab-fixtures`` (or ``python scripts/lab_fixtures.py``).
Writes ``<scenario>.txt`` (what pip printed, stdout and stderr interleaved) and
``index.json``, a list of ``{"scenario", "file", "symptom", "causes", ...}`` that the
checker's and the analyzer's tests read. What differs on every run is replaced by stable
values (loopback ports, temporary paths, Python object addresses, the serial number and
dates of a certificate pip 23.3 prints), so regenerating leaves ``git diff`` empty unless
a scenario changed.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import re
import sys
import tempfile
from pathlib import Path

import lab_env
import lab_precedence
import lab_scenarios
from lab_scenarios import SCENARIOS, Lab, Run, Scenario

FIXTURES = lab_env.ROOT / "tests" / "fixtures" / "pip-output"
PRECEDENCE_JSON = lab_env.ROOT / "tests" / "fixtures" / "precedence.json"
PORT_RE = re.compile(r"(127\.0\.0\.1|localhost):(\d+)")
POOL_PORT_RE = re.compile(r"(host='(?:127\.0\.0\.1|localhost)', port=)(\d+)")
PYTHON_VERSION_CODE = "import sys; print('%d.%d.%d' % sys.version_info[:3])"


def run_all(lab: Lab, workdir: Path, workers: int = 2) -> dict[str, Run]:
    """Every scenario once, two at a time (the machine has two cores)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {s.id: pool.submit(lab_scenarios.run_scenario, lab, s, workdir / s.id)
                   for s in SCENARIOS}
        return {sid: f.result() for sid, f in futures.items()}


# The endpoint names (Lab.values) whose ports the saved fixtures show, in the order that
# numbers them 8401, 8402, … Append new names at the end, never insert: an endpoint added
# to the lab must not renumber the ports in the fixtures already saved. Names not listed
# are numbered after these, in sorted order.
PORT_ORDER = (
    "corporate_root", "http_proxy", "http_proxy_as_https", "index_ca_false",
    "index_corporate", "index_drops_hello", "index_expired", "index_files_elsewhere",
    "index_mirror_http", "index_mirror_https", "index_missing_intermediate",
    "index_new_root", "index_not_yet_valid", "index_rsa1024", "index_self_signed",
    "index_sha1", "index_strict", "index_tls11", "index_valid", "index_wrong_host",
    "index_wrong_host_by_name", "mitm_auth", "mitm_issuing", "mitm_root", "other_root",
    "proxy_closed_port", "proxy_denying", "public_root", "public_root_r2", "strict_root",
    "wheel_url_valid",
)


def stable_ports(lab: Lab) -> dict[str, str]:
    """Each endpoint's random port mapped to a fixed one (8401, 8402, … by PORT_ORDER)."""
    mapping: dict[str, str] = {}
    names = list(PORT_ORDER) + sorted(set(lab.values) - set(PORT_ORDER))
    for number, name in enumerate(names, start=8401):
        if name not in lab.values:  # gone from the lab: its number stays taken
            continue
        for match in PORT_RE.finditer(lab.values[name]):
            mapping.setdefault(match.group(2), str(number))
    return mapping


# Run-specific values that mean nothing to a reader, and the stable values they become:
# those of the run the fixtures were first saved from.
RUN_SPECIFIC = (
    (re.compile(r"object at 0x[0-9a-f]+>"), "object at 0x7f453ad3d5d0>"),
    (re.compile(r"'serialNumber': '[0-9A-F]+'"),
     "'serialNumber': '1922B2224A79B3EE639FEB43264C623D635A2E1F'"),
    (re.compile(r"'notBefore': '[^']+'"), "'notBefore': 'Nov 23 23:58:53 2026 GMT'"),
    (re.compile(r"'notAfter': '[^']+'"), "'notAfter': 'Dec 26 23:58:53 2027 GMT'"),
)


def stable_text(text: str) -> str:
    """``text`` with the values in RUN_SPECIFIC replaced by their stable forms."""
    for pattern, stable in RUN_SPECIFIC:
        text = pattern.sub(stable, text)
    return text


def stable_paths(lab: Lab, text: str) -> str:
    """``text`` with this run's temporary directory and the lab's cache directory written
    as fixed paths (/tmp/lab, /opt/lab)."""
    for path, name in ((str(lab.workdir), "/tmp/lab"), (str(lab_env.LAB_DIR), "/opt/lab")):
        text = text.replace(path, name)
    return text


def normalize(lab: Lab, text: str, ports: dict[str, str]) -> str:
    text = PORT_RE.sub(lambda m: f"{m.group(1)}:{ports.get(m.group(2), m.group(2))}", text)
    text = POOL_PORT_RE.sub(lambda m: m.group(1) + ports.get(m.group(2), m.group(2)), text)
    return stable_text(stable_paths(lab, text))


def interpreter_versions(lab: Lab) -> dict[str, tuple[str, str]]:
    """(Python version, pip version) of each scenario venv."""
    versions = {}
    for name in {s.venv for s in SCENARIOS}:
        run = lab_scenarios.run(
            [str(lab.venvs[name] / "bin" / "python"), "-c", PYTHON_VERSION_CODE],
            lab_env.minimal_env())
        if not run.succeeded:
            raise RuntimeError(f"cannot ask {name}'s Python for its version:\n{run.output}")
        versions[name] = (run.output.strip(), lab_env.pip_version_of(lab.venvs[name]))
    return versions


def manifest_entry(scenario: Scenario, versions: tuple[str, str], command: str) -> dict:
    python, pip = versions
    return {
        "scenario": scenario.id,
        "file": f"{scenario.id}.txt",
        "symptom": scenario.symptom,
        "causes": list(scenario.causes),
        "runner": scenario.runner,
        "python": python,
        "pip": pip,
        "command": command,
        "expect": scenario.expect,
        "note": scenario.note,
    }


def write_fixtures(lab: Lab, runs: dict[str, Run], directory: Path = FIXTURES) -> list[dict]:
    directory.mkdir(parents=True, exist_ok=True)
    ports = stable_ports(lab)
    versions = interpreter_versions(lab)
    manifest = []
    for scenario in SCENARIOS:
        run = runs[scenario.id]
        if run.succeeded or scenario.expect not in run.output:
            raise RuntimeError(
                f"scenario {scenario.id} did not fail as expected (exit {run.returncode}, "
                f"looking for {scenario.expect!r}):\n{run.output}")
        (directory / f"{scenario.id}.txt").write_text(normalize(lab, run.output, ports))
        command = normalize(lab, lab_scenarios.shell_line(run), ports)
        manifest.append(manifest_entry(scenario, versions[scenario.venv], command))
    known = {f"{s.id}.txt" for s in SCENARIOS}
    for stale in directory.glob("*.txt"):
        if stale.name not in known:
            stale.unlink()
    (directory / "index.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False)
                                          + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lab-fixtures-") as tmp:
        with Lab(Path(tmp)).start() as lab:
            runs = run_all(lab, Path(tmp) / "runs")
            manifest = write_fixtures(lab, runs)
            precedence = lab_precedence.as_json(
                lab_precedence.measure_all(lab, Path(tmp) / "precedence"))
    PRECEDENCE_JSON.write_text(json.dumps(precedence, indent=2, ensure_ascii=False) + "\n")
    for entry in manifest:
        print(f"{entry['file']:45} {entry['symptom']:28} {','.join(entry['causes'])}")
    print(f"wrote {len(manifest)} fixtures and index.json to {FIXTURES.relative_to(lab_env.ROOT)}")
    for column, cells in precedence["columns"].items():
        print(column + ": " + ", ".join(f"{k} {v}" for k, v in cells.items()))
    print(f"wrote {PRECEDENCE_JSON.relative_to(lab_env.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
