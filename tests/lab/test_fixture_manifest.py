"""The saved pip output (tests/fixtures/pip-output) matches the scenarios that produce it.

Regenerate with ``python scripts/docs.py lab-fixtures`` when a scenario changes.
"""

from __future__ import annotations

import json
import re

import lab_fixtures
from lab_scenarios import SCENARIOS

MANIFEST = lab_fixtures.FIXTURES / "index.json"


def load_manifest() -> list[dict]:
    return json.loads(MANIFEST.read_text())


def test_manifest_lists_every_scenario_once_in_order():
    assert [entry["scenario"] for entry in load_manifest()] == [s.id for s in SCENARIOS]


def test_manifest_entries_match_their_scenario():
    by_id = {s.id: s for s in SCENARIOS}
    for entry in load_manifest():
        scenario = by_id[entry["scenario"]]
        assert entry["file"] == f"{scenario.id}.txt"
        assert entry["symptom"] == scenario.symptom
        assert entry["causes"] == list(scenario.causes)


def test_each_saved_output_contains_its_documented_symptom_text():
    for entry in load_manifest():
        text = (lab_fixtures.FIXTURES / entry["file"]).read_text()
        assert entry["expect"] in text, entry["file"]


def test_no_saved_output_lacks_a_manifest_entry():
    files = {p.name for p in lab_fixtures.FIXTURES.glob("*.txt")}
    assert files == {entry["file"] for entry in load_manifest()}


def test_manifest_names_the_python_and_pip_versions_that_printed_each_output():
    for entry in load_manifest():
        assert re.fullmatch(r"\d+\.\d+\.\d+", entry["python"]), entry["scenario"]
        assert re.fullmatch(r"\d+(\.\d+)+", entry["pip"]), entry["scenario"]


def test_run_specific_values_become_the_same_text_on_every_run():
    run1 = ("<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7fc9b5d6bc90>: "
            "{'serialNumber': '6FAE7F', 'notBefore': 'Nov 24 00:36:33 2026 GMT', "
            "'notAfter': 'Dec 27 00:36:33 2027 GMT'}")
    run2 = ("<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f0012345678>: "
            "{'serialNumber': '1922B2', 'notBefore': 'Jan  2 10:00:00 2027 GMT', "
            "'notAfter': 'Feb  4 10:00:00 2028 GMT'}")
    assert lab_fixtures.stable_text(run1) == lab_fixtures.stable_text(run2)
    assert "HTTPSConnection object at 0x" in lab_fixtures.stable_text(run1)


def test_saved_outputs_carry_no_run_specific_ports_paths_or_addresses():
    stable = {stable for _pattern, stable in lab_fixtures.RUN_SPECIFIC}
    for entry in load_manifest():
        text = (lab_fixtures.FIXTURES / entry["file"]).read_text() + entry["command"]
        ports = set(re.findall(r"(?:127\.0\.0\.1|localhost):(\d+)", text))
        assert all(8401 <= int(p) < 8500 for p in ports), (entry["file"], ports)
        temp = set(re.findall(r"/tmp/[^/\s'\"]+", text)) - {"/tmp/lab"}
        assert not temp, (entry["file"], temp)
        for pattern, _stable in lab_fixtures.RUN_SPECIFIC:
            found = {m.group(0) for m in pattern.finditer(text)} - stable
            assert not found, (entry["file"], found)
