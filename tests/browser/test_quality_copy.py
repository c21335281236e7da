"""Copy buttons copy exactly what a reader needs; OS tabs stay linked across a page.

Every code block's copy button is clicked (its tab opened first, as a reader would)
and the clipboard compared with the snippet section the page source embeds there:
the ``--8<-- "file:section"`` includes, in page order, are the code blocks in
order. Material's copy trims trailing whitespace; nothing else may differ (a tab
turned into spaces, a marker line, a neighbouring section).
"""

from __future__ import annotations

import pytest
from quality_support import (
    expected_site_url,
    fix_page_sources,
    page_code_blocks,
    page_params,
    page_url,
    quality_page,  # noqa: F401  (fixture)
    source_file,
    source_pages,
)

pytestmark = pytest.mark.browser

OS_LABELS = ("Windows", "macOS", "Linux")

# For the n-th code block: what a reader clicks next to copy it. The label of the
# outermost tab not chosen, the summary of a closed <details>, else the copy button
# (and the clipboard is emptied first). The target is scrolled to the middle of the
# window and returned with where to click, after checking that a click there hits it
# and not something drawn over it. Also returns the clipboard as it was on entry: what
# the previous copy click put there (one round trip fewer per block).
NEXT_CLICK_JS = """async (n) => {
  const clipboard = await navigator.clipboard.readText();
  const pre = document.querySelectorAll("article.md-content__inner pre:has(> code)")[n];
  let target = null;
  for (let node = pre; node; node = node.parentElement) {
    if (node.matches(".tabbed-block")) {
      const set = node.closest(".tabbed-set");
      const index = [...node.parentElement.children].indexOf(node);
      const input = set.querySelectorAll(":scope > input")[index];
      if (!input.checked) target = set.querySelector(`:scope > .tabbed-labels > label[for="${input.id}"]`);
    } else if (node.matches("details:not([open])")) {
      target = node.querySelector(":scope > summary");
    }
  }
  const copy = !target;
  if (copy) {
    target = pre.querySelector("button[data-md-type='copy']");
    if (!target) return {clipboard, missing: true};
    await navigator.clipboard.writeText("");
  }
  target.scrollIntoView({block: "center"});
  const box = target.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {clipboard, copy, x, y, what: target.outerHTML.slice(0, 80), hits: hit === target || target.contains(hit)};
}"""


def pages_with_code() -> list[str]:
    return [s for s in source_pages() if any(page_code_blocks(s, lang) for lang in ("zh", "en"))]


def pages_with_linked_os_tabs() -> list[str]:
    """Pages where some OS label appears in two or more tab sets (in the source)."""
    found = []
    for source in source_pages():
        text = source_file(source, "en").read_text(encoding="utf-8")
        if any(text.count(f'=== "{label}"') >= 2 for label in OS_LABELS):
            found.append(source)
    return found


@pytest.fixture
def clipboard_page(quality_page):  # noqa: F811
    quality_page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    return quality_page


def read_clipboard(page) -> str:
    """The clipboard's text, waiting up to 1 s for a copy to land on the emptied clipboard."""
    for _ in range(40):
        text = page.evaluate("navigator.clipboard.readText()")
        if text:
            return text
        page.wait_for_timeout(25)
    return ""


@pytest.mark.parametrize(("source", "lang"), page_params(pages_with_code()))
def test_each_copy_button_copies_exactly_its_snippet(clipboard_page, page_log, source, lang):
    page = clipboard_page
    expected = page_code_blocks(source, lang)
    page.goto(page_url(source, lang))
    blocks = page.locator("article.md-content__inner pre:has(> code)")
    assert blocks.count() == len(expected), (
        f"{source_file(source, lang).name}: {len(expected)} fenced code blocks in the source, "
        f"{blocks.count()} on the page"
    )
    copied = {}
    for n in range(len(expected)):
        # Real mouse clicks where a reader clicks: tabs first, then the copy button.
        for _ in range(6):
            target = page.evaluate(NEXT_CLICK_JS, n)
            if n > 0 and n - 1 not in copied:
                copied[n - 1] = target["clipboard"] or read_clipboard(page)
            assert not target.get("missing"), f"code block {n + 1} has no copy button"
            assert target["hits"], f"code block {n + 1}: something covers {target['what']}"
            page.mouse.click(target["x"], target["y"])
            if target["copy"]:
                break
        assert target["copy"], f"code block {n + 1} is still hidden after opening its tabs"
    copied[len(expected) - 1] = read_clipboard(page)
    wrong = [
        f"block {n + 1}: copied {copied[n][:120]!r}, snippet is {text[:120]!r}"
        for n, text in enumerate(expected)
        if copied[n] != text
    ]
    assert wrong == [], "\n".join(wrong)
    assert page_log.problems() == []


@pytest.mark.parametrize(("source", "lang"), page_params(fix_page_sources()))
def test_copy_summary_button_copies_the_summary_a_blank_line_and_the_page_link(clipboard_page, page_log, source, lang):
    page = clipboard_page
    page.goto(page_url(source, lang))
    # What the section shows, paragraph by paragraph (list items count as paragraphs).
    summary = page.locator("article h2#summary").evaluate(
        """heading => {
          const texts = [];
          for (let node = heading.nextElementSibling; node && !/^H[1-6]$/.test(node.tagName);
               node = node.nextElementSibling) {
            if (node.matches(".ticket-summary__actions")) continue;
            const parts = node.matches("ul, ol") ? [...node.children] : [node];
            texts.push(...parts.map(p => p.innerText.replace(/\\s+/g, " ").trim()));
          }
          return texts.filter(Boolean);
        }"""
    )
    assert summary, "the #summary section has no paragraph"
    button = page.locator("article .ticket-summary__copy")
    assert button.count() == 1 and button.is_visible()
    button.click()
    copied = read_clipboard(page)
    link = expected_site_url() + page_url(source, lang)
    assert copied == "\n\n".join(summary) + "\n\n" + link
    assert page_log.problems() == []


@pytest.mark.parametrize(("source", "lang"), page_params(pages_with_linked_os_tabs()))
def test_choosing_an_os_tab_switches_every_tab_set_on_the_page(quality_page, page_log, source, lang):  # noqa: F811
    page = quality_page
    page.goto(page_url(source, lang))
    for label in (*OS_LABELS[1:], OS_LABELS[0]):
        labels = page.locator(f"article .tabbed-set > .tabbed-labels > label:text-is('{label}')")
        if labels.count() < 2:
            continue
        # Click it in the last set a reader can see: every other set must follow.
        labels.filter(visible=True).last.click()
        chosen = page.locator("article .tabbed-set").evaluate_all(
            """(sets, label) => sets.flatMap(s => {
                 const labels = [...s.querySelectorAll(':scope > .tabbed-labels > label')];
                 if (!labels.some(l => l.textContent.trim() === label)) return [];
                 const checked = s.querySelector(':scope > input:checked');
                 return [labels.find(l => l.htmlFor === checked.id).textContent.trim()];
               })""",
            label,
        )
        assert chosen == [label] * labels.count(), f"after choosing {label}: the tab sets show {chosen}"
    assert page_log.problems() == []
