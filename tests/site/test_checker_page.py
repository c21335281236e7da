"""The checker page and what the build ships for the analyzer: script, wheel, lock, runtime."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from urllib.parse import urljoin, urlsplit

import pytest
from pyodide_lock import PyodideLockSpec
from wheel.wheelfile import WheelFile

import checker_wheel
from hooks.pyodide_assets import RUNTIME_FILES
from site_build import ROOT
from sitelint.markdown import SECTION_MARKER_RE
from sitelint.project import parse_sections

SNIPPET = ROOT / "snippets" / "pip_ssl_check.py"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
RUNTIME = set(RUNTIME_FILES)  # one list: the hook that publishes them
LANGS = ("zh", "en")


def _section(path, name: str) -> str:
    """The commands of one named section of a snippet file, parsed as the linter does."""
    lines = path.read_text(encoding="utf-8").splitlines()
    sections, problems = parse_sections(lines)
    assert not problems and name in sections, f"{path.name}: no clean section {name!r}"
    return "\n".join(lines[sections[name].start : sections[name].end - 1])


def _without_markers(path) -> str:
    """A snippet file as pymdownx shows it whole: the section marker lines left out."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not SECTION_MARKER_RE.match(line))


def _pyodide_dir(built_site):
    return built_site / "assets" / "pyodide"


def _wheel(built_site):
    wheels = sorted(_pyodide_dir(built_site).glob("pip_ssl_check-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_download_serves_the_snippet_byte_for_byte(built_site):
    assert (built_site / "pip_ssl_check.py").read_bytes() == SNIPPET.read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_download_link_points_at_the_served_script(built_site, built_pages, lang):
    page = built_pages[("checker.md", lang)]
    links = [a for a in page.article.find_all("a", href=True) if a["href"].endswith("pip_ssl_check.py")]
    assert links, "no download link"
    for a in links:
        path = urlsplit(urljoin(f"https://site.test/{page.url}", a["href"])).path
        assert path == "/pip_ssl_check.py"
        assert a.has_attr("download")


@pytest.mark.parametrize("lang", LANGS)
def test_page_embeds_the_whole_script_with_a_copy_button(built_pages, lang):
    article = built_pages[("checker.md", lang)].article
    shown = [c.get_text() for c in article.select("details .highlight code")]
    expected = _without_markers(SNIPPET)
    assert expected.rstrip("\n") in [s.rstrip("\n") for s in shown]


def test_pyodide_runtime_is_copied_once_for_both_languages(built_site):
    names = {p.name for p in _pyodide_dir(built_site).iterdir()}
    assert RUNTIME <= names
    assert names - RUNTIME == {"pyodide-lock.json", _wheel(built_site).name}
    for name in RUNTIME:
        assert (_pyodide_dir(built_site) / name).read_bytes() == (NPM_PYODIDE / name).read_bytes(), name
    assert not (built_site / "en" / "assets" / "pyodide").exists()


def test_site_lock_lists_only_the_checker_wheel_with_its_sha256(built_site):
    lock_path = _pyodide_dir(built_site) / "pyodide-lock.json"
    lock = PyodideLockSpec.from_json(lock_path)
    npm_info = json.loads((NPM_PYODIDE / "pyodide-lock.json").read_text())["info"]
    assert lock.info.to_dict() == PyodideLockSpec.from_dict({"info": npm_info, "packages": {}}).info.to_dict()
    assert list(lock.packages) == ["pip-ssl-check"]
    package = lock.packages["pip-ssl-check"]
    wheel = _wheel(built_site)
    assert package.file_name == wheel.name
    assert package.sha256 == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert package.imports == ["pip_ssl_check"]
    assert package.depends == []
    lock.check_wheel_filenames()


def test_wheel_holds_the_checker_and_a_valid_record(built_site):
    with WheelFile(_wheel(built_site)) as wheel:  # checks every file against RECORD
        assert wheel.read("pip_ssl_check.py") == SNIPPET.read_bytes()
        dist_info = wheel.dist_info_path
        metadata = wheel.read(f"{dist_info}/METADATA").decode()
        assert "Name: pip-ssl-check\n" in metadata
        assert f"Version: {checker_wheel.wheel_version(SNIPPET.read_bytes())}\n" in metadata
        assert "Root-Is-Purelib: true" in wheel.read(f"{dist_info}/WHEEL").decode()


def test_wheel_build_is_reproducible_and_versioned_by_content(tmp_path):
    first = checker_wheel.build_wheel(tmp_path / "a")
    second = checker_wheel.build_wheel(tmp_path / "b")
    assert first.name == second.name and first.read_bytes() == second.read_bytes()
    changed = tmp_path / "pip_ssl_check.py"
    changed.write_bytes(SNIPPET.read_bytes() + b"\n# changed\n")
    assert checker_wheel.build_wheel(tmp_path / "c", source=changed).name != first.name


def test_wheel_installs_into_a_plain_python(tmp_path):
    """The wheel is a normal wheel: pip (offline, no index) installs it and it imports."""
    wheel = checker_wheel.build_wheel(tmp_path / "dist")
    env = {"PATH": os.environ.get("PATH", ""), "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1",
           "PYTHONNOUSERSITE": "1", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--target",
                    str(tmp_path / "target"), str(wheel)], check=True, env=env, capture_output=True)
    out = subprocess.run([sys.executable, "-I", "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                          "import pip_ssl_check; print(pip_ssl_check.__file__)", str(tmp_path / "target")],
                         check=True, env=env, capture_output=True, text=True).stdout
    assert out.strip().startswith(str(tmp_path / "target"))


@pytest.mark.parametrize("lang", LANGS)
def test_widget_names_the_lock_by_its_content_hash(built_site, built_pages, lang):
    widget = built_pages[("checker.md", lang)].article.select_one("#analyzer")
    lock = (_pyodide_dir(built_site) / "pyodide-lock.json").read_bytes()
    assert widget["data-pyodide-lock"] == f"pyodide-lock.json?v={hashlib.sha256(lock).hexdigest()[:12]}"


@pytest.mark.parametrize("lang", LANGS)
def test_page_loads_no_pyodide_until_asked(built_pages, lang):
    soup = built_pages[("checker.md", lang)].soup
    refs = [t.get("src") or t.get("href") or "" for t in soup.find_all(["script", "link"])]
    assert not [r for r in refs if "pyodide" in r]
    widget = soup.select_one("#analyzer")
    assert widget.has_attr("hidden"), "without JavaScript the analyzer must stay hidden"
    assert soup.select_one("#analyzer-input").name == "textarea"
    assert soup.select_one("#analyzer-result") is not None
    fallback = soup.select_one(".analyzer-fallback a[href='#run-locally']")
    assert fallback is not None and soup.find(id="run-locally") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_only_the_checker_page_may_compile_webassembly(built_pages, lang):
    def policy(source):
        meta = built_pages[(source, lang)].soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        return meta["content"] if meta else ""

    assert "'wasm-unsafe-eval'" in policy("checker.md")
    assert "'wasm-unsafe-eval'" not in policy("tree.md")


def _scrubbed_env(home):
    keep = {k: os.environ[k] for k in ("PATH", "SYSTEMROOT") if k in os.environ}
    return {**keep, "HOME": str(home), "PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1", "LANG": "C.UTF-8"}


def test_documented_offline_probe_command_runs_the_downloaded_script(tmp_path):
    """The page's macOS/Linux command, run as shown in a folder holding the download."""
    if shutil.which("python3") is None:
        pytest.fail("python3 is not on PATH; the documented command needs it")
    shutil.copy(SNIPPET, tmp_path / "pip_ssl_check.py")
    command = _section(ROOT / "snippets" / "checker" / "posix.sh", "probe-offline")
    run = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=_scrubbed_env(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode in (0, 1), run.stderr
    assert "pip_ssl_check" in run.stdout


def test_documented_explain_command_reads_error_txt_and_links_the_fix(tmp_path):
    shutil.copy(SNIPPET, tmp_path / "pip_ssl_check.py")
    (tmp_path / "error.txt").write_text(
        "pip._vendor.urllib3.exceptions.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] "
        "certificate verify failed: certificate has expired (_ssl.c:1006)\n"
    )
    command = _section(ROOT / "snippets" / "checker" / "posix.sh", "explain-file")
    run = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=_scrubbed_env(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr  # 1: a known error was found
    assert "cert-expired" in run.stdout or "fix/server-certificate/" in run.stdout


def test_checker_wheel_cli_writes_the_wheel(tmp_path):
    assert checker_wheel.main([str(tmp_path)]) == 0
    assert zipfile.is_zipfile(next(tmp_path.glob("*.whl")))
    assert checker_wheel.main([]) == 2
