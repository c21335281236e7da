"""The decision tree: its data against the checker's ids, and the page built from it."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest

import decision_tree
import pip_ssl_check
from decision_tree import START, anchor, is_leaf, leaf_cause

LANGS = ("zh", "en")


@pytest.fixture(scope="module")
def tree():
    return decision_tree.load_checked()


def _section(page, element_id):
    return page.article.find(id=element_id)


# --- the data ---------------------------------------------------------------------


def test_tree_meets_the_checkers_id_contract(tree):
    assert decision_tree.problems(tree, pip_ssl_check.SYMPTOM_IDS, pip_ssl_check.CAUSE_IDS) == []


def test_every_symptom_entry_point_leads_to_exactly_the_checkers_causes_for_it(tree):
    """The tree and the checker's ranking table name the same causes per symptom."""
    for symptom, causes in pip_ssl_check.SYMPTOM_CAUSES.items():
        if symptom == "unrecognized":
            continue
        assert tree.causes_from(symptom) == set(causes), symptom


def test_unrecognized_errors_can_still_reach_most_causes(tree):
    """An error nobody recognises is where the general questions must do the work."""
    assert len(tree.causes_from("unrecognized")) >= 8


def test_every_answer_text_exists_in_both_languages(tree):
    for node in tree.nodes.values():
        assert set(node.text) == set(LANGS)
        for answer in node.answers:
            assert all(answer.label[lang].strip() for lang in LANGS), node.id


def _tree_data(**nodes):
    text = {"en": "q", "zh": "问"}
    base = {
        "questions": {"yn": {"text": text, "short": text, "answers": {"y": text, "n": text}}},
        "nodes": {"start": {"text": text, "short": text, "answers": [{**text, "next": "a"}]}},
        "leaves": {},
    }
    base["nodes"].update(nodes)
    return base


@pytest.mark.parametrize(
    ("nodes", "expected"),
    [
        ({"a": {"ask": "yn", "next": {"y": "nowhere", "n": "fix:c1"}}}, "answer leads to unknown node 'nowhere'"),
        ({"a": {"ask": "yn", "next": {"y": "fix:bogus", "n": "fix:c1"}}}, "leaf 'fix:bogus' is not a cause id"),
        ({"a": {"ask": "yn", "next": {"y": "b", "n": "fix:c1"}}, "b": {"ask": "yn", "next": {"y": "a", "n": "fix:c1"}}},
         "the tree has a cycle through a, b"),
        ({"a": {"ask": "yn", "next": {"y": "fix:c1", "n": "fix:c1"}}}, "cause 'c2': no path from 'start' leads to it"),
        ({"a": {"ask": "yn", "next": {"y": "fix:c1", "n": "fix:c2"}}, "b": {"ask": "yn", "next": {"y": "fix:c1", "n": "fix:c2"}}},
         "nodes.b: not reachable from 'start'"),
    ],
)
def test_tree_problems_name_the_node_and_the_defect(nodes, expected):
    data = _tree_data(**nodes)
    text = {"en": "t", "zh": "字"}
    data["leaves"] = {c: {"title": text, "short": text, "text": text} for c in ("c1", "c2")}
    tree = decision_tree.parse(data)
    found = decision_tree.problems(tree, symptom_ids=(), cause_ids=("c1", "c2"))
    assert any(expected in message for message in found), found


def test_missing_entry_point_for_a_symptom_is_a_problem():
    data = _tree_data(a={"ask": "yn", "next": {"y": "fix:c1", "n": "fix:c1"}})
    text = {"en": "t", "zh": "字"}
    data["leaves"] = {"c1": {"title": text, "short": text, "text": text}}
    found = decision_tree.problems(decision_tree.parse(data), symptom_ids=("cert-expired",), cause_ids=("c1",))
    assert "nodes: no entry point for symptom 'cert-expired' (add a node with that id)" in found


def test_answers_must_cover_exactly_the_questions_answers():
    data = _tree_data(a={"ask": "yn", "next": {"y": "fix:c1"}})
    with pytest.raises(decision_tree.TreeError, match=r"nodes\.a\.next must map exactly the answers \['y', 'n'\]"):
        decision_tree.parse(data)


# --- the page -----------------------------------------------------------------------


def _expected_ids(tree) -> list[str]:
    return [anchor(n) for n in tree.nodes] + [anchor("fix:" + c) for c in tree.leaves]


@pytest.mark.parametrize("lang", LANGS)
def test_tree_page_has_one_section_per_node_and_leaf(built_pages, tree, lang):
    page = built_pages[("tree.md", lang)]
    ids = [s["id"] for s in page.article.select(".tree > section.tree-node")]
    assert ids == _expected_ids(tree)


def test_both_languages_expose_the_same_tree_ids(built_pages):
    zh, en = ([s["id"] for s in built_pages[("tree.md", lang)].article.select("[id^=tree-]")] for lang in LANGS)
    assert zh == en


@pytest.mark.parametrize("lang", LANGS)
def test_each_answer_links_to_its_next_step_in_order(built_pages, tree, lang):
    page = built_pages[("tree.md", lang)]
    for node_id in tree.nodes:
        links = [a["href"] for a in _section(page, anchor(node_id)).select(":scope > ul > li > a")]
        assert links == [f"#{anchor(t)}" for t in tree.targets(node_id)], node_id


@pytest.mark.parametrize("lang", LANGS)
def test_every_symptom_entry_point_explains_its_error_on_the_symptoms_page(built_pages, lang):
    page = built_pages[("tree.md", lang)]
    for symptom in pip_ssl_check.SYMPTOM_IDS:
        hrefs = [a["href"] for a in _section(page, f"tree-{symptom}").select(".tree-node__symptom a")]
        assert hrefs == [f"../symptoms/#{symptom}"], symptom


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_fix_page_is_reachable_by_links_from_the_start(built_site, built_pages, tree, lang):
    """Walk the built HTML the way a reader without JavaScript clicks through it."""
    page = built_pages[("tree.md", lang)]
    page_url = f"https://site.test/{page.url}"
    reached_fix_pages, seen = set(), {anchor(START)}
    queue = deque([anchor(START)])
    while queue:
        section = _section(page, queue.popleft())
        assert section is not None
        for a in section.find_all("a", href=True):
            target = urljoin(page_url, a["href"])
            path, fragment = urlsplit(target).path, urlsplit(target).fragment
            if path == urlsplit(page_url).path and fragment.startswith("tree-") and fragment not in seen:
                seen.add(fragment)
                queue.append(fragment)
            match = re.fullmatch(r"/(?:en/)?fix/([a-z0-9-]+)/", path)
            if match:
                assert (built_site / path.lstrip("/") / "index.html").is_file(), target
                assert path.startswith("/en/") == (lang == "en"), f"{lang} page links to {target}"
                reached_fix_pages.add(match.group(1))
    assert reached_fix_pages == set(pip_ssl_check.CAUSE_IDS)
    assert seen == set(_expected_ids(tree))


@pytest.mark.parametrize("lang", LANGS)
def test_each_leaf_links_to_the_fix_page_of_its_cause(built_pages, tree, lang):
    page = built_pages[("tree.md", lang)]
    for cause in tree.leaves:
        button = _section(page, anchor("fix:" + cause)).select_one("a.md-button")
        assert button["href"] == f"../fix/{cause}/"


@pytest.mark.parametrize("lang", LANGS)
def test_overview_svg_links_every_step_and_takes_its_colours_from_the_theme(built_pages, tree, lang):
    figure = built_pages[("tree.md", lang)].article.select_one("figure.tree-overview")
    svg = figure.find("svg")
    targets = {a["href"] for a in svg.find_all("a")}
    assert targets == {f"#{i}" for i in _expected_ids(tree)}
    # No colour is baked in: CSS (currentColor, Material's variables) paints it.
    painted = [el for el in svg.find_all(True) for attr in ("fill", "stroke", "style", "color") if el.get(attr) not in (None, "none", "currentColor")]
    assert painted == []
    assert svg.find("script") is None and svg.find("image") is None
    assert figure.find("figcaption").get_text(strip=True)


def test_tree_hook_renders_both_languages_with_their_own_words(built_pages):
    zh = built_pages[("tree.md", "zh")].article.select_one("#tree-local-issuer-network").get_text()
    en = built_pages[("tree.md", "en")].article.select_one("#tree-local-issuer-network").get_text()
    assert "VPN" in zh and "公司" in zh
    assert "company" in en and "公司" not in en
