"""The real site: it lints clean, and every kind of seeded defect fails both `make lint` and the build.

The mutation tests copy the repository's docs/, snippets/, overrides/,
scripts/ and mkdocs.yml to a temp dir, seed one defect, and assert that the
CLI reports it at the right place and that a real build of the copy fails with
the same line. They assert the seeded finding, not silence elsewhere, so they
hold while pages are still being written.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from mkdocs.exceptions import Abort

from sitelint.cli import main
from site_build import ROOT, build_site

COPIED = ("docs", "snippets", "overrides", "scripts", "mkdocs.yml")


def copy_repo(dest: Path) -> Path:
    dest.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, dest / name)
    if (ROOT / "node_modules").is_dir():
        os.symlink(ROOT / "node_modules", dest / "node_modules")
    return dest


def append(root: Path, rel: str, text: str, marker: str | None = None) -> int:
    """Append ``text`` to ``rel``; the line of ``marker`` (or of the text's first line)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    if before and not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text, encoding="utf-8")
    lines = (before + text).split("\n")
    start = before.count("\n")
    needle = marker or text.strip().split("\n")[0]
    exact = [i for i, line in enumerate(lines[start:], start + 1) if line.strip() == needle]
    return exact[0] if exact else next(i for i, line in enumerate(lines[start:], start + 1) if needle in line)


@dataclass(frozen=True)
class Seed:
    code: str
    seed: Callable[[Path], tuple[str, int]]  # returns (path, line) of the expected finding


def _page_link(target):
    return lambda root: ("docs/index.md", append(root, "docs/index.md", f"\nSee [this]({target}).\n"))


def _snippet(rel, text, marker):
    return lambda root: (f"snippets/{rel}", append(root, f"snippets/{rel}", text, marker))


def _site_url(root):
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("https://fix-pip-ssl.github.io/", "https://elsewhere.example.org/"))
    checker = (root / "snippets/pip_ssl_check.py").read_text().split("\n")
    return "snippets/pip_ssl_check.py", next(i for i, line in enumerate(checker, 1) if line.startswith("SITE_URL"))


def _missing_include(root):
    return "docs/index.md", append(root, "docs/index.md", '\n```bash\n--8<-- "no/such-file.sh:fix-x"\n```\n', "no/such-file.sh")


def _insecure_outside_danger(root):
    append(root, "snippets/mutation/insecure.sh", "# --8<-- [start:insecure-x]\npython3 -m pip install --trusted-host pypi.org requests\n# --8<-- [end:insecure-x]\n")
    return "docs/index.md", append(root, "docs/index.md", '\n```bash\n--8<-- "mutation/insecure.sh:insecure-x"\n```\n', "```bash")


def _extra_heading(root):
    append(root, "docs/reference.md", "\n## Only in Chinese { #only-in-chinese }\n")
    return "docs/reference.en.md", None


SEEDS = [
    Seed("LNK001", _page_link("no-such-page.md")),
    Seed("LNK002", _page_link("symptoms.md#no-such-anchor")),
    Seed("LNK007", _page_link("http://insecure.example.org/")),
    Seed("LNK008", _page_link("https://unlisted.example.org/")),
    Seed("LNK006", _site_url),
    Seed("PAR002", _extra_heading),
    Seed("IDS001", lambda root: ("docs/index.md", append(root, "docs/index.md", "\n## A heading without an id\n"))),
    Seed("SNP001", _missing_include),
    Seed("SNP010", _snippet("mutation/broken.sh", "# --8<-- [start:fix-x]\necho start\nfi\n# --8<-- [end:fix-x]\n", "fi")),
    Seed("SNP011", _snippet("mutation/unquoted.sh", "# --8<-- [start:fix-x]\necho $HOME/x\n# --8<-- [end:fix-x]\n", "echo $HOME")),
    Seed("SNP012", _snippet("mutation/new.py", 'NAME = "x"\nprint(f"{NAME=}")\n', "print(")),
    Seed("SNP013", _snippet("mutation/pip.conf", "[global]\ncerts = /tmp/ca.pem\n", "certs")),
    Seed("PLH001", _snippet("mutation/ph.sh", 'echo "<not-registered-anywhere>"\n', "echo")),
    Seed("PLH002", _snippet("mutation/path.sh", "python3 -m pip config set global.cert path/to/ca-bundle.crt\n", "path/to")),
    Seed("SAF001", _snippet("mutation/th.sh", "# --8<-- [start:fix-x]\npython3 -m pip install --trusted-host pypi.org requests\n# --8<-- [end:fix-x]\n", "--trusted-host")),
    Seed("SAF002", _insecure_outside_danger),
]


def cli_lines(root: Path, capsys) -> tuple[int, list[str]]:
    status = main(["--root", str(root)])
    return status, capsys.readouterr().out.splitlines()


def matching(lines, path, line, code):
    prefix = f"{path}:{line}: {code}: " if line else f"{path}:"
    return [entry for entry in lines if entry.startswith(prefix) and f": {code}: " in entry]


def test_real_site_lints_clean(capsys):
    status, lines = cli_lines(ROOT, capsys)
    assert lines == [], f"{len(lines)} finding(s) on the real site:\n" + "\n".join(lines)
    assert status == 0


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.code)
def test_seeded_defect_fails_lint_and_build(seed, tmp_path, capsys, caplog):
    root = copy_repo(tmp_path / "repo")
    _, before = cli_lines(root, capsys)
    path, line = seed.seed(root)
    status, lines = cli_lines(root, capsys)
    found = [entry for entry in matching(lines, path, line, seed.code) if entry not in before]
    assert status == 1
    assert found, f"no new {path}:{line}: {seed.code} finding; got:\n" + "\n".join(lines)

    caplog.clear()
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path / "out", config_file=root / "mkdocs.yml")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert found[0] in logged
