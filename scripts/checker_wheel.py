"""Package ``snippets/pip_ssl_check.py`` as a pure-Python wheel for Pyodide.

The in-browser analyzer runs the very same file as the command line, so the site
ships it as a wheel that Pyodide installs from a site-local lock file. ``pyodide
build`` cannot make it here: it downloads a cross-build environment first and fails
offline, and a one-module pure-Python wheel needs no build backend anyway. The
wheel is written with ``wheel.wheelfile.WheelFile`` (the PyPA ``wheel`` project),
which computes RECORD's hashes and sizes; this module only supplies the metadata.

The wheel is reproducible: every entry carries the same fixed timestamp, so the
same source always gives the same bytes (and the same sha256 in the lock file).
The version is the module's ``__version__`` plus a local label made from the
source's hash (``1.0+3f2a9c01d4``), so a changed checker gets a new file name and
no browser cache can serve the old one.

    python scripts/checker_wheel.py OUT_DIR    writes the wheel, prints its path
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipInfo

from wheel.wheelfile import WheelFile

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "snippets" / "pip_ssl_check.py"
DIST_NAME = "pip_ssl_check"  # the normalized project name, as in the file name
MODULE = "pip_ssl_check.py"
VERSION_RE = re.compile(r"""^__version__\s*=\s*["']([^"']+)["']""", re.M)
# 1980-01-01, the earliest time a zip entry can carry; the same for every entry.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_EPOCH = "315532800"


def wheel_version(source: bytes) -> str:
    """``<__version__>+<first 10 hex digits of the source's sha256>``."""
    match = VERSION_RE.search(source.decode("utf-8"))
    if not match:
        raise ValueError(f"{SOURCE.name}: no __version__ = '...' line to version the wheel by")
    return f"{match.group(1)}+{hashlib.sha256(source).hexdigest()[:10]}"


def wheel_name(version: str) -> str:
    return f"{DIST_NAME}-{version}-py3-none-any.whl"


def metadata(version: str) -> str:
    return (
        "Metadata-Version: 2.1\n"
        "Name: pip-ssl-check\n"
        f"Version: {version}\n"
        "Summary: Find out why pip says CERTIFICATE_VERIFY_FAILED, and link the fix.\n"
        "Requires-Python: >=3.6\n"
    )


def wheel_info() -> str:
    return (
        "Wheel-Version: 1.0\n"
        "Generator: fix-pip-ssl scripts/checker_wheel.py\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )


@contextmanager
def _fixed_record_time():
    """WheelFile stamps RECORD with SOURCE_DATE_EPOCH or the current time."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _entry(name: str) -> ZipInfo:
    info = ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def build_wheel(out_dir: str | os.PathLike, source: Path = SOURCE) -> Path:
    """Write the wheel of ``source`` into ``out_dir`` and return its path."""
    code = Path(source).read_bytes()
    version = wheel_version(code)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / wheel_name(version)
    dist_info = f"{DIST_NAME}-{version}.dist-info"
    with _fixed_record_time(), WheelFile(path, "w") as wheel:
        wheel.writestr(_entry(MODULE), code)
        wheel.writestr(_entry(f"{dist_info}/METADATA"), metadata(version))
        wheel.writestr(_entry(f"{dist_info}/WHEEL"), wheel_info())
        wheel.writestr(_entry(f"{dist_info}/top_level.txt"), "pip_ssl_check\n")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    print(build_wheel(args[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
