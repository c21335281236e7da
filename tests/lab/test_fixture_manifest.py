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
