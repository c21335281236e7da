"""The whole command line on every CPython 3.6 … 3.13 under pyenv and on the default python3."""

from __future__ import annotations

import json
import os

import pytest
from checker_support import json_out, real_examples, run_checker, run_many

# A sitecustomize whose import hook refuses _ssl: Python then starts without a usable ssl
# module, the way a pyenv build without OpenSSL headers does.
BLOCK_SSL = """\
import sys


class _RefuseSSL(object):
    def find_spec(self, name, path=None, target=None):
        if name == "_ssl":
            raise ImportError("No module named '_ssl' (refused by the checker tests' sitecustomize)")
        return None

    def find_module(self, name, path=None):  # Python < 3.4 protocol, kept for old interpreters
        if name == "_ssl":
            raise ImportError("No module named '_ssl' (refused by the checker tests' sitecustomize)")
        return None


sys.meta_path.insert(0, _RefuseSSL())
"""

WRAPPED_EXAMPLE = next(e for e in real_examples() if "80-column" in e["platform"])
EXPLAIN_INPUT = WRAPPED_EXAMPLE["text"].replace("\n", "\r\n").encode("utf-8")


@pytest.fixture(scope="module")
def block_ssl_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("block-ssl")
    (path / "sitecustomize.py").write_text(BLOCK_SSL)
    return path


@pytest.fixture(scope="module")
def matrix(interpreters, env, pki, block_ssl_dir, tmp_path_factory):
    """Every (interpreter, case) run, in parallel: {(label, case): CompletedProcess}."""
    out_dir = tmp_path_factory.mktemp("bundles")
    trusted = {"PIP_CERT": str(pki.ca_file)}
    cases = {
        "offline-json": (["--offline", "--json"], env(), None),
        "offline-zh": (["--offline", "--lang", "zh"], env(), None),
        "locale-zh": (["--offline"], env(LC_ALL=None, LANG="zh_CN.UTF-8"), None),
        "locale-en": (["--offline"], env(LC_ALL="en_US.UTF-8", LANG="zh_CN.UTF-8"), None),
        "explain-stdin": (["--explain", "-", "--json"], env(), EXPLAIN_INPUT),
        "explain-text": (["--explain", "-", "--lang", "zh"], env(), EXPLAIN_INPUT),
        "explain-nothing": (
            ["--explain", "-", "--json"],
            env(),
            b"Successfully installed pip-24.0\n",
        ),
        "probe-trusted": (["--json", "--index-url", pki.url("trusted")], env(**trusted), None),
        "no-ssl-offline": (["--offline", "--json"], env(PYTHONPATH=str(block_ssl_dir)), None),
        "no-ssl-probe": (
            ["--index-url", pki.url("trusted")],
            env(PYTHONPATH=str(block_ssl_dir), **trusted),
            None,
        ),
        "no-ssl-explain": (
            ["--explain", "-", "--json"],
            env(PYTHONPATH=str(block_ssl_dir)),
            EXPLAIN_INPUT,
        ),
        "usage-lang": (["--lang", "fr"], env(), None),
        "usage-force": (["--force"], env(), None),
        "usage-missing-file": (["--explain", "/nonexistent/pip-error.txt"], env(), None),
        "usage-bad-url": (["--index-url", "pypi.org"], env(), None),
    }
    jobs = {}
    for label, python in interpreters.items():
        for case, (args, environment, stdin) in cases.items():
            jobs[(label, case)] = lambda p=python, a=args, e=environment, s=stdin: run_checker(
                p, a, e, s
            )
        bundle = out_dir / f"bundle-{label}.pem"
        jobs[(label, "export")] = lambda p=python, b=bundle: (
            run_checker(p, ["--export-bundle", str(b)], env()),
            b.read_bytes() if b.exists() else b"",
            run_checker(p, ["--export-bundle", str(b)], env()),
            b.read_bytes() if b.exists() else b"",
            run_checker(p, ["--export-bundle", str(b), "--force", "--json"], env()),
        )
    return run_many(jobs, workers=4)


def _labels():
    from checker_support import find_interpreters

    found, missing = find_interpreters()
    # A missing interpreter is a failure (see the interpreters fixture), never a skip.
    return list(found) + [f"missing:{m}" for m in missing]


def _get(matrix, label, case):
    if label.startswith("missing:"):
        pytest.fail(label)
    return matrix[(label, case)]


@pytest.mark.parametrize("label", _labels())
def test_offline_runs_and_prints_the_json_contract(matrix, interpreters, label):
    proc = _get(matrix, label, "offline-json")
    report = json_out(proc)
    assert proc.returncode == 0, report["findings"]
    assert report["symptom"] == "none" and report["causes"] == []
    assert report["offline"] is True and report["hosts"] == []
    if label != "python3":
        assert report["python"]["version"].startswith(label + ".")
    assert report["ssl"]["available"] is True
    assert report["ticket"].startswith("----- 8< -----")


@pytest.mark.parametrize("label", _labels())
def test_reports_are_chinese_for_zh_locales_and_lang_zh(matrix, label):
    for case in ("offline-zh", "locale-zh"):
        proc = _get(matrix, label, case)
        text = proc.stdout.decode("utf-8")
        assert proc.returncode == 0, proc.stderr.decode()
        assert "== 诊断" in text and "离线检查未发现问题" in text, case
        assert "----- >8 ----- end of pip_ssl_check summary -----" in text
    text = _get(matrix, label, "locale-en").stdout.decode("utf-8")
    assert "== Diagnosis" in text  # LC_ALL wins over LANG


@pytest.mark.parametrize("label", _labels())
def test_explain_reads_stdin_and_answers_in_json_and_text(matrix, label):
    proc = _get(matrix, label, "explain-stdin")
    result = json_out(proc)
    assert proc.returncode == 1
    assert result["symptom"] == WRAPPED_EXAMPLE["symptom"]
    assert result["evidence"]["line_number"] == 5
    text = _get(matrix, label, "explain-text").stdout.decode("utf-8")
    assert "症状: 无法获取本地颁发者证书" in text
    assert "https://fix-pip-ssl.github.io/fix/corporate-proxy/" in text
    nothing = _get(matrix, label, "explain-nothing")
    assert nothing.returncode == 0 and json_out(nothing)["symptom"] == "unrecognized"


@pytest.mark.parametrize("label", _labels())
def test_a_probe_of_a_trusted_loopback_index_passes(matrix, label):
    proc = _get(matrix, label, "probe-trusted")
    report = json_out(proc)
    assert proc.returncode == 0, report["findings"]
    host = [h for h in report["hosts"] if not h.get("skipped")][0]
    assert host["pip_tls"]["ok"], host


@pytest.mark.parametrize("label", _labels())
def test_without_ssl_the_report_names_python_without_ssl(matrix, label):
    proc = _get(matrix, label, "no-ssl-offline")
    report = json_out(proc)
    assert proc.returncode == 1
    assert report["ssl"]["available"] is False
    assert (
        "_ssl" in report["ssl"]["import_error"] and "ImportError" in report["ssl"]["import_error"]
    )
    assert report["symptom"] == "ssl-module-missing"
    assert report["causes"][0] == "python-without-ssl"
    probe = _get(matrix, label, "no-ssl-probe")
    text = probe.stdout.decode("utf-8")
    assert probe.returncode == 1, probe.stderr.decode()
    assert "python-without-ssl" in text and "Traceback" not in probe.stderr.decode()
    explained = json_out(_get(matrix, label, "no-ssl-explain"))
    assert explained["symptom"] == WRAPPED_EXAMPLE["symptom"]  # explain needs no ssl


@pytest.mark.parametrize("label", _labels())
def test_usage_errors_exit_2_with_a_message(matrix, label):
    for case in ("usage-lang", "usage-force", "usage-missing-file", "usage-bad-url"):
        proc = _get(matrix, label, case)
        assert proc.returncode == 2, (case, proc.stdout.decode(), proc.stderr.decode())
        assert proc.stderr.strip(), case
        assert b"Traceback" not in proc.stderr, case


@pytest.mark.parametrize("label", _labels())
def test_export_bundle_writes_pem_prints_the_pip_command_and_never_overwrites_without_force(
    matrix, label
):
    first, content, second, after, forced = _get(matrix, label, "export")
    assert first.returncode == 0, first.stderr.decode()
    assert content.count(b"-----BEGIN CERTIFICATE-----") > 50
    assert b"pip config --user set global.cert" in first.stdout
    assert second.returncode == 2 and b"--force" in second.stderr
    assert after == content
    assert forced.returncode == 0 and json.loads(forced.stdout)["exit_code"] == 0


def test_the_checker_file_parses_with_the_oldest_supported_python(interpreters):
    """Guard against syntax newer than 3.6 (the matrix would fail too, but this names the line)."""
    import subprocess

    from checker_support import CHECKER

    proc = subprocess.run(
        [
            str(interpreters["3.6"]),
            "-c",
            "import ast,sys; ast.parse(open(sys.argv[1], 'rb').read())",
            str(CHECKER),
        ],
        capture_output=True,
        env={"PATH": os.environ.get("PATH", "")},
    )
    assert proc.returncode == 0, proc.stderr.decode()
