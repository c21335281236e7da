"""The lab's interpreters: scenario virtualenvs with pinned pips, and a scrubbed environment.

Why its own venvs: the lab compares pip versions (23.3.x before truststore became the
default, 26.3 after), needs Python 3.13 for strict X.509 checks, Python 3.6 for OpenSSL
messages without a reason, an interpreter whose ``_ssl`` is missing, and mitmproxy, whose
pins would clash with the project's ``.venv``. All of them live in ``.venv-lab/`` (git
ignores ``/.venv-*/``), are built from ``requirements/lab-*.txt`` on first use and reused
while their stamp matches, so a fresh clone sets itself up and a second run is fast.

Why the "public" root goes into certifi: a real public CA is in every trust store pip
ships with. The lab's stand-ins (``Lab Public Root CA``, and the newer
``Lab Public Root R2`` that out-of-date stores lack; made once by ``lab_pki``) are
appended to the certifi bundle vendored in each scenario venv's pip, so pip trusts them
with no setting at all, exactly as it trusts PyPI's CA, and every other lab CA is
untrusted until a documented fix makes it trusted. The machine's own trust store is never touched.

Why the lab brings its own ``openssl.cnf``: every Python here links the system OpenSSL,
which reads the machine's configuration, and a host's crypto policy there (a
``CipherString`` security level, ``MinProtocol``/``MaxProtocol``) would change what the
SHA-1, RSA-1024 and TLS 1.1 scenarios print. Every scrubbed environment names, in
``OPENSSL_CONF``, a copy of Debian 12's default configuration that the lab keeps
(``tests/fixtures/openssl-debian12.cnf``), made in the lab's temporary directory at set-up.
"""

from __future__ import annotations

import base64
import concurrent.futures
import dataclasses
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ROOT / "requirements"
LAB_DIR = Path(os.environ.get("LAB_CACHE_DIR", ROOT / ".venv-lab"))
WHEELS = LAB_DIR / "wheels"
PYENV_ROOT_DEFAULT = Path.home() / ".pyenv"

# Variables a scenario may see, besides the ones it sets itself. Everything else the
# machine sets (PIP_*, *_CA_BUNDLE, SSL_CERT_*, *_proxy, REQUESTS_*, CURL_*, …) is dropped.
ENV_ALLOWLIST = ("LANG", "LC_ALL", "TZ", "TERM")
# What must never leak in, checked by the tests on every environment the lab builds.
LEAKY_VAR_RE = re.compile(
    r"^(PIP_(?!CONFIG_FILE$|NO_INPUT$|DISABLE_PIP_VERSION_CHECK$|NO_CACHE_DIR$)\w*"
    r"|\w*_CA_BUNDLE|\w*_CA_CERTS?\w*|SSL_CERT_\w+|NIX_SSL_CERT_FILE|REQUESTS_\w+|CURL_\w+"
    r"|\w*_PROXY|VIRTUAL_ENV|CONDA_\w+|UV_\w+|OPENSSL_\w+|PYTHONPATH|PYTHONHOME|LD_PRELOAD"
    r"|FAKETIME\w*)$",
    re.IGNORECASE,
)
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# /etc/ssl/openssl.cnf exactly as Debian 12 ships it (package openssl 3.0.19-1~deb12u2;
# the md5 is dpkg's record of that conffile), kept by the lab.
OPENSSL_CNF = ROOT / "tests" / "fixtures" / "openssl-debian12.cnf"
OPENSSL_CNF_MD5 = "fe1993ec22f6b8a46cb9706acd8fc68f"


class LabSetupError(RuntimeError):
    """A tool or interpreter the lab needs is missing; the message says how to get it."""


@dataclasses.dataclass(frozen=True)
class VenvSpec:
    """One scenario interpreter: which Python, which pip, what else, how it is broken."""

    name: str
    python: str  # minor version, "3.11"
    pip: str | None  # pinned pip version, None = whatever the requirements file brings
    requirements: str | None = None  # requirements/lab-*.txt installed on top
    no_ssl: bool = False  # `import _ssl` fails, as in a Python built without OpenSSL
    # Lab public roots appended to certifi: "r1" is old (everyone has it), "r2" is new.
    public_roots: tuple[str, ...] = ("r1", "r2")


def pip_pins() -> dict[str, str]:
    """The pip versions of ``requirements/lab-pip.txt``, keyed by their role."""
    pins = {}
    for line in (REQUIREMENTS / "lab-pip.txt").read_text().splitlines():
        match = re.match(r"pip==(\S+)\s+#\s*role:\s*(\S+)", line)
        if match:
            pins[match.group(2)] = match.group(1)
    return pins


def venv_specs() -> dict[str, VenvSpec]:
    pins = pip_pins()
    specs = [
        VenvSpec("pip-old", "3.11", pins["old"]),
        VenvSpec("pip-new", "3.11", pins["new"]),
        VenvSpec("pip-new-py313", "3.13", pins["new"], requirements="lab-py313.txt"),
        # Out-of-date trust stores: their certifi predates the newer public root (R2).
        VenvSpec("pip-old-stale", "3.11", pins["old"], public_roots=("r1",)),
        VenvSpec("pip-old-stale-py313", "3.13", pins["old"], public_roots=("r1",)),
        VenvSpec("pip-py36", "3.6", pins["py36"], public_roots=("r1",)),
        VenvSpec("no-ssl", "3.11", pins["new"], no_ssl=True),
        # requests whose certifi predates the newer public root (R2); pip itself is current.
        VenvSpec("requests-stale", "3.11", pins["new"], requirements="lab-requests-stale.txt",
                 public_roots=("r1",)),
        VenvSpec("uv", "3.11", pins["new"], requirements="lab-uv.txt"),
        # Poetry reaches indexes through requests and its own certifi, which lacks R2.
        VenvSpec("poetry", "3.11", pins["new"], requirements="lab-poetry.txt",
                 public_roots=("r1",)),
        # pipx, which installs Poetry (from the lab's index) for Python 3.13 or 3.12.
        VenvSpec("pipx", "3.11", pins["new"], requirements="lab-pipx.txt"),
        VenvSpec("mitmproxy", "3.11", None, requirements="lab-mitmproxy.txt", public_roots=()),
    ]
    return {spec.name: spec for spec in specs}


def find_python(minor: str) -> Path:
    """An interpreter of that minor version: $LAB_PYTHON_3_11, pythonX.Y, or pyenv's newest."""
    override = os.environ.get("LAB_PYTHON_" + minor.replace(".", "_"))
    candidates: list[str] = [override] if override else []
    pyenv_root = Path(os.environ.get("PYENV_ROOT", PYENV_ROOT_DEFAULT))
    found = glob.glob(str(pyenv_root / "versions" / f"{minor}.*" / "bin" / "python"))
    candidates += sorted(found, key=_version_key, reverse=True)
    on_path = shutil.which(f"python{minor}")
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        probe = subprocess.run(
            [candidate, "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, env=minimal_env(), check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == minor:
            return Path(candidate)
    raise LabSetupError(
        f"the lab needs CPython {minor} (tried $LAB_PYTHON_{minor.replace('.', '_')}, "
        f"{pyenv_root}/versions/{minor}.*, python{minor}); install it with "
        f"`pyenv install {minor}` or point LAB_PYTHON_{minor.replace('.', '_')} at one"
    )


def _version_key(path: str) -> tuple[int, ...]:
    version = Path(path).parents[1].name
    return tuple(int(p) for p in re.findall(r"\d+", version))


def minimal_env() -> dict[str, str]:
    """PATH and locale only: for probing interpreters, not for running pip."""
    env = {k: os.environ[k] for k in ENV_ALLOWLIST if k in os.environ}
    env["PATH"] = SYSTEM_PATH
    return env


# The lab's copy of OPENSSL_CNF (install_openssl_config). One per process: every pip the
# lab runs must see the same OpenSSL configuration, whoever builds its environment.
_openssl_conf: Path | None = None


def install_openssl_config(directory: Path) -> Path:
    """Copy the lab's ``openssl.cnf`` into ``directory``; from now on every
    ``scrubbed_env`` names that copy in ``OPENSSL_CONF``."""
    global _openssl_conf
    data = OPENSSL_CNF.read_bytes()
    if hashlib.md5(data).hexdigest() != OPENSSL_CNF_MD5:
        raise LabSetupError(f"{OPENSSL_CNF} is not Debian 12's default openssl.cnf (md5 "
                            f"{OPENSSL_CNF_MD5}); restore it from git")
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "openssl.cnf"
    target.write_bytes(data)
    _openssl_conf = target
    return target


def forget_openssl_config() -> None:
    global _openssl_conf
    _openssl_conf = None


def openssl_config() -> Path:
    """The lab's ``openssl.cnf`` (made by ``install_openssl_config``, which Lab.start runs)."""
    if _openssl_conf is None or not _openssl_conf.exists():
        raise LabSetupError("no lab OpenSSL configuration: start a Lab (it installs one) "
                            "before building a scenario environment")
    return _openssl_conf


def scrubbed_env(home: Path, venv: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment every scenario's pip runs in: nothing of this machine's TLS set-up.

    HOME is a fresh directory (so ~/.config/pip/pip.conf is the scenario's own), pip's
    config files are off unless ``extra`` sets PIP_CONFIG_FILE otherwise (an empty value
    removes it: the fix runs need the user config file that ``pip config set`` writes),
    OpenSSL reads the lab's configuration, not the machine's (see the module doc), and
    the venv's bin comes first on PATH so ``python3``/``pip`` are the scenario's.
    """
    home.mkdir(parents=True, exist_ok=True)
    env = {k: os.environ[k] for k in ENV_ALLOWLIST if k in os.environ}
    env.setdefault("LANG", "C.UTF-8")
    env.update(
        OPENSSL_CONF=str(openssl_config()),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INPUT="1",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHONDONTWRITEBYTECODE="1",
        PATH=(f"{venv / 'bin'}:" if venv else "") + SYSTEM_PATH,
    )
    for key, value in extra.items():
        if value == "":
            env.pop(key, None)
        else:
            env[key] = value
    return env


def leaked_variables(env: dict[str, str], allowed: tuple[str, ...] = ()) -> list[str]:
    """Names in ``env`` that carry the machine's TLS, proxy or pip settings."""
    return sorted(k for k in env if LEAKY_VAR_RE.match(k) and k not in allowed)


# --- building the venvs -------------------------------------------------------------


def _stamp(spec: VenvSpec, public_roots: dict[str, bytes]) -> str:
    parts = [json.dumps(dataclasses.asdict(spec), sort_keys=True), _SETUP_VERSION]
    if spec.requirements:
        parts.append((REQUIREMENTS / spec.requirements).read_text())
    parts += [public_roots[name].decode() for name in spec.public_roots]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


_SETUP_VERSION = "3"  # bump when the way venvs are built changes


def _run_setup(cmd: list, **kwargs) -> None:
    """Run a set-up step with the machine's own environment (how it reaches the registry)."""
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise LabSetupError(
            f"lab set-up step failed: {' '.join(map(str, cmd))}\n{result.stdout}\n{result.stderr}"
        )


def pip_wheel(version: str) -> Path:
    """pip's wheel, downloaded once from the package registry into .venv-lab/wheels."""
    wheel = WHEELS / f"pip-{version}-py3-none-any.whl"
    if not wheel.exists():
        WHEELS.mkdir(parents=True, exist_ok=True)
        _run_setup([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary",
                    ":all:", "--dest", WHEELS, f"pip=={version}"])
    if not wheel.exists():
        raise LabSetupError(f"pip {version} was downloaded but {wheel} is missing")
    return wheel


def pinned(requirements: str, dist: str) -> str:
    """The version ``requirements/<requirements>`` pins ``dist`` to."""
    text = (REQUIREMENTS / requirements).read_text()
    match = re.search(rf"^{re.escape(dist)}==(\S+)", text, re.M | re.I)
    if not match:
        raise LabSetupError(f"requirements/{requirements} pins no {dist}")
    return match.group(1)


def dist_wheel(dist: str, version: str) -> Path:
    """A pure-Python wheel from the package registry, downloaded once into .venv-lab/wheels."""
    pattern = f"{dist.replace('-', '_')}-{version}-*.whl"
    found = sorted(WHEELS.glob(pattern))
    if not found:
        WHEELS.mkdir(parents=True, exist_ok=True)
        _run_setup([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary",
                    ":all:", "--dest", WHEELS, f"{dist}=={version}"])
        found = sorted(WHEELS.glob(pattern))
    if not found:
        raise LabSetupError(f"{dist} {version} was downloaded but no {pattern} is in {WHEELS}")
    return found[0]


# Pythons pipx installs Poetry for (strict-certificate fix-poetry-python312).
POETRY_PYTHONS = ("3.12", "3.13")


def poetry_wheels() -> list[Path]:
    """Poetry and its dependencies as wheels for each of POETRY_PYTHONS, pinned by
    requirements/lab-poetry.txt, downloaded once from the package registry; the lab's
    index serves them, as PyPI serves Poetry to pipx."""
    pins = REQUIREMENTS / "lab-poetry.txt"
    stamp = hashlib.sha256(pins.read_bytes()).hexdigest()
    wheels: dict[str, Path] = {}
    for minor in POETRY_PYTHONS:
        folder = WHEELS / f"poetry-py{minor}"
        done = folder / ".lab-stamp"
        if not (done.exists() and done.read_text() == stamp):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            _run_setup([sys.executable, "-m", "pip", "download", "--only-binary", ":all:",
                        "--python-version", minor, "-c", pins, "--dest", folder,
                        f"poetry=={pinned('lab-poetry.txt', 'poetry')}"])
            done.write_text(stamp)
        for wheel in folder.glob("*.whl"):
            wheels.setdefault(wheel.name, wheel)
    return sorted(wheels.values())


def certifi_releases() -> dict[str, str]:
    """certifi's "old" (requests-stale's) and "new" (current) versions the lab's index serves."""
    return {"old": pinned("lab-requests-stale.txt", "certifi"),
            "new": pinned("lab-py313.txt", "certifi")}


def certifi_wheels(directory: Path, public_roots: dict[str, bytes]) -> list[Path]:
    """Both certifi releases as the lab's index serves them: the old one with the old
    public root (R1) appended, the new one with R1 and the newer root (R2), as new
    certifi releases carry new public roots. RECORD is rewritten to match."""
    directory.mkdir(parents=True, exist_ok=True)
    wheels = []
    for role, version in certifi_releases().items():
        source = dist_wheel("certifi", version)
        target = directory / source.name
        roots = ("r1",) if role == "old" else ("r1", "r2")
        with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w",
                                                              zipfile.ZIP_DEFLATED) as dst:
            bundle = src.read("certifi/cacert.pem")
            for name in roots:
                bundle = (bundle.rstrip(b"\n") + f"\n\n# Lab public root {name} (appended by "
                          "scripts/lab_env.py)\n".encode() + public_roots[name])
            digest = base64.urlsafe_b64encode(hashlib.sha256(bundle).digest()).rstrip(b"=")
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "certifi/cacert.pem":
                    data = bundle
                elif info.filename.endswith(".dist-info/RECORD"):
                    data = re.sub(rb"^certifi/cacert\.pem,[^\n]*$",
                                  b"certifi/cacert.pem,sha256=" + digest + b","
                                  + str(len(bundle)).encode(), data, flags=re.M)
                dst.writestr(info.filename, data)
        wheels.append(target)
    return wheels


def site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python*/site-packages"))
    if not found:
        raise LabSetupError(f"{venv} has no lib/python*/site-packages")
    return found[0]


def _append_root(bundle: Path, name: str, pem: bytes) -> None:
    text = bundle.read_bytes()
    if pem not in text:
        bundle.write_bytes(
            text.rstrip(b"\n") + f"\n\n# Lab public root {name}: stands for a public CA "
            "(appended by scripts/lab_env.py)\n".encode() + pem
        )


NO_SSL_MODULE = '''\
"""Make this interpreter behave like a CPython built without OpenSSL: `import _ssl` fails.

Installed by scripts/lab_env.py into the lab's `no-ssl` venv only (loaded from a .pth).
"""
import sys


class _NoOpenSSL:
    def find_spec(self, name, path=None, target=None):
        if name == "_ssl":
            raise ModuleNotFoundError("No module named '_ssl'", name="_ssl")
        return None


sys.meta_path.insert(0, _NoOpenSSL())
'''


def _build_venv(spec: VenvSpec, target: Path, public_roots: dict[str, bytes]) -> None:
    python = find_python(spec.python)
    if target.exists():
        shutil.rmtree(target)
    _run_setup([python, "-m", "venv", "--without-pip", target], env=minimal_env())
    vpy = target / "bin" / "python"
    if spec.pip:
        wheel = pip_wheel(spec.pip)
        # pip installs itself from its own wheel: no ensurepip, no network.
        _run_setup([vpy, f"{wheel}/pip", "install", "--quiet", "--no-index", "--no-cache-dir",
                    "--disable-pip-version-check", wheel],
                   env={**minimal_env(), "PIP_CONFIG_FILE": os.devnull})
    else:
        _run_setup([vpy, "-m", "ensurepip", "--default-pip"], env=minimal_env())
    if spec.requirements:
        # The registry is reached the way this machine reaches it: inherited environment.
        _run_setup([vpy, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--disable-pip-version-check", "-r", REQUIREMENTS / spec.requirements])
    sp = site_packages(target)
    for bundle in [sp / "pip/_vendor/certifi/cacert.pem", *sp.glob("certifi/cacert.pem")]:
        for name in spec.public_roots:
            if bundle.exists():
                _append_root(bundle, name, public_roots[name])
    if spec.no_ssl:
        sp = site_packages(target)
        (sp / "_lab_no_openssl.py").write_text(NO_SSL_MODULE)
        (sp / "_lab_no_openssl.pth").write_text("import _lab_no_openssl\n")


def ensure_venvs(public_roots: dict[str, bytes], names: list[str] | None = None,
                 workers: int = 3) -> dict[str, Path]:
    """Every lab venv, built (in parallel) if missing or stale. Safe across processes."""
    specs = venv_specs()
    wanted = [specs[n] for n in (names or specs)]
    LAB_DIR.mkdir(parents=True, exist_ok=True)
    result: dict[str, Path] = {}
    with FileLock(str(LAB_DIR / "venvs.lock")):
        todo = []
        for spec in wanted:
            target = LAB_DIR / spec.name
            result[spec.name] = target
            stamp = _stamp(spec, public_roots)
            stamp_file = target / ".lab-stamp"
            if not (stamp_file.exists() and stamp_file.read_text() == stamp):
                todo.append((spec, target, stamp_file, stamp))
        # Download the wheels first, one at a time: pip download into one folder.
        for spec, *_ in todo:
            if spec.pip:
                pip_wheel(spec.pip)
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_build_venv, spec, target, public_roots): (sf, st)
                       for spec, target, sf, st in todo}
            for future in concurrent.futures.as_completed(futures):
                future.result()
                stamp_file, stamp = futures[future]
                stamp_file.write_text(stamp)
    return result


def clone_venv(source: Path, target: Path) -> Path:
    """A private copy of a lab venv for a test that may change it (``pip install -U pip``).

    venvs are not relocatable (scripts carry their interpreter's path in the shebang), so
    this makes a new venv with the same base interpreter and copies site-packages over,
    then rewrites the console scripts pip would have written.
    """
    cfg = (source / "pyvenv.cfg").read_text()
    home = re.search(r"^home\s*=\s*(.+)$", cfg, re.M).group(1).strip()
    base = Path(home) / "python3"
    if not base.exists():
        base = Path(home) / "python"
    _run_setup([base, "-m", "venv", "--without-pip", target], env=minimal_env())
    src_sp, dst_sp = site_packages(source), site_packages(target)
    shutil.rmtree(dst_sp)
    shutil.copytree(src_sp, dst_sp, symlinks=True)
    py = target / "bin" / "python"
    for script in (source / "bin").iterdir():
        if script.is_symlink() or not script.is_file():
            continue
        head = script.read_bytes()[:200]
        dest = target / "bin" / script.name
        if dest.exists():  # the new venv's own (activate scripts)
            continue
        if head.startswith(b"#!") and b"python" in head.split(b"\n", 1)[0]:
            body = script.read_text().split("\n", 1)[1]
            dest.write_text(f"#!{py}\n{body}")
            dest.chmod(0o755)
        else:  # a program of its own (uv's binary)
            shutil.copy2(script, dest)
    return target


def pip_version_of(venv: Path) -> str:
    """The version of pip installed in a venv (from its dist-info directory)."""
    for info in site_packages(venv).glob("pip-*.dist-info"):
        return info.name[len("pip-"):-len(".dist-info")]
    raise LabSetupError(f"no pip in {venv}")
