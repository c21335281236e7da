"""Run every documented Linux fix verbatim against the lab failure it is meant to fix.

Each ``fix-<name>`` section of ``snippets/fix/<page>/linux.sh`` and ``posix.sh`` (the
files CONTRIBUTING.md says the lab executes) is paired with a scenario in ``FIX_PLANS``.
One bash script per fix, run in a private mount namespace (``lab_ns``), does, in one
shell so that ``export``/``unset`` carry over as they do for a reader:

1. the scenario's ``pip install`` (must fail with the scenario's symptom),
2. ``verify-<name>`` (or the page's ``verify``) in a subshell: it must not pass yet, so a
   verify that cannot tell the broken state from the fixed one is caught,
3. the ``fix-<name>`` section, placeholders filled with the scenario's real values,
4. ``pip install`` again (must work),
5. the verify section again (must pass now),
6. ``undo-<name>``, then the proof that it undid the fix: the scenario's failure comes
   back, or (when the fix did not change the scenario's own command) the verify section
   fails again. An undo the lab cannot prove is named so in the test id.

Sections run with ``set -e``: a failing line stops the run and is reported. A ``fix-*``
section that cannot run on this machine is in ``LINTED_NOT_RUN`` with its reasons (facts
about this machine or lab, each checked against the section); sitelint lints every
snippet file (bash -n, shellcheck), and the tests say ``linted-not-run`` in its id. A
``fix-*`` section in neither table is a failure that names it: nobody adds an unproven
fix silently.

Sections and placeholders are read the way the site reads them: sitelint's
``parse_sections`` (pymdownx's markers) and ``fill_placeholders``.
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
from sitelint.markdown import IncludeSpec
from sitelint.project import SnippetFile, parse_sections
from sitelint.units import PLACEHOLDER_RE, fill_placeholders

SNIPPETS = lab_env.ROOT / "snippets"
RUNNABLE_FILES = ("linux.sh", "posix.sh")
# A whole fix run (Poetry installed three times is the longest, about 90 s).
FIX_TIMEOUT = 300


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
    """``{name: text}`` of a snippet file's sections: the lines a page that embeds
    ``file:name`` shows (nested markers left out). Broken markers are an error."""
    lines = path.read_text(encoding="utf-8").split("\n")
    sections, problems = parse_sections(lines)
    if problems:
        raise ValueError(f"{path}: " + "; ".join(f"line {n}: {m}" for n, m in problems))
    snippet = SnippetFile(path, path.name, lines, sections, problems)
    return {name: "\n".join(text for _, text in snippet.content_lines(
        IncludeSpec(f"{path.name}:{name}", path.name, name, None))) + "\n"
        for name in sections}


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
    """``text`` with every ``<placeholder>`` replaced by its value in ``values``; one the
    lab has no value for is an error (sitelint's own filling would put in a neutral word)."""
    missing = sorted({m.group(0)[1:-1] for m in PLACEHOLDER_RE.finditer(text)} - set(values))
    if missing:
        raise UnknownPlaceholder(missing)
    return fill_placeholders(text, {f"<{name}>": value for name, value in values.items()})


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
    ``clone_venv``: the fix changes its venv (installs, upgrades), so it gets a private
    copy; the shared venvs are read-only in a fix run.

    How the undo is proven (``undo_proof``): "pip", the scenario's failure comes back;
    "verify", the verify section fails again (for fixes that never changed the
    scenario's own command: ``success="section"`` plans); "none", it cannot be here, and
    ``undo_note`` says why (the test id says ``undo-unproven``).
    """

    scenario: str
    venv: str | None = None
    clone_venv: bool = False
    success: str = "pip"
    success_text: str = "Successfully installed lab-demo"
    undo_proof: str | None = None  # None: "verify" for success="section", else "pip"
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
    # A verify section passes when it exits 0, its output matches ``verify_expect`` and
    # does not match ``verify_reject`` (regexes, multiline). It must pass after the fix and
    # not before it; for a verify that exits 0 either way, these say what tells them apart.
    verify_expect: str = ""
    verify_reject: str = ""
    # The page's verify does not apply to this fix: it is not run, and this says why.
    verify_note: str = ""

    @property
    def undo_check(self) -> str:
        if self.undo_proof:
            return self.undo_proof
        if self.success == "section":  # the scenario's own command never changed
            return "none" if self.verify_note else "verify"
        return "pip"


def version_pattern(version: str) -> str:
    """A regex for ``version`` however a package's ``__version__`` writes it: numbers with
    or without leading zeros (certifi 2023.7.22 says 2023.07.22)."""
    return r"\.".join(rf"0*{int(part)}" if part.isdigit() else re.escape(part)
                      for part in version.split("."))


P = Plan
_YEAR = dt.datetime.now(dt.UTC).year
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
    # Turning NTP off leaves the corrected clock as it is: the undo shows in timedatectl.
    "clock-skew/linux.sh:fix-ntp": P(
        "clock-ahead", shims=("timedatectl",), clock_file=True, label="os-clock-shim",
        undo_proof="verify", verify_expect=r"^System clock synchronized: yes$"),
    # `date -u` shows this year only once the clock is right (it is 1000 days behind).
    "clock-skew/linux.sh:fix-set-date": P(
        "clock-behind", shims=("date",), clock_file=True, label="os-clock-shim",
        verify_expect=rf" UTC ({_YEAR}|{_YEAR + 1})$"),
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
        "proxy-https-scheme", undo_proof="none",
        undo_note="undo unsets the proxy variables; the lab's index is reachable directly"),
    "proxy-settings/posix.sh:fix-env-credentials": P(
        "proxy-needs-credentials", undo_proof="none",
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
        placeholders=(("index-url", "{index_mirror_https}"),),
        verify_expect=r"^global\.index-url='https://"),
    "trusted-host/posix.sh:fix-https-once": P(
        "http-mirror-refused", index_from="global", success="section", clone_venv=True,
        placeholders=(("index-url", "{index_mirror_https}"),),
        verify_note="the page's verify reads pip's settings, and this one-command fix "
                    "changes none; its proof is the install it does"),
    # trusted-host: these fix-* sections take back an insecure-* one.
    "trusted-host/posix.sh:fix-untrust-env": P(
        "self-signed-server", revert="insecure-env", verify_reject=r"trusted-host"),
    "trusted-host/posix.sh:fix-untrust-config": P(
        "self-signed-server", revert="insecure-config", verify_reject=r"trusted-host"),
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
    # verify prints certifi's version: no longer the old release once the fix upgraded
    # it (certifi's __version__ pads the month, 2023.07.22, and leaves out a .post1).
    "outdated-certificates/posix.sh:fix-requests-certifi": P(
        "requests-stale-certifi", clone_venv=True, default_index="index_valid",
        placeholders=(("certifi-version", lab_env.certifi_releases()["old"]),),
        verify_reject=rf"^{version_pattern(lab_env.certifi_releases()['old'])} "),
    "outdated-certificates/posix.sh:fix-uv-system-certs": P(
        "uv-bundled-roots", clone_venv=True, activated=True, success="section",
        success_text=f"+ lab-demo=={lab_servers.DEMO_VERSION}",
        verify_note="the page's verify checks pip, and here only uv fails; the proof is "
                    "the install uv does in the section"),
    # Poetry with the OS bundle for one command; its project is in HOME.
    "outdated-certificates/posix.sh:fix-poetry-os-bundle": P(
        "poetry-stale-certifi", success="section",
        success_text=f"Installing lab-demo ({lab_servers.DEMO_VERSION})",
        verify_note="the page's verify checks pip, and here only Poetry fails; the proof "
                    "is the install Poetry does in the section"),
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
    """The test id: the section's key, and in brackets what the lab did not do for real
    (shims, an undo it cannot prove, a verify that does not apply, not run at all)."""
    plan = FIX_PLANS.get(section.key)
    if plan is None and section.key in LINTED_NOT_RUN:
        return f"{section.key}[linted-not-run:{'+'.join(LINTED_NOT_RUN[section.key].reasons)}]"
    if plan is None:
        return section.key
    labels = [plan.label] if plan.label else []
    if plan.undo_check == "none" and companion(section, "undo") is not None:
        labels.append("undo-unproven")
    if plan.verify_note:
        labels.append("verify-not-run")
    return section.key + (f"[{'+'.join(labels)}]" if labels else "")


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
# Lab shim for date(1): `date -s TIME` (or --set) sets libfaketime's offset (the file in
# $FAKETIME_TIMESTAMP_FILE) instead of the real clock and prints the new time; any other
# use is the real date(1) with all its arguments (which sees libfaketime's clock).
set_to=""
utc=""
want_value=""
for arg in "$@"; do
    if [ -n "$want_value" ]; then set_to="$arg"; want_value=""; continue; fi
    case "$arg" in
        -s|--set) want_value=1 ;;
        --set=*) set_to="${arg#--set=}" ;;
        -u|--utc|--universal) utc="-u" ;;
    esac
done
if [ -n "$want_value" ]; then
    echo "lab date shim: $* : -s needs a time" >&2; exit 1
fi
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
    """What happened at each step (exit statuses and outputs by step name), and what the
    namespace run itself printed and how it ended (its set-up's errors, a time limit)."""

    case: str
    steps: list[str]
    status: dict[str, int | None]  # None: started, never finished
    outputs: dict[str, str]
    script: str
    run_status: int | str  # the run's exit status, or how it was stopped
    run_output: str

    def output(self, step: str) -> str:
        return self.outputs.get(step, "")

    def show(self, *steps: str) -> str:
        """The steps' statuses and outputs, then the run's own, for a failure message."""
        parts = []
        for step in steps:
            code = self.status.get(step, "not reached")
            parts.append(f"--- {step} (exit {'unfinished' if code is None else code}):\n"
                         f"{self.output(step)}")
        parts.append(f"--- the namespace run (exit {self.run_status}):\n{self.run_output}")
        return "\n".join(parts)


SCRIPT_HEAD = """\
#!/bin/bash
# Generated by scripts/lab_fixes.py for {case}
set -u
cd "$HOME"
lab_check() {{
    local target
    target=$(mktemp -d "$TMPDIR/target-XXXXXX")
    {check} >"$LAB_LOG/$1.out" 2>&1
    echo "$1 $?" >>"$LAB_LOG/status"
}}
lab_section() {{
    echo "$1 started" >>"$LAB_LOG/status"
    set -e
    . "$2" >"$LAB_LOG/$1.out" 2>&1
    set +e
    echo "$1 0" >>"$LAB_LOG/status"
}}
# A verify section (before the fix, after it, after the undo): in a subshell, so nothing
# it does stays and a failure is recorded rather than stopping the run, and one attempt
# per pip command (retries only make a failing probe slow).
lab_probe() {{
    (set -e; export PIP_RETRIES=0; . "$2") >"$LAB_LOG/$1.out" 2>&1
    echo "$1 $?" >>"$LAB_LOG/status"
}}
echo "setup 0" >>"$LAB_LOG/status"
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

    # A verify section's pip reaches the index a snippet names none of. When that is not
    # the failing one (the fix upgrades pip from PyPI's stand-in), it checks the index
    # that failed, as a reader's verify checks the PyPI that failed for them.
    verify_prefix = ""
    if plan.default_index and plan.default_index != scenario.index and "--index-url" in check:
        verify_prefix = f"export PIP_INDEX_URL={shlex.quote(endpoints[scenario.index])}\n"

    def section_step(step: str, section: Section, probe: bool = False,
                     prefix: str = "") -> None:
        path = workdir / f"{step}.sh"
        path.write_text(prefix + fill(section.text, values))
        steps.append(step)
        body.append(f"lab_{'probe' if probe else 'section'} {step} {shlex.quote(str(path))}")

    if plan.revert:
        insecure = next((s for s in page_sections(fix.page) if s.name == plan.revert), None)
        if insecure is None:
            raise LookupError(f"{fix.key}: no section {plan.revert} to take back")
        section_step("insecure", insecure)
        steps.append("after_insecure")
        body.append("lab_check after_insecure")
    verify = companion(fix, "verify") if not plan.verify_note else None
    if verify is not None:
        section_step("verify_before", verify, probe=True, prefix=verify_prefix)
    section_step("fix", fix)
    steps.append("after_fix")
    body.append("lab_check after_fix")
    if verify is not None:
        section_step("verify", verify, probe=True, prefix=verify_prefix)
    undo = companion(fix, "undo") if not plan.revert else None
    if undo is not None:
        section_step("undo", undo)
        if plan.undo_check == "pip":
            steps.append("after_undo")
            body.append("lab_check after_undo")
        elif plan.undo_check == "verify" and verify is not None:
            section_step("verify_after_undo", verify, probe=True, prefix=verify_prefix)
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
        try:
            done = lab_scenarios.run(command, env, timeout=FIX_TIMEOUT, cwd=workdir)
            run_status, run_output = done.returncode, done.output
        except lab_scenarios.RunTimedOut as stopped:
            run_status = f"none: stopped after {stopped.timeout:g} s"
            run_output = stopped.run.output
    status: dict[str, int | None] = {}
    log = workdir / "log"
    status_file = log / "status"
    for line in (status_file.read_text().splitlines() if status_file.exists() else []):
        step, code = line.split()
        status[step] = None if code == "started" else int(code)
    outputs = {s: (log / f"{s}.out").read_text(errors="replace")
               for s in steps if (log / f"{s}.out").exists()}
    shutil.rmtree(workdir / "ns", ignore_errors=True)
    return FixRun(case_id(fix), steps, status, outputs, script, run_status, run_output)


def verify_passed(plan: Plan, run: FixRun, step: str) -> bool:
    """Whether the verify section passed at ``step``: exit 0, and its output says what
    ``verify_expect``/``verify_reject`` say the fixed state shows."""
    output = run.output(step)
    return (run.status.get(step) == 0
            and (not plan.verify_expect or re.search(plan.verify_expect, output, re.M))
            and not (plan.verify_reject and re.search(plan.verify_reject, output, re.M)))


def failure(plan: Plan, run: FixRun) -> str | None:
    """Why this run does not prove its fix (the first broken step, shown), or None."""
    scenario = ALL_SCENARIOS_BY_ID[plan.scenario]
    status, show = run.status, run.show
    if "reader" in run.steps and status.get("reader") != 0:
        return f"the reader's starting state failed:\n{show('reader')}"
    if status.get("before") in (0, None) or scenario.expect not in run.output("before"):
        return f"pip did not fail with {scenario.expect!r} before the fix:\n{show('before')}"
    if plan.revert:
        if status.get("insecure") != 0 or status.get("after_insecure") != 0:
            return f"the insecure section did not make pip work:\n" + show(
                "insecure", "after_insecure")
    if "verify_before" in run.steps and (status.get("verify_before") is None
                                         or verify_passed(plan, run, "verify_before")):
        return ("the verify section passes before the fix too, so it proves nothing (say "
                "what tells the fixed state apart: Plan.verify_expect/verify_reject):\n"
                + show("verify_before"))
    if status.get("fix") != 0:
        return f"the fix section failed:\n{show('fix')}"
    if plan.revert:
        if status.get("after_fix") in (0, None) or scenario.expect not in run.output(
                "after_fix"):
            return f"the failure did not come back:\n{show('after_fix')}"
    elif plan.success == "section":
        if plan.success_text not in run.output("fix"):
            return f"the fix's output lacks {plan.success_text!r}:\n{show('fix')}"
    elif status.get("after_fix") != 0:
        return f"pip still fails after the fix:\n{show('fix', 'after_fix')}"
    if "verify" in run.steps and not verify_passed(plan, run, "verify"):
        return (f"the verify section failed (or lacks {plan.verify_expect!r}, or shows "
                f"{plan.verify_reject!r}):\n{show('verify')}")
    if "undo" in run.steps:
        if status.get("undo") != 0:
            return f"the undo section failed:\n{show('undo')}"
        if plan.undo_check == "pip" and (status.get("after_undo") in (0, None)
                                         or scenario.expect not in run.output("after_undo")):
            return f"the failure did not come back after undo:\n{show('undo', 'after_undo')}"
        if plan.undo_check == "verify" and (status.get("verify_after_undo") is None
                                            or verify_passed(plan, run, "verify_after_undo")):
            return ("the verify section still passes after undo: the undo did not undo "
                    f"the fix:\n{show('undo', 'verify_after_undo')}")
    if run.run_status != 0:
        return f"the run did not finish cleanly:\n{show(*run.steps)}"
    return None


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
