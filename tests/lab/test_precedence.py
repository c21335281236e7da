"""Which CA setting real pip obeys, measured per pip version, and the reference page's table."""

from __future__ import annotations

import json

import lab_env
import lab_precedence
import lab_scenarios
import pytest
from lab_precedence import SETTINGS, TableError, parse_precedence_table

pytestmark = pytest.mark.lab
PRECEDENCE_JSON = lab_env.ROOT / "tests" / "fixtures" / "precedence.json"
REFERENCE_PAGES = ("docs/reference.md", "docs/reference.en.md")


@pytest.fixture(scope="session")
def precedence(lab, tmp_path_factory) -> dict[str, lab_precedence.Measurement]:
    return lab_precedence.measure_all(lab, tmp_path_factory.mktemp("precedence"))


def test_measured_precedence_is_a_strict_order(precedence):
    for version, measurement in precedence.items():
        assert measurement.problems == [], f"pip {version}"


def test_requests_ca_bundle_wins_over_every_pip_setting_in_both_versions(precedence):
    for version, m in precedence.items():
        for loser in ("--cert", "PIP_CERT", "cert ="):
            assert m.beats[("REQUESTS_CA_BUNDLE", loser)], f"pip {version}: vs {loser}"
            assert m.beats[("CURL_CA_BUNDLE", loser)], f"pip {version}: vs {loser}"


def test_pip_26_adds_bundles_to_the_defaults_and_pip_23_replaces_them(precedence):
    old, new = precedence["23.3"], precedence["26.3"]
    for setting in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "--cert", "PIP_CERT", "cert ="):
        assert new.added[setting], f"pip 26.3 {setting} should add to the defaults"
        assert not old.added[setting], f"pip 23.3 {setting} should replace certifi"


def test_ssl_cert_file_is_ignored_by_pip_23_and_read_by_pip_26(precedence):
    assert precedence["23.3"].cells["SSL_CERT_FILE"] == "—"
    assert precedence["26.3"].cells["SSL_CERT_FILE"] == "OS"


def test_ssl_cert_file_reaches_pip_26_only_through_truststore(lab, tmp_path):
    """With ``--use-deprecated=legacy-certs`` (no truststore) pip 26.3 ignores it too."""
    settings = {"SSL_CERT_FILE": lab.values["corporate_root"]}
    url = lab.values["index_corporate"]
    assert lab_precedence.attempt(lab, "pip-new", settings, url, tmp_path / "default")
    env = lab_env.scrubbed_env(tmp_path / "legacy", lab.venvs["pip-new"], **settings)
    command = lab_scenarios.pip_install_command(
        lab.venvs["pip-new"] / "bin" / "python", url, tmp_path / "legacy" / "target",
        ("--use-deprecated=legacy-certs",))
    assert not lab_scenarios.run(command, env).succeeded


def test_saved_precedence_fixture_is_the_measurement(precedence):
    if not PRECEDENCE_JSON.exists():
        pytest.fail(f"{PRECEDENCE_JSON} is missing: run `python scripts/docs.py lab-fixtures`",
                    pytrace=False)
    saved = json.loads(PRECEDENCE_JSON.read_text())
    assert saved == lab_precedence.as_json(precedence)


@pytest.mark.parametrize("page", REFERENCE_PAGES)
def test_reference_page_precedence_table_is_what_pip_does(precedence, page):
    path = lab_env.ROOT / page
    measured = {version: m.cells for version, m in precedence.items()}
    expected_table = _render(measured)
    if not path.exists():
        pytest.fail(f"{page} does not exist; its #precedence table should read:\n"
                    f"{expected_table}", pytrace=False)
    try:
        documented = parse_precedence_table(path.read_text())
    except TableError as error:
        pytest.fail(f"{page}: {error} (format: CONTRIBUTING.md, 'The precedence table on the "
                    f"reference page'); what pip does:\n{expected_table}", pytrace=False)
    missing = sorted(set(measured) - set(documented))
    assert not missing, f"{page}: no column for pip {missing}"
    for version, cells in measured.items():
        assert set(documented[version]) == set(SETTINGS), (
            f"{page}: rows must be exactly {SETTINGS}, found {sorted(documented[version])}")
        wrong = {s: (documented[version][s], cells[s]) for s in SETTINGS
                 if documented[version][s] != cells[s]}
        assert not wrong, (f"{page}, pip {version}: (documented, measured) differ: {wrong}\n"
                           f"what pip does:\n{expected_table}")


def _render(measured: dict[str, dict[str, str]]) -> str:
    versions = sorted(measured, key=lambda v: tuple(int(p) for p in v.split(".")))
    lines = ["| setting | " + " | ".join(f"pip {v}" for v in versions) + " |",
             "|---|" + "---|" * len(versions)]
    for setting in SETTINGS:
        lines.append(f"| `{setting}` | " + " | ".join(measured[v][setting] for v in versions)
                     + " |")
    return "\n".join(lines)
