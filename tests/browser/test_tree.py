"""The decision tree in a real browser: plain links without JavaScript, a wizard with it."""

from __future__ import annotations

from collections import deque

import pytest

import decision_tree
import pip_ssl_check
from decision_tree import START, anchor

pytestmark = pytest.mark.browser
LANGS = ("zh", "en")


def tree_path(lang: str, node: str | None = None) -> str:
    return ("en/" if lang == "en" else "") + "tree/" + (f"#{node}" if node else "")


def visible_steps(page) -> list[str]:
    return page.locator(".tree > section.tree-node").evaluate_all(
        "sections => sections.filter(s => s.offsetParent !== null).map(s => s.id)"
    )


def hash_of(page) -> str:
    return page.url.partition("#")[2]


@pytest.mark.browser_context_args(java_script_enabled=False)
@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_cause_is_reached_by_clicking_links(page, page_log, lang):
    tree = decision_tree.load_checked()
    page.goto(tree_path(lang))
    assert page.locator(".tree__bar").count() == 0, "the wizard must not appear without JavaScript"
    assert page.locator(f"#{anchor(START)}").is_visible()

    seen, queue, opened_fixes = {anchor(START)}, deque([anchor(START)]), set()
    while queue:
        step = queue.popleft()
        answers = page.locator(f"#{step} > ul > li > a")
        for i in range(answers.count()):
            target = answers.nth(i).get_attribute("href").lstrip("#")
            if target in seen:
                continue
            seen.add(target)
            queue.append(target)
            answers.nth(i).click()
            assert hash_of(page) == target
            assert page.locator(f"#{target}").is_visible()
    for cause in tree.leaves:
        page.goto(tree_path(lang, anchor("fix:" + cause)))
        with page.expect_navigation(wait_until="networkidle"):
            page.locator(f"#{anchor('fix:' + cause)} a.md-button").click()
        assert page.locator("article h1").get_attribute("id") == cause
        assert page.locator("html").get_attribute("lang") == lang
        opened_fixes.add(cause)
    assert seen == {anchor(n) for n in tree.nodes} | {anchor("fix:" + c) for c in tree.leaves}
    assert opened_fixes == set(pip_ssl_check.CAUSE_IDS)
    assert page_log.problems() == []


@pytest.mark.parametrize("lang", LANGS)
def test_deep_link_opens_that_step_alone(page, page_log, lang):
    step = anchor("local-issuer-network")
    page.goto(tree_path(lang, step))
    page.locator(".tree--wizard").wait_for()
    assert visible_steps(page) == [step]
    assert page.locator(f"#{step}").is_visible()
    assert page.locator(".tree-map a.is-current").get_attribute("data-tree-node") == step
    # Scrolling keeps the step in the URL (Material's anchor tracking must not rewrite it).
    page.mouse.wheel(0, 5000)
    page.wait_for_timeout(800)
    page.mouse.wheel(0, -5000)
    page.wait_for_timeout(800)
    assert hash_of(page) == step
    for symptom in ("cert-expired", "proxy-auth", "unrecognized"):
        page.goto(tree_path(lang, f"tree-{symptom}"))
        assert visible_steps(page) == [f"tree-{symptom}"]
    assert page_log.problems() == []


@pytest.mark.parametrize("lang", LANGS)
def test_answers_step_forward_and_back_and_forward_retrace_them(page, page_log, lang):
    page.goto(tree_path(lang))
    page.locator(".tree--wizard").wait_for()
    assert visible_steps(page) == [anchor(START)]

    path = [anchor(START)]
    for target in ("unable-to-get-local-issuer", "local-issuer-network", "fix:corporate-proxy"):
        page.locator(f"#{path[-1]} > ul > li > a[href='#{anchor(target)}']").click()
        path.append(anchor(target))
        assert hash_of(page) == path[-1]
        assert visible_steps(page) == [path[-1]]
        assert page.locator(".tree__bar").is_visible()

    page.go_back()
    assert visible_steps(page) == [path[2]]
    page.go_back()
    assert visible_steps(page) == [path[1]]
    page.go_forward()
    assert visible_steps(page) == [path[2]]
    page.locator(".tree__back").click()  # the wizard's own Back is the browser's back
    page.wait_for_url(f"**#{path[1]}")
    assert visible_steps(page) == [path[1]]
    page.locator(".tree__restart").click()
    assert visible_steps(page) == [anchor(START)]
    assert page_log.problems() == []


@pytest.mark.parametrize("lang", ["en"])
def test_wizard_sets_itself_up_once_when_material_emits_the_document_again(page, page_log, lang):
    page.goto(tree_path(lang, anchor("cert-expired")))
    page.locator(".tree--wizard").wait_for()
    page.evaluate("() => window.document$.next(document)")
    assert page.locator(".tree__bar").count() == 1
    assert visible_steps(page) == [anchor("cert-expired")]
    page.locator(f"#{anchor('cert-expired')} > ul > li > a").first.click()
    assert len(visible_steps(page)) == 1
    assert page_log.problems() == []


@pytest.mark.parametrize("lang", LANGS)
def test_overview_boxes_jump_to_their_step(page, page_log, lang):
    page.goto(tree_path(lang))
    page.locator(".tree--wizard").wait_for()
    box = page.locator(f".tree-map a[data-tree-node='{anchor('cert-not-yet-valid')}']")
    box.click()
    assert visible_steps(page) == [anchor("cert-not-yet-valid")]
    assert box.evaluate("a => a.classList.contains('is-current')")
    assert page_log.problems() == []
