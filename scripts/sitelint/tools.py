"""Checks that need other programs, run as a batch in the background.

Every shell unit is written (placeholders filled, line numbers kept) to one temp
folder; then ONE ``bash`` process runs ``bash -n`` over all of them, ONE
``shellcheck`` run reads them all, and ONE process per CPython (the oldest
supported, 3.6, and the newest installed) compiles every Python unit. The four
processes start together and run while the in-process checks do their work, so
the whole site costs about one shellcheck run of wall time.

A tool that is missing is a ``TOOL001`` finding that says how to install it,
never a silent pass.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .findings import Finding
from .units import Unit

OLDEST_PYTHON = (3, 6)
NEWEST_AT_LEAST = (3, 13)
SHELL_LANGS = {"bash", "sh"}
BASH_N_RE = re.compile(r"^(?P<file>[^:]+): line (?P<line>\d+): (?P<message>.*)$")
# Runs on CPython 3.6 too: no f-strings with =, no walrus.
COMPILE_SCRIPT = r"""
import io, json, sys, tokenize, warnings


def fstring_line(source):
    # CPython 3.6 reports errors inside an f-string at "<fstring>" line 1:
    # find the f-string that does not compile and give its real line.
    try:
        tokens = list(tokenize.tokenize(io.BytesIO(source).readline))
    except Exception:
        return None
    for token in tokens:
        prefix = token.string[:3].lower()
        if token.type == tokenize.STRING and 'f' in prefix.split('"')[0].split("'")[0]:
            try:
                compile(token.string, '<check>', 'eval', dont_inherit=True)
            except SyntaxError:
                return token.start[0]
    return None


out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as handle:
        source = handle.read()
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        try:
            compile(source, path, 'exec', dont_inherit=True)
        except SyntaxError as exc:
            line = exc.lineno or 1
            if exc.filename != path:
                line = fstring_line(source) or line
            out.append([path, line, '%s: %s' % (type(exc).__name__, exc.msg)])
        except Exception as exc:
            out.append([path, getattr(exc, 'lineno', None) or 1, '%s: %s' % (type(exc).__name__, exc)])
sys.stdout.write(json.dumps(out))
"""


@dataclass
class Interpreter:
    version: tuple[int, int, int]
    path: str


def _pyenv_root() -> Path:
    return Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")


@lru_cache(maxsize=1)
def find_interpreters() -> tuple[Interpreter, ...]:
    """CPython interpreters pyenv has installed, plus this one, oldest first.

    pyenv's ``versions/X.Y.Z`` folder names say the version, so no interpreter is
    started to ask; ``python3.N`` on PATH is asked only when pyenv has no X.Y.
    """
    found: dict[tuple[int, int, int], str] = {sys.version_info[:3]: sys.executable}
    versions = _pyenv_root() / "versions"
    if versions.is_dir():
        for entry in versions.iterdir():
            match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", entry.name)
            python = entry / "bin" / "python"
            if match and python.exists():
                found.setdefault(tuple(int(g) for g in match.groups()), str(python))
    minors = {v[:2] for v in found}
    for minor in range(OLDEST_PYTHON[1], 20):
        if (3, minor) in minors:
            continue
        path = shutil.which(f"python3.{minor}")
        if path:
            try:
                out = subprocess.run([path, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], capture_output=True, text=True, timeout=10)
                found.setdefault(tuple(int(p) for p in out.stdout.split(".")), path)
            except (OSError, ValueError, subprocess.SubprocessError):
                continue
    return tuple(Interpreter(v, p) for v, p in sorted(found.items()))


def python_pair() -> tuple[Interpreter | None, Interpreter | None]:
    """(the oldest supported CPython, 3.6.x; the newest installed, >= 3.13), None when missing."""
    pythons = find_interpreters()
    oldest = next((p for p in pythons if p.version[:2] == OLDEST_PYTHON), None)
    newest = pythons[-1] if pythons and pythons[-1].version[:2] >= NEWEST_AT_LEAST else None
    return oldest, newest


@dataclass
class _Job:
    name: str
    process: subprocess.Popen | None
    files: dict[str, tuple[Unit, int]]  # temp path -> (unit, line offset)
    parse: Callable[[_Job, str, str], list[Finding]]  # the tool's output -> findings


@dataclass
class ToolBatch:
    """The background tool runs for one lint. ``finish()`` waits and reports."""

    tmp: tempfile.TemporaryDirectory
    jobs: list[_Job] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def finish(self) -> list[Finding]:
        try:
            for job in self.jobs:
                stdout, stderr = job.process.communicate()
                self.findings += job.parse(job, stdout, stderr)
        finally:
            self.tmp.cleanup()
        # A syntax error is reported once, by bash -n; shellcheck's own parse
        # errors (SC1xxx) for the same file only repeat it.
        broken = {f.path for f in self.findings if f.code == "SNP010"}
        return [f for f in self.findings if not (f.code == "SNP011" and f.path in broken and f.message.startswith("shellcheck SC1"))]

    def cancel(self) -> None:
        for job in self.jobs:
            if job.process.poll() is None:
                job.process.kill()
                job.process.communicate()
        self.tmp.cleanup()


def _write(tmp: Path, index: int, unit: Unit, fill, suffix: str, header: str | None) -> tuple[str, int]:
    path = tmp / f"u{index:04d}{suffix}"
    body = [fill(text) for _, text in unit.lines]
    offset = 0
    if header is not None:
        body.insert(0, header)
        offset = 1
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return str(path), offset


def _source_line(unit: Unit, temp_line: int, offset: int) -> int:
    index = temp_line - offset
    if not unit.lines:
        return 1
    index = min(max(index, 1), len(unit.lines))
    return unit.lines[index - 1][0]


def _popen(args: list[str]) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BASH_ENV", "ENV"))}
    env["LC_ALL"] = "C.UTF-8"
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def start_tools(units: list[Unit], fill) -> ToolBatch:
    """Write the shell and Python units out and start the tool processes."""
    tmp = tempfile.TemporaryDirectory(prefix="sitelint-")
    batch = ToolBatch(tmp)
    base = Path(tmp.name)
    shell: dict[str, tuple[Unit, int]] = {}
    python: dict[str, tuple[Unit, int]] = {}
    for index, unit in enumerate(units):
        if unit.lang in SHELL_LANGS:
            has_shebang = bool(unit.lines) and unit.lines[0][1].startswith("#!")
            header = None if has_shebang else f"# shellcheck shell={unit.lang}"
            path, offset = _write(base, index, unit, fill, ".sh", header)
            shell[path] = (unit, offset)
        elif unit.lang == "python":
            path, offset = _write(base, index, unit, lambda t: t, ".py", None)
            python[path] = (unit, offset)
    if shell:
        bash = shutil.which("bash")
        if bash is None:
            batch.findings.append(_missing(shell, "bash", "install bash (apt-get install bash)"))
        else:
            script = 'for f; do "$0" -n "$f" 2>&1; done'
            batch.jobs.append(_Job("bash", _popen([bash, "-c", script, bash, *shell]), shell, _parse_bash))
        shellcheck = shutil.which("shellcheck")
        if shellcheck is None:
            batch.findings.append(_missing(shell, "shellcheck", "install it: `apt-get install shellcheck` (Debian/Ubuntu), `brew install shellcheck` (macOS), or run scripts/install_test_tools.sh"))
        else:
            batch.jobs.append(_Job("shellcheck", _popen([shellcheck, "--format=json1", "--external-sources", *shell]), shell, _parse_shellcheck))
    if python:
        oldest, newest = python_pair()
        if oldest is None:
            batch.findings.append(_missing(python, "CPython 3.6", "the checker must compile on 3.6; install it with `pyenv install 3.6.15` (it is looked for under $PYENV_ROOT/versions and as python3.6 on PATH)"))
        if newest is None:
            batch.findings.append(_missing(python, "CPython >= 3.13", "install the newest CPython (`pyenv install 3.13`)"))
        for interpreter in (oldest, newest):
            if interpreter is not None:
                job = _Job(f"python{'.'.join(map(str, interpreter.version[:2]))}", _popen([interpreter.path, "-I", "-c", COMPILE_SCRIPT, *python]), python, _parse_python)
                batch.jobs.append(job)
    return batch


def _missing(files: dict[str, tuple[Unit, int]], tool: str, how: str) -> Finding:
    """TOOL001 on the first unit the missing tool would have checked."""
    first = next(iter(files.values()))[0].path
    return Finding(first, 1, "TOOL001", f"{tool} is not installed, so these snippets cannot be checked; {how}")


def _parse_bash(job: _Job, stdout: str, stderr: str) -> list[Finding]:
    findings = []
    for line in (stdout + stderr).splitlines():
        match = BASH_N_RE.match(line)
        # bash echoes the offending source line after the error (`fi'); skip the echo.
        if match and match.group("file") in job.files and not match.group("message").startswith("`"):
            unit, offset = job.files[match.group("file")]
            findings.append(Finding(unit.path, _source_line(unit, int(match.group("line")), offset), "SNP010", f"bash -n: {match.group('message')}; fix the shell syntax"))
    return findings


def _parse_shellcheck(job: _Job, stdout: str, stderr: str) -> list[Finding]:
    try:
        comments = json.loads(stdout or "{}").get("comments", [])
    except json.JSONDecodeError:
        first = next(iter(job.files.values()))[0]
        return [Finding(first.path, 1, "TOOL001", f"shellcheck failed to run: {(stderr or stdout).strip()[:200]}")]
    findings = []
    for comment in comments:
        if comment["file"] not in job.files:
            continue
        unit, offset = job.files[comment["file"]]
        fix = "see https://www.shellcheck.net/wiki/SC%d" % comment["code"]
        findings.append(Finding(unit.path, _source_line(unit, comment["line"], offset), "SNP011", f"shellcheck SC{comment['code']} ({comment['level']}): {comment['message'].rstrip('.')}; {fix}"))
    return findings


def _parse_python(job: _Job, stdout: str, stderr: str) -> list[Finding]:
    try:
        results = json.loads(stdout)
    except json.JSONDecodeError:
        first = next(iter(job.files.values()))[0]
        return [Finding(first.path, 1, "TOOL001", f"{job.name} could not run the compile check: {stderr.strip()[:200]}")]
    findings = []
    for path, line, message in results:
        unit, offset = job.files[path]
        findings.append(Finding(unit.path, _source_line(unit, line, offset), "SNP012", f"does not compile on {job.name.replace('python', 'CPython ')}: {message}; the site supports CPython 3.6 to the newest release, so write code both accept"))
    return findings

