"""Self-hosted Pyodide and the checker wheel for the in-browser analyzer (/checker/).

Readers sit behind the very networks that break TLS, so nothing may come from a
CDN. This hook puts into the built site, once for both languages (the i18n plugin
builds each language in turn; the analyzer in either uses the root-level assets):

``assets/pyodide/``
    the runtime from the pinned npm package (``node_modules/pyodide``): only
    ``pyodide.mjs``, ``pyodide.asm.mjs``, ``pyodide.asm.wasm`` and
    ``python_stdlib.zip``; plus the checker as a wheel and a site-local
    ``pyodide-lock.json`` that lists just that wheel (written with pyodide-lock's
    types). Pyodide checks the wheel's sha256 from the lock before installing it.
``pip_ssl_check.py``
    the checker itself as a download, the same bytes as ``snippets/pip_ssl_check.py``
    (added as a generated file, so MkDocs validates links to it in both languages).

The analyzer page marks its widget with ``data-pyodide-lock=""``; the hook fills in
the lock's file name with a content hash query, so a browser never pairs a cached
lock with a new wheel.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
ASSET_DIR = "assets/pyodide"
LOCK_NAME = "pyodide-lock.json"
DOWNLOAD_NAME = "pip_ssl_check.py"
LOCK_PLACEHOLDER = 'data-pyodide-lock=""'


@dataclass(frozen=True)
class CheckerBundle:
    """The wheel and lock built from one version of the checker source."""

    source_sha256: str
    wheel: Path
    lock: bytes

    @property
    def lock_ref(self) -> str:
        """The lock's file name with a content hash query, as the page references it."""
        return f"{LOCK_NAME}?v={hashlib.sha256(self.lock).hexdigest()[:12]}"


_bundle: CheckerBundle | None = None
_workdir: Path | None = None


def _tools():
    """checker_wheel (needs the ``wheel`` package) and pyodide-lock, or a clear error."""
    try:
        import checker_wheel
        import pyodide_lock  # noqa: F401 - only to fail here, with the message below
    except ImportError as error:
        raise PluginError(
            f"pyodide_assets: {error}; the analyzer's wheel and lock need the `wheel` and "
            "`pyodide-lock` packages: `make build` (or `pip install -r requirements/docs.txt`)"
        ) from error
    return checker_wheel


def checker_source(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / "snippets" / DOWNLOAD_NAME


def pyodide_package(config: MkDocsConfig) -> Path:
    """``node_modules/pyodide`` next to mkdocs.yml, or a build failure saying what to run."""
    package = Path(config.config_file_path).parent / "node_modules" / "pyodide"
    missing = [name for name in (*RUNTIME_FILES, LOCK_NAME, "package.json") if not (package / name).is_file()]
    if missing:
        raise PluginError(
            f"pyodide_assets: {package} lacks {', '.join(missing)}; run `make build` "
            "(or `npm ci --omit=dev`) to install the pinned Pyodide runtime"
        )
    return package


def site_lock(npm_lock: Path, wheel: Path, version: str) -> bytes:
    """A lock file with the runtime's ``info`` and only the checker wheel in it.

    None of the optional packages of Pyodide's own lock ship in the npm tarball, so
    listing them would only invite requests that 404. The entry is what
    ``pyodide lockfile add-wheels`` writes for a dependency-free pure-Python wheel;
    it is built with pyodide-lock's own types and checks (``add_wheels_to_spec``
    itself needs ``pkginfo`` just to read a name and version we already know).
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.spec import PackageSpec
    from pyodide_lock.utils import _check_wheel_compatible, _generate_package_hash

    full = json.loads(npm_lock.read_text(encoding="utf-8"))
    spec = PyodideLockSpec.from_dict({"info": full["info"], "packages": {}})
    _check_wheel_compatible(wheel, spec.info)
    spec.packages["pip-ssl-check"] = PackageSpec(
        name="pip-ssl-check",
        version=version,
        file_name=wheel.name,
        install_dir="site",
        sha256=_generate_package_hash(wheel),
        package_type="package",
        imports=["pip_ssl_check"],
        depends=[],
    )
    spec.check_wheel_filenames()
    return (json.dumps(spec.to_dict(), indent=1, sort_keys=True) + "\n").encode("utf-8")


def checker_bundle(config: MkDocsConfig) -> CheckerBundle:
    """Build (once per checker version) the wheel and the site-local lock."""
    global _bundle, _workdir
    checker_wheel = _tools()
    source = checker_source(config).read_bytes()
    digest = hashlib.sha256(source).hexdigest()
    if _bundle is not None and _bundle.source_sha256 == digest:
        return _bundle
    if _workdir is None:
        _workdir = Path(tempfile.mkdtemp(prefix="pyodide-assets-"))
    out = _workdir / digest[:16]
    wheel = checker_wheel.build_wheel(out, source=checker_source(config))
    lock = site_lock(pyodide_package(config) / LOCK_NAME, wheel, checker_wheel.wheel_version(source))
    _bundle = CheckerBundle(digest, wheel, lock)
    return _bundle


def _copy_if_changed(src: Path, dest: Path) -> None:
    if dest.exists() and dest.stat().st_size == src.stat().st_size and dest.stat().st_mtime >= src.stat().st_mtime:
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)


def is_default_language_build(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return True
    return getattr(i18n, "current_language", None) in (None, getattr(i18n, "default_language", None))


# --- MkDocs events ------------------------------------------------------------------


def on_pre_build(config: MkDocsConfig) -> None:
    pyodide_package(config)
    checker_bundle(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(
        File.generated(config, DOWNLOAD_NAME, abs_src_path=str(checker_source(config)))
    )
    return files


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if LOCK_PLACEHOLDER not in html:
        if 'id="analyzer-input"' in html:
            raise PluginError(
                f"pyodide_assets: {page.file.src_uri} has the analyzer but no {LOCK_PLACEHOLDER} "
                "on its widget; the analyzer would not know which lock file to load"
            )
        return html
    ref = checker_bundle(config).lock_ref
    return html.replace(LOCK_PLACEHOLDER, f'data-pyodide-lock="{ref}"')


def on_post_build(config: MkDocsConfig) -> None:
    if not is_default_language_build(config):
        return
    package = pyodide_package(config)
    target = Path(config.site_dir) / ASSET_DIR
    for name in RUNTIME_FILES:
        _copy_if_changed(package / name, target / name)
    bundle = checker_bundle(config)
    for stale in target.glob("pip_ssl_check-*.whl"):
        if stale.name != bundle.wheel.name:
            stale.unlink()
    _copy_if_changed(bundle.wheel, target / bundle.wheel.name)
    (target / LOCK_NAME).write_bytes(bundle.lock)


def on_shutdown() -> None:
    """The wheel is in the site by now: remove the directory it was built in."""
    global _bundle, _workdir
    if _workdir is not None:
        shutil.rmtree(_workdir, ignore_errors=True)
    _bundle = None
    _workdir = None
