"""Run every documented Linux fix verbatim against the lab failure it is meant to fix.

Each ``fix-<name>`` section of ``snippets/fix/<page>/linux.sh`` and ``posix.sh`` (the
files CONTRIBUTING.md says the lab executes) is paired with a scenario in ``FIX_PLANS``.
One bash script per fix, run in a private mount namespace (``lab_ns``), does, in one
shell so that ``export``/``unset`` carry over as they do for a reader:

1. the scenario's ``pip install`` (must fail with the scenario's symptom),
2. the ``fix-<name>`` section, placeholders filled with the scenario's real values,
3. ``pip install`` again (must work),
4. ``verify-<name>`` (or the page's ``verify``) (must exit 0),
5. ``undo-<name>``, then ``pip install`` (the failure must come back).

Sections run with ``set -e``: a failing line stops the run and is reported. A ``fix-*``
section that cannot run on this machine is in ``LINTED_NOT_RUN`` with its reasons (facts
about this machine or lab, each checked against the section); the tests lint it and say
``linted-not-run`` in its id. A ``fix-*`` section in neither table is a failure that names
it: nobody adds an unproven fix silently.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import re
import shlex
import shutil
from pathlib import Path

import lab_env
import lab_ns
import lab_pki
import lab_scenarios
import lab_servers
from lab_scenarios import ALL_SCENARIOS_BY_ID, Lab

SNIPPETS = lab_env.ROOT / "snippets"
RUNNABLE_FILES = ("linux.sh", "posix.sh")
START_RE = re.compile(r"^\s*#\s*--8<--\s*\[start:([A-Za-z0-9_.-]+)\]\s*$")
END_RE = re.compile(r"^\s*#\s*--8<--\s*\[end:([A-Za-z0-9_.-]+)\]\s*$")
PLACEHOLDER_RE = re.compile(r"<([a-z0-9][a-z0-9.-]*)>")


@dataclasses.dataclass(frozen=True)
class Section:
    page: str
    file: str
    name: str
    text: str

    @property
    def key(self) -> str:
        return f"{self.page}/{self.file}:{self.name}"


def read_sections(path: Path) -> dict[str, str]:
    """``{name: text}`` of a snippet file's ``--8<-- [start:name]`` … ``[end:name]`` blocks."""
    sections: dict[str, list[str]] = {}
    open_name = None
    for line in path.read_text().splitlines():
        start, end = START_RE.match(line), END_RE.match(line)
        if start:
            open_name = start.group(1)
            sections[open_name] = []
        elif end:
            open_name = None
        elif open_name:
            sections[open_name].append(line)
    return {name: "\n".join(lines) + "\n" for name, lines in sections.items()}


def page_sections(page: str, snippets: Path = SNIPPETS) -> list[Section]:
    found = []
    for file in RUNNABLE_FILES:
        path = snippets / "fix" / page / file
        if path.exists():
            found += [Section(page, file, n, t) for n, t in read_sections(path).items()]
    return found


def discover_fix_sections(snippets: Path = SNIPPETS) -> list[Section]:
    """Every ``fix-*`` section the lab must run, in page and file order."""
    pages = sorted(p.name for p in (snippets / "fix").iterdir() if p.is_dir())
    return [s for page in pages for s in page_sections(page, snippets) if s.name.startswith("fix-")]


def companion(fix: Section, kind: str, snippets: Path = SNIPPETS) -> Section | None:
    """``verify-<name>``/``undo-<name>`` for a fix (any runnable file of the page); for
    verify, else the page's ``verify``, preferring the fix's own file."""
    name = fix.name[len("fix-"):]
    sections = page_sections(fix.page, snippets)
    for section in sections:
        if section.name == f"{kind}-{name}":
            return section
    if kind == "verify":
        plain = [s for s in sections if s.name == "verify"]
        plain.sort(key=lambda s: s.file != fix.file)
        return plain[0] if plain else None
    return None


class UnknownPlaceholder(KeyError):
    pass


def fill(text: str, values: dict[str, str]) -> str:
    missing = sorted({m.group(1) for m in PLACEHOLDER_RE.finditer(text)} - set(values))
    if missing:
        raise UnknownPlaceholder(missing)
    return PLACEHOLDER_RE.sub(lambda m: values[m.group(1)], text)


# --- the plans: which scenario proves which fix ----------------------------------------


@dataclasses.dataclass(frozen=True)
class Plan:
    """How to prove one fix section.

    ``success``: "pip" (the scenario's own pip install must work afterwards) or "section"
    (the fix replaces the interpreter or the command and installs the package itself: its
    output must say ``success_text``). ``revert``: the fix takes back this ``insecure-*``
    section, so the run is
    failure → insecure (works) → fix (failure back). ``shims``: commands replaced by lab
    stand-ins (named in the test id). ``default_index``: the index pip uses when a
    snippet names none (PIP_INDEX_URL), a Lab.values key; default: the scenario's.
    """

    scenario: str
    venv: str | None = None
    clone_venv: bool = False
    success: str = "pip"
    success_text: str = "Successfully installed lab-demo"
    undo_restores_failure: bool = True
    undo_note: str = ""
    revert: str | None = None
    shims: tuple[str, ...] = ()
    clock_file: bool = False
    default_index: str | None = None
    placeholders: tuple[tuple[str, str], ...] = ()
    path_pythons: tuple[str, ...] = ()  # pyenv minor versions put on PATH as pythonX.Y
    host_name: str | None = None  # address the lab's servers by this name, not 127.0.0.1
    # Where the failing index comes from: "arg" (--index-url), "user" or "global" pip.conf.
    index_from: str = "arg"
    label: str = ""
    # The run takes long (it waits on a slow index, or installs Poetry three times):
    # started first and checked last, so it overlaps everything else.
    slow: bool = False
    # The reader's venv is activated (VIRTUAL_ENV set), as tools such as uv expect.
    activated: bool = False
    # Shell run before the first check: the state the reader starts from (step "reader").
    reader_setup: str = ""
    # A regex the verify section's output must match (beyond exiting 0).
    verify_expect: str = ""


P = Plan
FIX_PLANS: dict[str, Plan] = {
    # corporate-proxy: mitmproxy re-signs with ACME Corp's CA.
    "corporate-proxy/linux.sh:fix-store-debian": P(
        "corporate-proxy-intermediate-pip23", clone_venv=True),
    "corporate-proxy/linux.sh:fix-store-config-debian": P("corporate-proxy-intermediate-pip23"),
    "corporate-proxy/posix.sh:fix-bundle": P("corporate-proxy-intermediate"),
    "corporate-proxy/posix.sh:fix-bundle-env": P("corporate-proxy-intermediate-pip23"),
    "corporate-proxy/posix.sh:fix-requests": P("corporate-proxy-intermediate"),
    # ca-bundle-setting: the literal placeholder path from a how-to.
    "ca-bundle-setting/posix.sh:fix-unset-env": P(
        "ca-bundle-placeholder", placeholders=(("ca-bundle-file", "path/to/ca-bundle.crt"),)),
    "ca-bundle-setting/posix.sh:fix-unset-config": P(
        "ca-bundle-config-placeholder",
        placeholders=(("ca-bundle-file", "path/to/ca-bundle.crt"),)),
    # clock-skew: libfaketime reads its offset from a file the OS-clock shims write.
    "clock-skew/linux.sh:fix-ntp": P(
        "clock-ahead", shims=("timedatectl",), clock_file=True, label="os-clock-shim",
        undo_restores_failure=False,
        undo_note="turning NTP off leaves the corrected clock as it is"),
    "clock-skew/linux.sh:fix-set-date": P(
        "clock-behind", shims=("date",), clock_file=True, label="os-clock-shim"),
    # outdated-certificates: pip 23.3 whose certifi lacks the newer root (R2) of the index
    # it installs from; the OS store and PyPI's stand-in (R1, PIP_INDEX_URL) are fine.
    "outdated-certificates/posix.sh:fix-upgrade-pip": P(
        "outdated-bundle-pip23", clone_venv=True, default_index="index_valid"),
    "outdated-certificates/posix.sh:fix-upgrade-pip-os-bundle": P(
        "outdated-bundle-pip23", clone_venv=True, default_index="index_valid"),
    # Python 3.13.0's bundled pip is 24.2; it cannot verify an index addressed by IP
    # (ValueError: check_hostname requires server_hostname), hence localhost here.
    "outdated-certificates/posix.sh:fix-ensurepip": P(
        "outdated-bundle-pip23", venv="pip-old-stale-py313", clone_venv=True,
        default_index="index_valid", host_name="localhost", label="python-3.13"),
    "outdated-certificates/posix.sh:fix-cert-os-bundle": P(
        "outdated-bundle-pip23", default_index="index_valid"),
    # strict-certificate: Python 3.13, a CA without a critical basicConstraints.
    "strict-certificate/posix.sh:fix-pip-verifier": P("strict-x509-pip-env-py313"),
    "strict-certificate/posix.sh:fix-python312": P(
        "strict-x509-pip-legacy-certs-py313", success="section", path_pythons=("3.12",)),
    "clock-skew/linux.sh:fix-wsl": P(
        "clock-ahead", shims=("hwclock",), clock_file=True, label="os-clock-shim"),
    # proxy-settings: an HTTP proxy named https://, a proxy that wants credentials
    # (mitmproxy --proxyauth), one that refuses tunnels to an internal index.
    "proxy-settings/posix.sh:fix-env": P(
        "proxy-https-scheme", undo_restores_failure=False,
        undo_note="undo unsets the proxy variables; the lab's index is reachable directly"),
    "proxy-settings/posix.sh:fix-env-credentials": P(
        "proxy-needs-credentials", undo_restores_failure=False,
        undo_note="undo unsets the proxy variables; the lab's index is reachable directly"),
    "proxy-settings/posix.sh:fix-pip-config": P("proxy-https-scheme"),
    "proxy-settings/posix.sh:fix-pip-config-credentials": P("proxy-needs-credentials"),
    "proxy-settings/posix.sh:fix-no-proxy": P("proxy-denies-tunnel"),
    # server-certificate: use a mirror whose certificate is fine.
    "server-certificate/posix.sh:fix-mirror": P(
        "expired-server", index_from="user",
        placeholders=(("mirror-index-url", "{index_valid}"),)),
    # trusted-host: the machine's global pip.conf names a mirror over http://; the
    # secure fix is the same mirror over https://.
    "trusted-host/posix.sh:fix-https-index": P(
        "http-mirror-refused", index_from="global",
        placeholders=(("index-url", "{index_mirror_https}"),)),
    "trusted-host/posix.sh:fix-https-once": P(
        "http-mirror-refused", index_from="global", success="section", clone_venv=True,
        placeholders=(("index-url", "{index_mirror_https}"),)),
    # trusted-host: these fix-* sections take back an insecure-* one.
    "trusted-host/posix.sh:fix-untrust-env": P("self-signed-server", revert="insecure-env"),
    "trusted-host/posix.sh:fix-untrust-config": P("self-signed-server",
                                                  revert="insecure-config"),
    # connection-interrupted: an index slower than pip's default timeout (the run waits
    # about 80 s: started first); a name whose IPv6 path cuts the handshake.
    "connection-interrupted/posix.sh:fix-timeout": P("index-too-slow", slow=True),
    "connection-interrupted/linux.sh:fix-ipv4": P("ipv6-path-cut"),
    # network-block: /etc/hosts sends the index's name to a block page; after the fix the
    # name resolves through DNS (glibc: files, then dns), a lab DNS server on loopback.
    "network-block/posix.sh:fix-hosts": P("hosts-hijack"),
    # The caching resolver's stale answer, flushed through a resolvectl shim.
    "network-block/linux.sh:fix-flush-dns": P(
        "dns-cache-stale", shims=("resolvectl",), label="dns-cache-shim"),
    # outdated-certificates' neighbours of pip: requests' certifi; uv's bundled roots.
    "outdated-certificates/posix.sh:fix-requests-certifi": P(
        "requests-stale-certifi", clone_venv=True, default_index="index_valid",
        placeholders=(("certifi-version", lab_env.certifi_releases()["old"]),)),
    "outdated-certificates/posix.sh:fix-uv-system-certs": P(
        "uv-bundled-roots", clone_venv=True, activated=True, success="section",
        success_text=f"+ lab-demo=={lab_servers.DEMO_VERSION}"),
    # Poetry with the OS bundle for one command; its project is in HOME.
    "outdated-certificates/posix.sh:fix-poetry-os-bundle": P(
        "poetry-stale-certifi", success="section",
        success_text=f"Installing lab-demo ({lab_servers.DEMO_VERSION})"),
    # strict-certificate: Poetry that pipx installed on Python 3.13, moved to 3.12.
    "strict-certificate/posix.sh:fix-poetry-python312": P(
        "poetry-strict-py313", path_pythons=("3.12", "3.13"), slow=True,
        reader_setup='export PATH="$HOME/.local/bin:$PATH"\n'
                     "pipx install --python python3.13 poetry\n",
        verify_expect=r"Poetry\nVersion:.*\nPython:\s+3\.12\."),
}


# --- fix sections this machine cannot run: linted, with reasons -------------------------


@dataclasses.dataclass(frozen=True)
class Reason:
    """Why a fix cannot be proven here: a fact about this machine or lab.

    ``marker``: the section must contain what the reason is about (a regex), so a reason
    that no longer fits the section fails. ``absent``: commands that must still be
    missing here; once one is installed, the fix can be proven and must be.
    """

    text: str
    marker: str
    absent: tuple[str, ...] = ()


REASONS: dict[str, Reason] = {
    "fedora-tooling": Reason(
        "needs Fedora/RHEL's update-ca-trust or dnf; this lab runs on Debian 12",
        r"\b(update-ca-trust|dnf)\b", ("update-ca-trust", "dnf")),
    "alpine-apk": Reason("needs Alpine's apk; this lab runs on Debian 12", r"\bapk\b",
                         ("apk",)),
    "arch-pacman": Reason("needs Arch Linux's pacman; this lab runs on Debian 12",
                          r"\bpacman\b", ("pacman",)),
    "debian-public-roots": Reason(
        "apt-get installs Debian's real ca-certificates, whose new roots are public CAs; "
        "no lab server holds their keys, so no lab failure is one this upgrade fixes",
        r"apt-get install -y ca-certificates"),
    "uv-from-github": Reason(
        "uv downloads Python builds and its own releases from GitHub, which this network "
        "cannot reach (only PyPI, npm and Debian)", r"\buv (python install|self update)\b"),
    "conda-unreachable": Reason(
        "conda is not installed and cannot be: its installers and packages come from "
        "repo.anaconda.com and conda-forge, which this network cannot reach",
        r"\bconda\b", ("conda",)),
    "cpython-source-build": Reason(
        "compiles CPython from source: the sources come from python.org (pyenv downloads "
        "them; this machine has no copy), which this network cannot reach, and a build "
        "takes several minutes on 2 cores, more than the lab's 4-minute budget",
        r"pyenv install|\./configure"),
}


@dataclasses.dataclass(frozen=True)
class NotRun:
    """A registered fix section: its reasons (REASONS keys) and whether it has an undo."""

    reasons: tuple[str, ...]
    undo: bool


LINTED_NOT_RUN: dict[str, NotRun] = {
    "corporate-proxy/linux.sh:fix-store-fedora": NotRun(("fedora-tooling",), undo=True),
    "corporate-proxy/linux.sh:fix-store-config-fedora": NotRun(("fedora-tooling",), undo=True),
    "outdated-certificates/linux.sh:fix-ca-certificates-debian": NotRun(
        ("debian-public-roots",), undo=False),
    "outdated-certificates/linux.sh:fix-ca-certificates-fedora": NotRun(
        ("fedora-tooling",), undo=False),
    "outdated-certificates/linux.sh:fix-ca-certificates-alpine": NotRun(
        ("alpine-apk",), undo=False),
    "outdated-certificates/linux.sh:fix-ca-certificates-arch": NotRun(
        ("arch-pacman",), undo=False),
    "outdated-certificates/posix.sh:fix-uv-upgrade": NotRun(("uv-from-github",), undo=False),
    "outdated-certificates/posix.sh:fix-conda-update": NotRun(
        ("conda-unreachable",), undo=False),
    "outdated-certificates/posix.sh:fix-conda-truststore": NotRun(
        ("conda-unreachable",), undo=True),
    "old-tls/posix.sh:fix-uv-python": NotRun(("uv-from-github",), undo=True),
    "python-without-ssl/posix.sh:fix-uv-python": NotRun(("uv-from-github",), undo=True),
    "python-without-ssl/linux.sh:fix-pyenv-debian": NotRun(
        ("cpython-source-build",), undo=False),
    "python-without-ssl/linux.sh:fix-pyenv-fedora": NotRun(
        ("fedora-tooling", "cpython-source-build"), undo=False),
    "python-without-ssl/linux.sh:fix-pyenv-alpine": NotRun(
        ("alpine-apk", "cpython-source-build"), undo=False),
    "python-without-ssl/linux.sh:fix-pyenv-arch": NotRun(
        ("arch-pacman", "cpython-source-build"), undo=False),
    "python-without-ssl/linux.sh:fix-source-build": NotRun(
        ("cpython-source-build",), undo=False),
    "python-without-ssl/linux.sh:fix-source-build-openssl-dir": NotRun(
        ("cpython-source-build",), undo=False),
}


def case_id(section: Section) -> str:
    plan = FIX_PLANS.get(section.key)
    if plan is None and section.key in LINTED_NOT_RUN:
        return f"{section.key}[linted-not-run:{'+'.join(LINTED_NOT_RUN[section.key].reasons)}]"
    return section.key + (f"[{plan.label}]" if plan and plan.label else "")


README = SNIPPETS / "README.md"
README_ROW_RE = re.compile(r"^\|\s*`<([a-z0-9][a-z0-9.-]*)>`\s*\|.*\|\s*`([^`]*)`\s*\|\s*$")


def documented_test_values(readme: Path = README) -> dict[str, str]:
    """``{placeholder: test value}`` from snippets/README.md's table (what the linter uses)."""
    values = {}
    for line in readme.read_text().splitlines():
        match = README_ROW_RE.match(line.strip())
        if match:
            values[match.group(1)] = match.group(2)
    return values


def file_directives(section: Section, snippets: Path = SNIPPETS) -> str:
    """The ``# shellcheck …`` lines a snippet file starts with (they apply to every section)."""
    lines = []
    for line in (snippets / "fix" / section.page / section.file).read_text().splitlines():
        if START_RE.match(line):
            break
        if re.match(r"^#\s*shellcheck\s", line):
            lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


# --- shims -----------------------------------------------------------------------------

TIMEDATECTL_SHIM = """\
#!/bin/sh
# Lab shim for systemd's timedatectl (the lab never touches the real clock): the clock
# pip sees is libfaketime's offset in $FAKETIME_TIMESTAMP_FILE; NTP "syncs" it to +0.
state="$LAB_CLOCK_STATE"
case "${1:-status}" in
    set-ntp)
        case "$2" in
            true|yes|on|1) echo "+0" > "$FAKETIME_TIMESTAMP_FILE"; echo active > "$state" ;;
            *) echo inactive > "$state" ;;
        esac ;;
    status)
        ntp=$(cat "$state" 2>/dev/null || echo inactive)
        synced=no; [ "$ntp" = active ] && synced=yes
        printf '               Local time: %s\\n' "$(date)"
        printf '           Universal time: %s\\n' "$(date -u)"
        printf 'System clock synchronized: %s\\n' "$synced"
        printf '              NTP service: %s\\n' "$ntp" ;;
    *) echo "lab timedatectl shim: unsupported: $*" >&2; exit 2 ;;
esac
"""

DATE_SHIM = """\
#!/bin/sh
# Lab shim for date(1): `date -s TIME` sets libfaketime's offset (the file in
# $FAKETIME_TIMESTAMP_FILE) instead of the real clock; anything else is the real date.
set_to=""
utc=""
for arg in "$@"; do
    case "$arg" in
        -u|--utc|--universal) utc="-u" ;;
    esac
done
while [ $# -gt 0 ]; do
    case "$1" in
        -s|--set) set_to="$2"; shift 2 ;;
        --set=*) set_to="${1#--set=}"; shift ;;
        *) shift ;;
    esac
done
if [ -z "$set_to" ]; then
    exec /bin/date "$@"
fi
real_now=$(env -u LD_PRELOAD /bin/date +%s)
wanted=$(env -u LD_PRELOAD /bin/date $utc -d "$set_to" +%s) || exit 1
offset=$((wanted - real_now))
if [ "$offset" -ge 0 ]; then echo "+$offset" > "$FAKETIME_TIMESTAMP_FILE"
else echo "$offset" > "$FAKETIME_TIMESTAMP_FILE"; fi
/bin/date $utc -d "$set_to"
"""

HWCLOCK_SHIM = """\
#!/bin/sh
# Lab shim for hwclock: `hwclock -s` (system clock from the hardware clock, which is
# right) resets libfaketime's offset in $FAKETIME_TIMESTAMP_FILE to +0.
case "$1" in
    -s|--hctosys) echo "+0" > "$FAKETIME_TIMESTAMP_FILE" ;;
    *) echo "lab hwclock shim: unsupported: $*" >&2; exit 2 ;;
esac
"""

RESOLVECTL_SHIM = """\
#!/bin/sh
# Lab shim for systemd-resolved's resolvectl: the caching stub resolver is the lab's DNS
# server (this namespace's /etc/resolv.conf); its cached, stale answer is the file in
# $LAB_DNS_CACHE, and flushing the caches deletes it.
case "$1" in
    flush-caches) rm -f "$LAB_DNS_CACHE" ;;
    *) echo "lab resolvectl shim: unsupported: $*" >&2; exit 2 ;;
esac
"""

SHIMS = {"timedatectl": TIMEDATECTL_SHIM, "date": DATE_SHIM, "hwclock": HWCLOCK_SHIM,
         "resolvectl": RESOLVECTL_SHIM}


# --- running a fix ---------------------------------------------------------------------


@dataclasses.dataclass
class FixRun:
    """What happened at each step: exit statuses and outputs by step name."""

    case: str
    steps: list[str]
    status: dict[str, int | None]
    outputs: dict[str, str]
    script: str

    def output(self, step: str) -> str:
        return self.outputs.get(step, "")


SCRIPT_HEAD = """\
#!/bin/bash
# Generated by scripts/lab_fixes.py for {case}
set -u
cd "$HOME"
lab_check() {{
    local target
    target=$(mktemp -d "$TMPDIR/target-XXXXXX")
    {check} >"$LAB_LOG/$1.out" 2>&1
    echo "$1 $? $(date +%s.%N)" >>"$LAB_LOG/status"
}}
lab_section() {{
    echo "$1 started $(date +%s.%N)" >>"$LAB_LOG/status"
    set -e
    . "$2" >"$LAB_LOG/$1.out" 2>&1
    set +e
    echo "$1 0 $(date +%s.%N)" >>"$LAB_LOG/status"
}}
echo "setup 0 $(date +%s.%N)" >>"$LAB_LOG/status"
"""

# The machine every fix run starts from (made once: lab_ns.prepare_machine): the OS store
# holds the lab's public roots, like any up-to-date OS.
MACHINE_SCRIPT = """\
cp {r1} /usr/local/share/ca-certificates/lab-public-root.crt
cp {r2} /usr/local/share/ca-certificates/lab-public-root-r2.crt
update-ca-certificates >/dev/null 2>&1
"""


def prepare_machine(lab: Lab, directory: Path) -> Path:
    """The layer every fix namespace starts from (see MACHINE_SCRIPT)."""
    return lab_ns.prepare_machine(MACHINE_SCRIPT.format(
        r1=shlex.quote(lab.values["public_root"]), r2=shlex.quote(lab.values["public_root_r2"])),
        directory)


def placeholder_values(lab: Lab, scenario: lab_scenarios.Scenario, plan: Plan,
                       venv: Path) -> dict[str, str]:
    index_url = lab.values[scenario.index]
    host = re.match(r"https?://([^:/]+)", index_url).group(1)
    values = {
        "corporate-root-ca.pem": lab.values["corporate_root"],
        "index-url": index_url,
        "index-host": host,
        "package": "lab-demo",
        "pip-version": lab_env.pip_version_of(venv),
        "utc-date-time": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
        "root-ca-name": "ACME Corp TLS Inspection Root",
    }
    if scenario.symptom == "strict-x509":
        values["corporate-root-ca.pem"] = lab.values["strict_root"]
    proxy = re.match(r"https?://(?:([^:@]+):([^@]+)@)?([^:/]+):(\d+)",
                     scenario.env_dict(lab.values).get("HTTPS_PROXY", ""))
    if proxy:
        values.update({"proxy-host": proxy.group(3), "proxy-port": proxy.group(4),
                       "proxy-user": lab_scenarios.PROXY_USER,
                       "proxy-password": lab_scenarios.PROXY_PASSWORD})
    values.update({k: v.format(**lab.values) for k, v in plan.placeholders})
    return values


def build_case(lab: Lab, fix: Section, plan: Plan, workdir: Path,
               stack: contextlib.ExitStack, machine: Path) -> tuple[list[str], dict,
                                                                    list[str], str]:
    """The namespace command, its environment, the step names and the script text.

    Servers the run needs for itself (its DNS server) are entered into ``stack``; the
    namespace starts from ``machine`` (``prepare_machine``).
    """
    scenario = ALL_SCENARIOS_BY_ID[plan.scenario]
    if plan.venv:
        scenario = dataclasses.replace(scenario, venv=plan.venv)
    workdir.mkdir(parents=True, exist_ok=True)
    venv = lab.venvs[scenario.venv]
    if plan.clone_venv:
        venv = lab_env.clone_venv(venv, workdir / "venv")
    venvs = dict(lab.venvs, **{scenario.venv: venv})
    home, log, tmp, shims = (workdir / n for n in ("home", "log", "tmp", "bin"))
    for d in (log, tmp):
        d.mkdir(parents=True, exist_ok=True)
    lab_ns.write_sudo_shim(shims)
    for name in plan.shims:
        (shims / name).write_text(SHIMS[name])
        (shims / name).chmod(0o755)
    for minor in plan.path_pythons:
        (shims / f"python{minor}").symlink_to(lab_env.find_python(minor))

    endpoints = dict(lab.values)
    if plan.host_name:
        for key in {scenario.index, plan.default_index or scenario.index}:
            endpoints[key] = endpoints[key].replace(lab_servers.HOST, plan.host_name)
    view = _LabView(endpoints, venvs)
    env = lab_scenarios.scenario_env(view, dataclasses.replace(scenario, clock=None), home)
    env.pop("PIP_CONFIG_FILE", None)  # fixes write the user config; /etc's is hidden
    if scenario.clock:
        clock = workdir / "clock"
        if plan.clock_file:
            clock.write_text(scenario.clock + "\n")
            env.update(lab_scenarios.clock_env(timestamp_file=clock))
            env["LAB_CLOCK_STATE"] = str(workdir / "ntp-state")
        else:
            env.update(lab_scenarios.clock_env(scenario.clock))
    env.update(
        PATH=f"{shims}:{env['PATH']}",
        TMPDIR=str(tmp),
        LAB_LOG=str(log),
        # The index a snippet that names none uses: pip's, and uv's (never a download of
        # a Python: uv must use the interpreters the lab gives it).
        PIP_INDEX_URL=endpoints[plan.default_index or scenario.index],
        UV_DEFAULT_INDEX=endpoints[plan.default_index or scenario.index],
        UV_PYTHON_DOWNLOADS="never",
    )
    if plan.activated:
        env["VIRTUAL_ENV"] = str(venv)
    check_cmd = lab_scenarios.scenario_command(view, scenario, workdir / "unused")
    if "--target" in check_cmd:
        check_cmd[check_cmd.index("--target") + 1] = "__TARGET__"
    machine_setup = ""
    if plan.index_from != "arg":
        at = check_cmd.index("--index-url")
        url = check_cmd[at + 1]
        del check_cmd[at:at + 2]
        del env["PIP_INDEX_URL"], env["UV_DEFAULT_INDEX"]
        setting = f"[global]\nindex-url = {url}\n"
        if plan.index_from == "user":
            config = home / ".config" / "pip" / "pip.conf"
            config.parent.mkdir(parents=True, exist_ok=True)
            config.write_text(setting)
        else:  # the machine's /etc/pip.conf, inside the namespace
            machine_setup += f"printf %s {shlex.quote(setting)} > /etc/pip.conf\n"
    # The lab's mirror has a name; this machine's /etc/hosts knows it (namespace only).
    machine_setup += f"echo '{lab_servers.HOST} {lab_pki.MIRROR_HOST}' >> /etc/hosts\n"
    for line in scenario.hosts:
        machine_setup += f"echo {shlex.quote(line)} >> /etc/hosts\n"
    if scenario.dns:
        # This namespace's resolver: a DNS server of its own that knows the index's name.
        cache = workdir / "dns-cache"
        if scenario.dns == "stale-cache":
            cache.write_text(lab_servers.BLOCK_PAGE_ADDRESS + "\n")
        dns = stack.enter_context(lab_servers.DnsServer(
            {lab_pki.INDEX_HOST: lab_servers.HOST},
            cache_file=cache if scenario.dns == "stale-cache" else None))
        env["LAB_DNS_CACHE"] = str(cache)
        machine_setup += (f"rm -f /etc/resolv.conf\n"
                          f"printf %s {shlex.quote(dns.resolv_conf())} > /etc/resolv.conf\n")
    check = shlex.join(check_cmd).replace("__TARGET__", '"$target"')

    values = placeholder_values(view, scenario, plan, venv)
    steps: list[str] = []
    body: list[str] = []
    if plan.reader_setup:
        (workdir / "reader.sh").write_text(plan.reader_setup)
        steps.append("reader")
        body.append(f"lab_section reader {shlex.quote(str(workdir / 'reader.sh'))}")
    steps.append("before")
    body.append("lab_check before")

    def section_step(step: str, section: Section) -> None:
        path = workdir / f"{step}.sh"
        path.write_text(fill(section.text, values))
        steps.append(step)
        body.append(f"lab_section {step} {shlex.quote(str(path))}")

    if plan.revert:
        insecure = next((s for s in page_sections(fix.page) if s.name == plan.revert), None)
        if insecure is None:
            raise LookupError(f"{fix.key}: no section {plan.revert} to take back")
        section_step("insecure", insecure)
        steps.append("after_insecure")
        body.append("lab_check after_insecure")
    section_step("fix", fix)
    steps.append("after_fix")
    body.append("lab_check after_fix")
    verify = companion(fix, "verify")
    if verify is not None:
        section_step("verify", verify)
    undo = companion(fix, "undo") if not plan.revert else None
    if undo is not None:
        section_step("undo", undo)
        steps.append("after_undo")
        body.append("lab_check after_undo")
    script = SCRIPT_HEAD.format(case=case_id(fix), check=check)
    script += machine_setup + "\n".join(body) + "\n"
    script_path = workdir / "run.sh"
    script_path.write_text(script)
    command = lab_ns.namespace_command(["/bin/bash", str(script_path)], workdir / "ns", machine)
    return command, env, steps, script


class _LabView:
    """A Lab with one venv swapped (a private clone) or endpoints renamed, for one fix."""

    def __init__(self, values: dict[str, str], venvs: dict[str, Path]):
        self.values, self.venvs = values, venvs


def run_fix(lab: Lab, fix: Section, plan: Plan, workdir: Path,
            machine: Path | None = None) -> FixRun:
    if machine is None:
        machine = prepare_machine(lab, workdir / "machine")
    with contextlib.ExitStack() as stack:
        command, env, steps, script = build_case(lab, fix, plan, workdir, stack, machine)
        lab_scenarios.run(command, env, timeout=300, cwd=workdir)
    status: dict[str, int | None] = {}
    log = workdir / "log"
    status_file = log / "status"
    for line in (status_file.read_text().splitlines() if status_file.exists() else []):
        step, code, *_ = line.split()
        status[step] = None if code == "started" else int(code)
    outputs = {s: (log / f"{s}.out").read_text() for s in steps if (log / f"{s}.out").exists()}
    shutil.rmtree(workdir / "ns", ignore_errors=True)
    return FixRun(case_id(fix), steps, status, outputs, script)


class FixRuns:
    """Every planned fix, started at once, a few at a time; ``result(key)`` waits for one.

    Most of a run is waiting on pip and proxies. Slow plans (``Plan.slow``: a slow index,
    Poetry installed three times) start first on threads of their own, so they overlap
    everything else, including what the caller does meanwhile. ``close()`` waits for
    every run.
    A fix that cannot even be set up is returned as its exception, so one broken plan
    fails one test, not the session.
    """

    def __init__(self, lab: Lab, workdir: Path, workers: int = 3):
        cases = [s for s in discover_fix_sections() if s.key in FIX_PLANS]
        cases.sort(key=lambda s: not FIX_PLANS[s.key].slow)  # stable: page order otherwise
        slow = sum(FIX_PLANS[s.key].slow for s in cases)
        machine = prepare_machine(lab, workdir / "machine")
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers + slow)
        self._futures = {
            s.key: self._pool.submit(run_fix, lab, s, FIX_PLANS[s.key],
                                     workdir / re.sub(r"[^A-Za-z0-9_.-]", "_", s.key), machine)
            for s in cases}

    @property
    def keys(self) -> list[str]:
        return list(self._futures)

    def result(self, key: str) -> FixRun | BaseException:
        try:
            return self._futures[key].result()
        except Exception as error:  # reported by the test of that section
            return error

    def close(self) -> None:
        self._pool.shutdown(wait=True)


def run_all(lab: Lab, workdir: Path, workers: int = 3) -> dict[str, FixRun | BaseException]:
    """Every planned fix, run to the end (see FixRuns)."""
    runs = FixRuns(lab, workdir, workers)
    try:
        return {key: runs.result(key) for key in runs.keys}
    finally:
        runs.close()
