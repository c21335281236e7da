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
section without a plan is a failure that names it: nobody adds an unproven fix silently.
"""

from __future__ import annotations

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
    (the fix replaces the interpreter and installs the package itself: its output must
    say so). ``revert``: the fix takes back this ``insecure-*`` section, so the run is
    failure → insecure (works) → fix (failure back). ``shims``: commands replaced by lab
    stand-ins (named in the test id). ``default_index``: the index pip uses when a
    snippet names none (PIP_INDEX_URL), a Lab.values key; default: the scenario's.
    """

    scenario: str
    venv: str | None = None
    clone_venv: bool = False
    success: str = "pip"
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
}

# Sections the lab cannot run on this machine, and why (they still fail: see the report).
CANNOT_RUN_HERE = {
    "corporate-proxy/linux.sh:fix-store-fedora": "Fedora/RHEL tooling (update-ca-trust)",
    "corporate-proxy/linux.sh:fix-store-config-fedora": "Fedora/RHEL tooling (update-ca-trust)",
    "outdated-certificates/linux.sh:fix-ca-certificates-debian":
        "needs an apt repository with a newer ca-certificates than the machine has",
    "outdated-certificates/linux.sh:fix-ca-certificates-fedora": "Fedora/RHEL (dnf)",
    "outdated-certificates/linux.sh:fix-ca-certificates-alpine": "Alpine (apk)",
    "outdated-certificates/linux.sh:fix-ca-certificates-arch": "Arch Linux (pacman)",
}


def case_id(section: Section) -> str:
    plan = FIX_PLANS.get(section.key)
    return section.key + (f"[{plan.label}]" if plan and plan.label else "")


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

SHIMS = {"timedatectl": TIMEDATECTL_SHIM, "date": DATE_SHIM, "hwclock": HWCLOCK_SHIM}


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
# The machine: the OS store holds the lab's public roots, like any up-to-date OS.
cp {r1} /usr/local/share/ca-certificates/lab-public-root.crt
cp {r2} /usr/local/share/ca-certificates/lab-public-root-r2.crt
update-ca-certificates >/dev/null 2>&1
echo "setup 0 $(date +%s.%N)" >>"$LAB_LOG/status"
"""


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


def build_case(lab: Lab, fix: Section, plan: Plan, workdir: Path) -> tuple[list[str], dict,
                                                                           list[str], str]:
    """The namespace command, its environment, the step names and the script text."""
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
        PIP_INDEX_URL=endpoints[plan.default_index or scenario.index],
    )
    check_cmd = lab_scenarios.scenario_command(view, scenario, workdir / "unused")
    if "--target" in check_cmd:
        check_cmd[check_cmd.index("--target") + 1] = "__TARGET__"
    machine_setup = ""
    if plan.index_from != "arg":
        at = check_cmd.index("--index-url")
        url = check_cmd[at + 1]
        del check_cmd[at:at + 2]
        del env["PIP_INDEX_URL"]
        setting = f"[global]\nindex-url = {url}\n"
        if plan.index_from == "user":
            config = home / ".config" / "pip" / "pip.conf"
            config.parent.mkdir(parents=True, exist_ok=True)
            config.write_text(setting)
        else:  # the machine's /etc/pip.conf, inside the namespace
            machine_setup += f"printf %s {shlex.quote(setting)} > /etc/pip.conf\n"
    # The lab's mirror has a name; this machine's /etc/hosts knows it (namespace only).
    machine_setup += f"echo '{lab_servers.HOST} {lab_pki.MIRROR_HOST}' >> /etc/hosts\n"
    check = shlex.join(check_cmd).replace("__TARGET__", '"$target"')

    values = placeholder_values(view, scenario, plan, venv)
    steps: list[str] = ["before"]
    body: list[str] = ["lab_check before"]

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
    script = SCRIPT_HEAD.format(case=case_id(fix), check=check,
                                r1=shlex.quote(lab.values["public_root"]),
                                r2=shlex.quote(lab.values["public_root_r2"]))
    script += machine_setup + "\n".join(body) + "\n"
    script_path = workdir / "run.sh"
    script_path.write_text(script)
    command = lab_ns.namespace_command(["/bin/bash", str(script_path)], workdir / "ns")
    return command, env, steps, script


class _LabView:
    """A Lab with one venv swapped (a private clone) or endpoints renamed, for one fix."""

    def __init__(self, values: dict[str, str], venvs: dict[str, Path]):
        self.values, self.venvs = values, venvs


def run_fix(lab: Lab, fix: Section, plan: Plan, workdir: Path) -> FixRun:
    command, env, steps, script = build_case(lab, fix, plan, workdir)
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


def run_all(lab: Lab, workdir: Path, workers: int = 3) -> dict[str, FixRun | BaseException]:
    """Every planned fix, a few at a time (most of a run is waiting on pip and proxies).

    A fix that cannot even be set up is returned as its exception, so one broken plan
    fails one test, not the session.
    """
    import concurrent.futures

    cases = [s for s in discover_fix_sections() if s.key in FIX_PLANS]
    results: dict[str, FixRun | BaseException] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {
            s.key: pool.submit(run_fix, lab, s, FIX_PLANS[s.key],
                               workdir / re.sub(r"[^A-Za-z0-9_.-]", "_", s.key))
            for s in cases}
        for key, future in futures.items():
            try:
                results[key] = future.result()
            except Exception as error:  # reported by the test of that section
                results[key] = error
    return results
