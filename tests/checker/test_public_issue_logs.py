"""explain() on error logs pasted into public issue threads, labelled from what fixed them.

data/public-issue-logs.json holds the text as it was pasted (tracebacks, Retry warnings,
CI timestamps, prompts, hard wraps, Chinese Windows messages), its source thread, the
symptom FACTS.md's table gives it and, where the thread says what fixed it, the cause.
These pastes were collected to test the checker on text it was not written against:
fix a miss by describing the error family, never by matching one paste.
"""

from __future__ import annotations

import json
from pathlib import Path

import pip_ssl_check as checker
import pytest

DATA = Path(__file__).resolve().parent / "data" / "public-issue-logs.json"
LOGS = json.loads(DATA.read_text(encoding="utf-8"))


def _id(entry: dict) -> str:
    return entry["source"].split("github.com/", 1)[-1].split(" ", 1)[0]


def test_the_labels_use_the_contract_ids():
    for entry in LOGS:
        assert entry["symptom"] in checker.SYMPTOM_IDS, entry["source"]
        assert set(entry["causes"]) <= set(checker.CAUSE_IDS), entry["source"]
        assert entry["source"].startswith("https://github.com/"), entry["source"]
        assert entry["text"].strip(), entry["source"]


def test_the_data_holds_no_credentials():
    # redact() prints every credential it finds as *** (and home directories as ~, which
    # are kept here as pasted: they are part of the noise the checker must read through)
    for entry in LOGS:
        assert checker.redact(entry["text"]).count("***") == entry["text"].count("***"), entry["source"]


@pytest.mark.parametrize("entry", LOGS, ids=[_id(e) for e in LOGS])
def test_public_paste_gets_its_labelled_symptom(entry):
    result = checker.explain(entry["text"])
    assert result["symptom"] == entry["symptom"], (entry["source"], result["also_found"])
    if entry["symptom"] != "unrecognized":
        lines = entry["text"].splitlines()
        assert 1 <= result["evidence"]["line_number"] <= len(lines)


WITH_CAUSE = [entry for entry in LOGS if entry["causes"]]


@pytest.mark.parametrize("entry", WITH_CAUSE, ids=[_id(e) for e in WITH_CAUSE])
def test_public_paste_ranks_its_labelled_cause_in_the_first_two(entry):
    result = checker.explain(entry["text"])
    assert entry["causes"][0] in result["causes"][:2], (
        entry["source"],
        result["causes"],
        result["rules"],
    )


# --- the rules these pastes added, on text of the same families -------------------------


def test_wget_naming_the_servers_certificate_as_expired_does_not_blame_an_old_bundle():
    wget = "ERROR: The certificate of 'pypi.org' has expired.\nThe certificate has expired"
    result = checker.explain(wget)
    assert result["symptom"] == "cert-expired"
    assert "leaf-certificate-expired" in result["rules"]
    assert result["causes"][-1] == "outdated-certificates"
    # OpenSSL's chain-wide wording may be an expired root in an old bundle: left as it was
    chain = (
        "HTTPSConnectionPool(host='pypi.org', port=443): (Caused by SSLError(SSLCertVerificationError(1, "
        "'[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired (_ssl.c:1129)')))"
    )
    result = checker.explain(chain)
    assert "leaf-certificate-expired" not in result["rules"]
    assert "outdated-certificates" in result["causes"][:2]


@pytest.mark.parametrize(
    "text",
    [
        "ERROR: certificate common name 'files.pythonhosted.org' doesn't match requested host name 'pypi.org'.",
        "ERROR: no certificate subject alternative name matches\n\trequested host name 'bootstrap.pypa.io'.",
    ],
)
def test_wget_hostname_mismatch_wording(text):
    assert checker.explain(text)["symptom"] == "hostname-mismatch"


def test_nltk_downloader_output_counts_as_urllib_even_without_urlopen_error():
    text = (
        "[nltk_data]     CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local\n"
        "[nltk_data]     issuer certificate (_ssl.c:1000)>"
    )
    result = checker.explain(text)
    assert "urllib" in result["context"]["tools"]
    assert result["causes"][0] == "macos-install-certificates"
