"""With JavaScript off, the article, the symptoms page and every fix page stay readable.

Readers behind strict corporate proxies often have scripts blocked. Content tabs
are CSS-only (pymdownx.tabbed's radio buttons), so clicking each label must show its
own content; the copy-for-a-ticket button needs JavaScript and is hidden, its text
is not.
"""

from __future__ import annotations

import pytest
from quality_support import fix_page_sources, page_params, page_url

pytestmark = [pytest.mark.browser, pytest.mark.browser_context_args(java_script_enabled=False)]

READABLE_SOURCES = ["index.md", "symptoms.md", *fix_page_sources()]

LABELS = "article.md-content__inner .tabbed-set > .tabbed-labels > label"

# The n-th tab label, or the outermost label of a closed tab that hides it: scrolled
# into view, with where a reader clicks it.
NEXT_LABEL_JS = """(n) => {
  const label = document.querySelectorAll(`LABELS`)[n];
  let target = label;
  for (let block = label.closest(".tabbed-block"); block; block = block.parentElement.closest(".tabbed-block")) {
    const set = block.closest(".tabbed-set");
    const index = [...block.parentElement.children].indexOf(block);
    const input = set.querySelectorAll(":scope > input")[index];
    if (!input.checked) target = set.querySelector(`:scope > .tabbed-labels > label[for="${input.id}"]`);
  }
  target.scrollIntoView({block: "center"});
  const box = target.getBoundingClientRect();
  return {x: box.left + box.width / 2, y: box.top + box.height / 2, itself: target === label};
}""".replace("LABELS", LABELS)

# After clicking the n-th label: which blocks of its set a reader sees.
TAB_STATE_JS = """(n) => {
  const label = document.querySelectorAll(`LABELS`)[n];
  const set = label.closest(".tabbed-set");
  const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
  const blocks = [...set.querySelectorAll(":scope > .tabbed-content > .tabbed-block")];
  const mine = labels.indexOf(label);
  return {
    label: label.textContent.trim(),
    shown: blocks.map(b => b.checkVisibility()),
    expected: blocks.map((b, i) => i === mine),
    text: (blocks[mine]?.innerText || "").trim(),
  };
}""".replace("LABELS", LABELS)


@pytest.mark.parametrize(("source", "lang"), page_params(READABLE_SOURCES))
def test_page_is_readable_and_every_tab_opens_without_javascript(page, page_log, source, lang):
    page.goto(page_url(source, lang))
    assert page.locator("html").get_attribute("class") == "no-js", "JavaScript ran"
    article = page.locator("article.md-content__inner")
    assert article.locator("h1").is_visible()
    text = article.inner_text()
    assert len(text) > 500, f"only {len(text)} characters of text are readable"
    hidden = article.locator("h2[id]").evaluate_all(
        "hs => hs.filter(h => !h.closest('.tabbed-block') && !h.checkVisibility()).map(h => h.id)"
    )
    assert article.locator("h2[id]").count() and hidden == [], f"sections hidden: {hidden}"

    problems = []
    for n in range(page.locator(LABELS).count()):
        for _ in range(4):  # a label inside closed tabs: open those first, outermost first
            target = page.evaluate(NEXT_LABEL_JS, n)
            page.mouse.click(target["x"], target["y"])
            if target["itself"]:
                break
        state = page.evaluate(TAB_STATE_JS, n)
        if state["shown"] != state["expected"] or not state["text"]:
            problems.append(f"tab {state['label']!r} (label {n + 1}): blocks shown {state['shown']}, "
                            f"expected {state['expected']}, text {state['text'][:40]!r}")
    assert problems == []

    if source.startswith("fix/"):
        assert page.locator("article .ticket-summary__copy").is_hidden()
        assert page.locator("article h2#summary + p").is_visible()
    assert page_log.problems() == []
