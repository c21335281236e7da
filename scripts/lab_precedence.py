"""Measure which CA-bundle setting real pip obeys, per pip version, and read the docs' table.

The settings: ``REQUESTS_CA_BUNDLE``, ``CURL_CA_BUNDLE``, ``--cert``, ``PIP_CERT``,
``cert =`` (in the user's pip.conf) and ``SSL_CERT_FILE``. Three index servers: one whose
chain ends at the lab's public root (in pip's certifi, "the defaults"), one at ACME Corp's
root (C), one at an unrelated root (D). For each pip version:

- used: the setting alone points at C; the C server works.
- added (``+``): the setting alone points at C; the public server still works, so the
  file was added to the defaults instead of replacing them.
- OS: used, yet never in competition: with any other used setting, both files are in
  effect at once. That is OpenSSL's default verify path (truststore on Linux), not pip's.
- rank: X beats Y when X=C, Y=D reaches the C server and X=D, Y=C does not; the rank is 1 +
  the number of settings that beat it. Ties and cycles are reported, never hidden.

Cells use CONTRIBUTING.md's vocabulary: ``1`` … ``5``, ``1 +``, ``OS``, ``—``.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import itertools
import re
from pathlib import Path

import lab_env
import lab_ns
import lab_scenarios
from lab_scenarios import Lab

SETTINGS = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "--cert", "PIP_CERT", "cert =",
            "SSL_CERT_FILE")
ENV_SETTINGS = {"REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "PIP_CERT", "SSL_CERT_FILE"}
MEASURED_VENVS = ("pip-old", "pip-new")  # Python 3.11, pip 23.3.x and 26.3


@dataclasses.dataclass
class Measurement:
    """One pip version's behaviour, and the runs that show it."""

    pip: str  # "23.3"
    used: dict[str, bool]
    added: dict[str, bool]
    beats: dict[tuple[str, str], bool]  # (x, y) -> x wins over y
    both_in_effect: dict[tuple[str, str], bool]
    cells: dict[str, str]
    problems: list[str]


def pip_minor(venv_name: str) -> str:
    role = {"pip-old": "old", "pip-new": "new"}[venv_name]
    return ".".join(lab_env.pip_pins()[role].split(".")[:2])


def attempt(lab: Lab, venv: str, settings: dict[str, str], url: str, workdir: Path) -> bool:
    """One ``pip install`` with these settings -> whether it worked."""
    workdir.mkdir(parents=True, exist_ok=True)
    home = workdir / "home"
    extra = {k: v for k, v in settings.items() if k in ENV_SETTINGS}
    args: tuple[str, ...] = ()
    if "--cert" in settings:
        args = ("--cert", settings["--cert"])
    if "cert =" in settings:
        conf = home / ".config" / "pip" / "pip.conf"
        conf.parent.mkdir(parents=True, exist_ok=True)
        conf.write_text(f"[global]\ncert = {settings['cert =']}\n")
        extra["PIP_CONFIG_FILE"] = ""  # read the user config file (the namespace hides /etc's)
    env = lab_env.scrubbed_env(home, lab.venvs[venv], **extra)
    python = lab.venvs[venv] / "bin" / "python"
    command = lab_scenarios.pip_install_command(python, url, workdir / "target", args)
    command[command.index("--retries") + 1] = "0"
    if "cert =" in settings:
        command = lab_ns.namespace_command(command, workdir / "ns")
    return lab_scenarios.run(command, env).succeeded


def measure(lab: Lab, venv: str, workdir: Path, workers: int = 2) -> Measurement:
    corp, other = lab.values["corporate_root"], lab.values["other_root"]
    url_corp, url_public = lab.values["index_corporate"], lab.values["index_valid"]
    jobs: dict[tuple, tuple[dict[str, str], str]] = {}
    for s in SETTINGS:
        jobs[("used", s)] = ({s: corp}, url_corp)
        jobs[("added", s)] = ({s: corp}, url_public)
    for x, y in itertools.permutations(SETTINGS, 2):
        jobs[("pair", x, y)] = ({x: corp, y: other}, url_corp)
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(attempt, lab, venv, settings, url,
                                    workdir / "-".join(re.sub(r"\W", "", k) for k in key))
                   for key, (settings, url) in jobs.items()}
        ok = {key: f.result() for key, f in futures.items()}
    used = {s: ok[("used", s)] for s in SETTINGS}
    added = {s: ok[("added", s)] for s in SETTINGS}
    beats, both = {}, {}
    for x, y in itertools.permutations(SETTINGS, 2):
        beats[(x, y)] = ok[("pair", x, y)] and not ok[("pair", y, x)]
        both[(x, y)] = ok[("pair", x, y)] and ok[("pair", y, x)]
    cells, problems = _cells(used, added, beats, both)
    return Measurement(pip_minor(venv), used, added, beats, both, cells, problems)


def _cells(used, added, beats, both) -> tuple[dict[str, str], list[str]]:
    live = [s for s in SETTINGS if used[s]]
    os_store = [s for s in live if all(both[(s, t)] for t in live if t != s)]
    ranked = [s for s in live if s not in os_store]
    cells: dict[str, str] = {}
    problems: list[str] = []
    for s in SETTINGS:
        if not used[s]:
            cells[s] = "—"
        elif s in os_store:
            cells[s] = "OS"
        else:
            rank = 1 + sum(beats[(t, s)] for t in ranked if t != s)
            cells[s] = f"{rank} +" if added[s] else str(rank)
    for x, y in itertools.combinations(ranked, 2):
        if not (beats[(x, y)] or beats[(y, x)]):
            problems.append(f"{x} and {y}: neither wins (both in effect: {both[(x, y)]})")
    ranks = sorted(int(cells[s].split()[0]) for s in ranked)
    if ranks != list(range(1, len(ranked) + 1)):
        problems.append(f"ranks are not a strict order: {[(s, cells[s]) for s in ranked]}")
    return cells, problems


def measure_all(lab: Lab, workdir: Path) -> dict[str, Measurement]:
    return {pip_minor(v): measure(lab, v, workdir / v) for v in MEASURED_VENVS}


def as_json(measurements: dict[str, Measurement]) -> dict:
    return {
        "settings": list(SETTINGS),
        "python": "3.11",
        "columns": {f"pip {m.pip}": m.cells for m in measurements.values()},
        "problems": {f"pip {m.pip}": m.problems for m in measurements.values()},
    }


# --- the table on the reference page --------------------------------------------------

HEADING_RE = re.compile(r"^##\s.*\{\s*#precedence\s*\}\s*$")
PIP_COLUMN_RE = re.compile(r"pip\s+(\d+\.\d+)")


class TableError(ValueError):
    """The reference page has no precedence table in the documented format."""


def _split_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_precedence_table(markdown: str) -> dict[str, dict[str, str]]:
    """``{"23.3": {"REQUESTS_CA_BUNDLE": "1", …}, …}`` from the ``#precedence`` section."""
    lines = markdown.splitlines()
    start = next((i for i, line in enumerate(lines) if HEADING_RE.match(line)), None)
    if start is None:
        raise TableError("no `## … { #precedence }` heading")
    table: list[str] = []
    for line in lines[start + 1:]:
        if line.startswith("## "):
            break
        if line.lstrip().startswith("|"):
            table.append(line)
        elif table:
            break
    if len(table) < 3:
        raise TableError("no Markdown table under the #precedence heading")
    header = _split_row(table[0])
    columns = {i: m.group(1) for i, h in enumerate(header) if (m := PIP_COLUMN_RE.search(h))}
    if not columns:
        raise TableError(f"no column header names a pip version (`pip 23.3`): {header}")
    result: dict[str, dict[str, str]] = {v: {} for v in columns.values()}
    for line in table[2:]:
        cells = _split_row(line)
        setting = re.fullmatch(r"`([^`]+)`", cells[0])
        if not setting:
            raise TableError(f"first cell is not a setting in backticks: {cells[0]!r}")
        name = re.sub(r"\s+", " ", setting.group(1).strip())
        for i, version in columns.items():
            result[version][name] = re.sub(r"\s+", " ", cells[i]) if i < len(cells) else ""
    return result
