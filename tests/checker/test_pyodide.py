"""explain() inside real Pyodide (npm pyodide under Node) answers exactly as it does on CPython."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pip_ssl_check as checker
import pytest
from checker_support import (
    CHECKER,
    HERE,
    ROOT,
    facts_symptom_fragments,
    real_examples,
    shared_or_copy,
)

PYODIDE = ROOT / "node_modules" / "pyodide"
PINNED = "314.0.7"


def _cases():
    cases = [{"text": e["text"], "lang": lang} for e in real_examples() for lang in ("en", "zh")]
    facts = facts_symptom_fragments(shared_or_copy("FACTS.md").read_text(encoding="utf-8"))
    cases += [{"text": f, "lang": "en"} for fragments in facts.values() for f in fragments]
    cases += [
        {"text": "", "lang": "en"},
        {"text": "\x1b[31m\x00\ufffd junk", "lang": "zh"},
        {"text": "x" * (checker.MAX_INPUT_CHARS + 10) + "\ncertificate has expired", "lang": "en"},
    ]
    return cases


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js 20+ (the analyzer test needs it)")
    package = PYODIDE / "package.json"
    if not package.exists():
        pytest.fail(f"{PYODIDE} is missing: run `make node-dev` (npm ci) first")
    version = json.loads(package.read_text())["version"]
    assert version == PINNED, f"node_modules has pyodide {version}, the site pins {PINNED}"
    cases = _cases()
    path = tmp_path_factory.mktemp("pyodide") / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    proc = subprocess.run(
        [node, str(HERE / "pyodide_explain.mjs"), str(PYODIDE), str(CHECKER), str(path)],
        capture_output=True,
        timeout=240,
        cwd=str(ROOT),
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")[-4000:]
    return cases, json.loads(proc.stdout)


def test_pyodide_runs_python_3_14_and_imports_the_checker_without_ssl_trouble(pyodide_run):
    _, out = pyodide_run
    assert out["python"].startswith("3.14.")
    assert out["site_url"] == checker.SITE_URL


def test_pyodide_reports_the_ssl_import_the_way_its_stdlib_decides(pyodide_run):
    """SSL_IMPORT_ERROR in Pyodide says what a plain ``import ssl`` does there.

    Whether ssl imports is decided by the pinned runtime: recent Pyodide ships ``ssl.py``
    and an ``_ssl.py`` stand-in in python_stdlib.zip; older ones left ssl out (an extra
    package to load). The checker must report that truthfully either way, and explain()
    must not depend on it.
    """
    _, out = pyodide_run
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as stdlib:
        names = set(stdlib.namelist())
    ships_ssl = "ssl.py" in names and ("_ssl.py" in names or any(n.startswith("_ssl.") for n in names))
    assert out["ssl_import"] == out["ssl_direct"]
    if ships_ssl:
        assert out["ssl_import"] is None, out["ssl_import"]
    else:
        assert out["ssl_import"] and "ssl" in out["ssl_import"], out["ssl_import"]
        assert out["ssl_import"].split(":")[0] in ("ImportError", "ModuleNotFoundError")


def test_pyodide_answers_exactly_like_cpython(pyodide_run):
    cases, out = pyodide_run
    assert len(out["results"]) == len(cases)
    for case, result in zip(cases, out["results"], strict=True):
        expected = checker.explain(case["text"], case["lang"])
        assert result == json.loads(json.dumps(expected)), case["text"][:200]


def test_pyodide_gets_the_labelled_answer_for_every_real_example(pyodide_run):
    cases, out = pyodide_run
    examples = real_examples()
    for i, example in enumerate(examples):
        result = out["results"][2 * i]
        assert result["symptom"] == example["symptom"], example["source"]
        if example["causes"]:
            assert result["causes"][0] == example["causes"][0], example["source"]
        zh = out["results"][2 * i + 1]
        assert zh["symptom_title"] == checker.SYMPTOM_TITLES[example["symptom"]]["zh"]
