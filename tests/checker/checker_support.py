"""Helpers for the checker's tests: where things are, a scrubbed environment, interpreters."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "snippets" / "pip_ssl_check.py"
HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SHARED = ROOT.parent / "shared"
LAB_MANIFEST = ROOT / "tests" / "fixtures" / "pip-output" / "index.json"

# Every CPython minor the checker promises to run on and that CI has under pyenv.
REQUIRED_MINORS = ("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13")

# Variables of this machine (and of CI machines) that change how TLS, pip or the
# locale behave. Subprocesses get none of them unless a test sets one on purpose.
_KEEP = ("PATH", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP", "PYENV_ROOT")


def scrubbed_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment: no CA variables, no proxies, no pip config, English locale."""
    env = {name: os.environ[name] for name in _KEEP if name in os.environ}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INPUT="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        LC_ALL="C.UTF-8",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
        PYENV_ROOT=str(pyenv_root()),
    )
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def pyenv_root() -> Path:
    if os.environ.get("PYENV_ROOT"):
        return Path(os.environ["PYENV_ROOT"])
    found = shutil.which("pyenv")
    if found:
        try:
            out = subprocess.run(
                [found, "root"], capture_output=True, text=True, timeout=10
            ).stdout.strip()
            if out:
                return Path(out)
        except (OSError, subprocess.SubprocessError):
            pass
    return Path.home() / ".pyenv"


def find_interpreters() -> tuple[dict[str, Path], list[str]]:
    """{label: python} for every required minor under pyenv plus the default python3; and what is missing."""
    found: dict[str, Path] = {}
    missing: list[str] = []
    versions = pyenv_root() / "versions"
    for minor in REQUIRED_MINORS:
        candidates = sorted(
            (
                p
                for p in versions.glob(minor + ".*")
                if re.fullmatch(re.escape(minor) + r"\.\d+", p.name)
            ),
            key=lambda p: tuple(int(x) for x in p.name.split(".")),
        )
        pythons = [p / "bin" / "python" for p in candidates if (p / "bin" / "python").exists()]
        if pythons:
            found[minor] = pythons[-1]
        else:
            missing.append(
                f"CPython {minor} not found under {versions} (install it: pyenv install {minor})"
            )
    default = shutil.which("python3")
    if default:
        # The interpreter `python3` starts (a pyenv shim costs a second per run under load).
        try:
            real = subprocess.run(
                [default, "-c", "import sys; print(sys.executable)"],
                capture_output=True,
                text=True,
                timeout=30,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            real = ""
        found["python3"] = Path(real or default)
    else:
        missing.append("no python3 on PATH")
    return found, missing


def run_checker(
    python: Path | str,
    args: list[str],
    env: dict[str, str],
    stdin: bytes | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(python), str(CHECKER), *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=timeout,
        cwd=str(env.get("HOME", ROOT)),
    )


def run_many(jobs: dict, workers: int = 4) -> dict:
    """Run {key: zero-argument callable} in a thread pool (subprocesses overlap; 2 cores)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {key: pool.submit(job) for key, job in jobs.items()}
        return {key: future.result() for key, future in futures.items()}


def json_out(proc: subprocess.CompletedProcess) -> dict:
    try:
        return json.loads(proc.stdout.decode("utf-8"))
    except ValueError as exc:  # show what the checker printed instead
        raise AssertionError(
            f"not JSON ({exc}); rc={proc.returncode}\nstdout:\n{proc.stdout.decode(errors='replace')[-3000:]}"
            f"\nstderr:\n{proc.stderr.decode(errors='replace')[-3000:]}"
        ) from None


def shared_or_copy(name: str) -> Path:
    """The team's shared file when this checkout sits next to it, else the copy kept in data/."""
    shared = SHARED / name
    return shared if shared.exists() else DATA / Path(name).name


def real_examples() -> list[dict]:
    return json.loads(shared_or_copy("examples/real-error-logs.json").read_text(encoding="utf-8"))


_FACTS_ROW_RE = re.compile(r"^\|\s*`([a-z0-9-]+)`\s*\|(.*)\|\s*$")


def facts_symptom_fragments(text: str) -> dict[str, list[str]]:
    """{symptom id: [fragments in backticks]} from FACTS.md's symptom table."""
    table = text.split("### Symptoms", 1)[1].split("###", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in table.splitlines():
        match = _FACTS_ROW_RE.match(line.strip())
        if not match:
            continue
        cell = match.group(2)
        fragments = [
            m.group(1) or m.group(2) for m in re.finditer(r"``\s?(.+?)\s?``|`([^`]+)`", cell)
        ]
        rows[match.group(1)] = [f.strip() for f in fragments if f.strip()]
    return rows


def checker_python() -> str:
    return sys.executable


def fake_pip(base: Path, version: str, extra_roots: list[bytes]) -> Path:
    """A folder for PYTHONPATH holding a stand-in ``pip`` package: what the probe reads to
    decide pip's trust (``pip/__init__.py``'s version, its vendored certifi bundle), nothing
    that runs. The bundle is the real one of this venv's pip plus ``extra_roots``, the way the
    lab puts its stand-in public roots into certifi (scripts/lab_env.py)."""
    import importlib.util

    spec = importlib.util.find_spec("pip")
    assert spec and spec.origin, "pip is not installed in the test venv"
    real_bundle = Path(spec.origin).parent / "_vendor" / "certifi" / "cacert.pem"
    folder = base / f"pip-{version}"
    certifi = folder / "pip" / "_vendor" / "certifi"
    certifi.mkdir(parents=True, exist_ok=True)
    (folder / "pip" / "__init__.py").write_text(f'__version__ = "{version}"\n')
    (folder / "pip" / "_vendor" / "__init__.py").write_text("")
    (certifi / "__init__.py").write_text('__version__ = "2023.07.22"\n')
    (certifi / "cacert.pem").write_bytes(
        real_bundle.read_bytes().rstrip(b"\n") + b"\n" + b"".join(extra_roots)
    )
    return folder
