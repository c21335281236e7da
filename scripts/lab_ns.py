"""Run a command in a private mount namespace whose system directories are copy-on-write.

Why: documented fixes write system paths (``sudo cp … /usr/local/share/ca-certificates/``,
``sudo update-ca-certificates``, ``/etc/pip.conf``) and pip reads the machine's global
config files (this machine's ``/etc/pip.conf`` sets ``cert``). Inside the namespace
``/etc`` and the CA certificate directories are overlay mounts over a temporary upper
directory, so the snippet runs verbatim and writes where it says, while the machine's
real files never change; the machine's global pip config files are removed in the
overlay, as on a clean machine. A ``sudo`` shim on PATH just runs its arguments (the lab
runs as root, as the namespace needs). The lab's shared venvs (``.venv-lab``) are
read-only inside: a fix that would install into one fails there, by name, instead of
changing what every later run starts from (a fix that changes its venv uses a clone).
``machine_fingerprint`` is how the tests prove the real files stayed as they were.

``prepare_machine`` runs a set-up once and keeps what it wrote as a layer of its own;
namespaces given that ``base`` start from it (an overlay with two lower layers), so a
set-up every fix run needs (the lab's roots in the OS store) costs one run, not one each.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import lab_env

OVERLAID = ("/etc", "/usr/local/share/ca-certificates", "/usr/share/ca-certificates")
# The machine's global pip configuration, absent inside the namespace.
GLOBAL_PIP_CONFIG = ("/etc/pip.conf", "/etc/xdg/pip")
# What the namespaced runs write (or would, without the overlays): the real machine's
# copies must be the same before the lab starts and after it stops.
WATCHED = ("/etc/hosts", "/etc/gai.conf", "/etc/resolv.conf", "/etc/ssl/certs",
           "/usr/share/ca-certificates", "/usr/local/share/ca-certificates",
           "/etc/ca-certificates.conf", "/etc/pip.conf", "/etc/xdg/pip")

SETUP_SCRIPT = """\
#!/bin/sh
# Mount namespace set-up (scripts/lab_ns.py): overlays, then the command.
set -eu
work="$1"; shift
base=""
if [ "${{1:-}}" = "--base" ]; then base="$2"; shift 2; fi
while [ "${{1:-}}" = "--readonly" ]; do
    mount --bind "$2" "$2"
    mount -o remount,bind,ro "$2"
    shift 2
done
for dir in {overlaid}; do
    [ -d "$dir" ] || continue
    name=$(printf %s "$dir" | tr / _)
    lower="$dir"
    if [ -n "$base" ] && [ -d "$base/upper$name" ]; then lower="$base/upper$name:$dir"; fi
    upper="$work/upper$name"; scratch="$work/work$name"
    mkdir -p "$upper" "$scratch"
    mount -t overlay overlay -o "lowerdir=$lower,upperdir=$upper,workdir=$scratch" "$dir"
done
rm -rf {global_pip_config}
exec "$@"
"""

SUDO_SHIM = """\
#!/bin/sh
# The lab's sudo: we are root in a private mount namespace already (scripts/lab_ns.py).
while [ $# -gt 0 ]; do
    case "$1" in
        -E|-H|-n|-S|--preserve-env|--preserve-env=*) shift ;;
        -u) shift 2 ;;
        --) shift; break ;;
        -*) echo "lab sudo shim: unsupported option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
exec "$@"
"""


def write_sudo_shim(bin_dir: Path) -> Path:
    bin_dir.mkdir(parents=True, exist_ok=True)
    shim = bin_dir / "sudo"
    shim.write_text(SUDO_SHIM)
    shim.chmod(0o755)
    return shim


def namespace_command(command: list[str], workdir: Path, base: Path | None = None) -> list[str]:
    """``command`` wrapped to run in a fresh private mount namespace (see module doc),
    on top of the layer ``prepare_machine`` made in ``base`` if given, with the lab's
    shared venvs read-only."""
    unshare = shutil.which("unshare", path=lab_env.SYSTEM_PATH)
    if not unshare:
        raise lab_env.LabSetupError("the lab needs `unshare` (Debian: util-linux)")
    workdir.mkdir(parents=True, exist_ok=True)
    script = workdir / "ns-setup.sh"
    script.write_text(SETUP_SCRIPT.format(overlaid=" ".join(OVERLAID),
                                          global_pip_config=" ".join(GLOBAL_PIP_CONFIG)))
    upper = workdir / "overlay"
    upper.mkdir(exist_ok=True)
    layer = ["--base", str(base)] if base else []
    readonly = ["--readonly", str(lab_env.LAB_DIR)] if lab_env.LAB_DIR.is_dir() else []
    return [unshare, "--mount", "--propagation", "private", "/bin/sh", str(script), str(upper),
            *layer, *readonly, *command]


def prepare_machine(script: str, base: Path) -> Path:
    """Run the shell ``script`` once in a namespace; what it writes becomes layer ``base``."""
    base.mkdir(parents=True, exist_ok=True)
    (base / "prepare.sh").write_text(script)
    command = namespace_command(["/bin/sh", "-eu", str(base / "prepare.sh")], base / "ns")
    result = subprocess.run(command, capture_output=True, text=True, env=lab_env.minimal_env())
    if result.returncode != 0:
        raise lab_env.LabSetupError(
            f"preparing the fix runs' machine failed:\n{result.stdout}{result.stderr}")
    return base / "ns" / "overlay"


def check_namespaces_work(workdir: Path) -> None:
    """Fail early, saying why, when this machine cannot give the lab its namespaces:
    a write to /etc must stay inside, the global pip config must be gone, and the
    shared venvs must be read-only there."""
    probe = workdir / "ns-probe"
    check = ("touch /etc/lab-ns-probe && test ! -e /etc/pip.conf "
             f"&& ! touch {lab_env.LAB_DIR}/lab-ns-probe 2>/dev/null")
    try:
        command = namespace_command(["/bin/sh", "-c", check], probe)
    except lab_env.LabSetupError as error:
        raise lab_env.LabSetupError(f"{error}; the lab runs system-wide fixes in a private "
                                    "mount namespace") from error
    result = subprocess.run(command, capture_output=True, text=True, env=lab_env.minimal_env())
    leaked = [path for path in (Path("/etc/lab-ns-probe"), lab_env.LAB_DIR / "lab-ns-probe")
              if path.exists()]
    for path in leaked:
        path.unlink()  # undo the write that escaped
    if result.returncode != 0 or leaked:
        raise lab_env.LabSetupError(
            "the lab runs system-wide fixes in a private mount namespace with overlay mounts "
            "(`unshare --mount` as root); this machine refused: "
            f"{result.stderr.strip() or 'writes leaked: ' + ', '.join(map(str, leaked))}")


def machine_fingerprint() -> dict[str, str]:
    """``{path: digest}`` of every WATCHED path: file contents, symlink targets (and what
    they point to), directory trees entry by entry; "absent" when missing."""
    prints = {}
    for name in WATCHED:
        path = Path(name)
        digest = hashlib.sha256()
        if not os.path.lexists(path):
            prints[name] = "absent"
            continue
        entries = [path, *sorted(path.rglob("*"))] if path.is_dir() else [path]
        for entry in entries:
            digest.update(str(entry).encode() + b"\0")
            if entry.is_symlink():
                digest.update(b"-> " + os.readlink(entry).encode())
            if entry.is_file():
                digest.update(entry.read_bytes())
        prints[name] = digest.hexdigest()
    return prints


def changed_paths(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in before.keys() | after.keys()
                  if before.get(name) != after.get(name))
