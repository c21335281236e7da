"""The checker's id tables are the contract every other part reads: they must be whole."""

from __future__ import annotations

import pip_ssl_check as checker
import pytest
from checker_support import DATA, SHARED, facts_symptom_fragments, shared_or_copy


def test_symptom_ids_are_the_facts_table_in_order():
    facts = facts_symptom_fragments(shared_or_copy("FACTS.md").read_text(encoding="utf-8"))
    assert tuple(facts) == checker.SYMPTOM_IDS


def test_cause_ids_are_the_facts_table_in_order():
    text = shared_or_copy("FACTS.md").read_text(encoding="utf-8")
    table = text.split("### Causes", 1)[1].split("`trusted-host` is a fix page", 1)[0]
    ids = tuple(line.split("`")[1] for line in table.splitlines() if line.startswith("| `"))
    assert ids == checker.CAUSE_IDS


def test_fix_pages_are_the_causes_then_trusted_host():
    assert checker.FIX_PAGE_IDS == (*checker.CAUSE_IDS, "trusted-host")


def test_every_symptom_has_a_ranking_of_known_causes_without_repeats():
    assert set(checker.SYMPTOM_CAUSES) == set(checker.SYMPTOM_IDS)
    for symptom, causes in checker.SYMPTOM_CAUSES.items():
        assert isinstance(causes, tuple), symptom
        assert len(set(causes)) == len(causes), symptom
        assert set(causes) <= set(checker.CAUSE_IDS), symptom
        assert bool(causes) == (symptom != "unrecognized"), symptom


def test_every_cause_is_reachable_from_some_symptom():
    reachable = {c for causes in checker.SYMPTOM_CAUSES.values() for c in causes}
    assert reachable == set(checker.CAUSE_IDS)


def test_every_id_has_a_title_in_both_languages():
    for table, ids in (
        (checker.SYMPTOM_TITLES, checker.SYMPTOM_IDS),
        (checker.CAUSE_TITLES, checker.FIX_PAGE_IDS),
    ):
        assert set(table) == set(ids)
        for key in ids:
            assert table[key]["en"].strip() and table[key]["zh"].strip(), key
            assert any("\u4e00" <= ch <= "\u9fff" for ch in table[key]["zh"]), (
                f"{key}: zh title has no Chinese"
            )


def test_every_classifiable_symptom_has_patterns_and_a_priority():
    assert set(checker.SYMPTOM_PRIORITY) == set(checker.SYMPTOM_IDS) - {"unrecognized"}
    assert len(checker.SYMPTOM_PRIORITY) == len(set(checker.SYMPTOM_PRIORITY))
    for symptom in checker.SYMPTOM_PRIORITY:
        assert checker._SYMPTOM_PATTERNS[symptom], symptom


@pytest.mark.parametrize(
    "lang,prefix", [("zh", ""), ("en", "en/"), ("zh-CN", ""), ("en_US.UTF-8", "en/")]
)
def test_urls_point_at_the_language_twin(lang, prefix):
    assert (
        checker.fix_url("corporate-proxy", lang)
        == f"https://fix-pip-ssl.github.io/{prefix}fix/corporate-proxy/"
    )
    assert (
        checker.symptom_url("cert-expired", lang)
        == f"https://fix-pip-ssl.github.io/{prefix}symptoms/#cert-expired"
    )


def test_urls_refuse_unknown_ids():
    with pytest.raises(ValueError, match="unknown fix page"):
        checker.fix_url("no-such-page")
    with pytest.raises(ValueError, match="unknown symptom"):
        checker.symptom_url("no-such-symptom")


def test_every_context_rule_has_notes_in_both_languages_and_moves_a_known_cause():
    for rule, cause, position in checker._CONTEXT_RULES:
        assert rule in checker.RULE_NOTES and set(checker.RULE_NOTES[rule]) == {"zh", "en"}, rule
        assert cause in checker.CAUSE_IDS, rule
        assert position in (0, 1, -1), rule  # -1: demoted to the end
    assert {rule for rule, _, _ in checker._CONTEXT_RULES} == set(checker.RULE_NOTES)


def test_copies_of_shared_files_match_the_team_originals():
    """data/ keeps copies for a clone without ../shared; they must not drift from the originals."""
    for name in ("FACTS.md", "real-error-logs.json"):
        copy = DATA / name
        assert copy.exists(), f"tests/checker/data/{name} is missing"
    if SHARED.exists():
        shared_facts = facts_symptom_fragments((SHARED / "FACTS.md").read_text(encoding="utf-8"))
        copy_facts = facts_symptom_fragments((DATA / "FACTS.md").read_text(encoding="utf-8"))
        assert shared_facts == copy_facts, (
            "FACTS.md symptom table changed: copy it to tests/checker/data/"
        )
        shared_logs = (SHARED / "examples" / "real-error-logs.json").read_text(encoding="utf-8")
        assert shared_logs == (DATA / "real-error-logs.json").read_text(encoding="utf-8"), (
            "real-error-logs.json changed: copy it to tests/checker/data/"
        )
