"""Run a command in a private mount namespace whose system directories are copy-on-write.

Why: documented fixes write system paths (``sudo cp … /usr/local/share/ca-certificates/``,
``sudo update-ca-certificates``, ``/etc/pip.conf``) and pip reads the machine's global
config files (this machine's ``/etc/pip.conf`` sets ``cert``). Inside the namespace
``/etc`` and the CA certificate directories are overlay mounts over a temporary upper
directory, so the snippet runs verbatim and writes where it says, while the machine's
real files never change; the machine's global pip config files are removed in the
overlay, as on a clean machine. A ``sudo`` shim on PATH just runs its arguments (the lab
runs as root, as the namespace needs).

``prepare_machine`` runs a set-up once and keeps what it wrote as a layer of its own;
namespaces given that ``base`` start from it (an overlay with two lower layers), so a
set-up every fix run needs (the lab's roots in the OS store) costs one run, not one each.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lab_env

OVERLAID = ("/etc", "/usr/local/share/ca-certificates", "/usr/share/ca-certificates")
# The machine's global pip configuration, absent inside the namespace.
GLOBAL_PIP_CONFIG = ("/etc/pip.conf", "/etc/xdg/pip")

SETUP_SCRIPT = """\
#!/bin/sh
# Mount namespace set-up (scripts/lab_ns.py): overlays, then the command.
set -eu
work="$1"; shift
base=""
if [ "${{1:-}}" = "--base" ]; then base="$2"; shift 2; fi
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
    on top of the layer ``prepare_machine`` made in ``base`` if given."""
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
    return [unshare, "--mount", "--propagation", "private", "/bin/sh", str(script), str(upper),
            *layer, *command]


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
    """Fail with an explanation when this machine cannot give the lab its namespaces."""
    probe = workdir / "ns-probe"
    command = namespace_command(
        ["/bin/sh", "-c", "touch /etc/lab-ns-probe && test ! -e /etc/pip.conf"], probe)
    result = subprocess.run(command, capture_output=True, text=True, env=lab_env.minimal_env())
    leaked = Path("/etc/lab-ns-probe").exists()
    if leaked:
        Path("/etc/lab-ns-probe").unlink()  # undo the one write that escaped
    if result.returncode != 0 or leaked:
        raise lab_env.LabSetupError(
            "the lab runs system-wide fixes in a private mount namespace with overlay mounts "
            "(`unshare --mount` as root); this machine refused: "
            f"{result.stderr.strip() or 'a write leaked to the real /etc'}")
