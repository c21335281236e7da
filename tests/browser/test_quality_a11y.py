"""axe-core finds no WCAG 2.0/2.1 A or AA violation, on any page, in either palette.

Each page is checked as it opens (light palette) and again after the reader switches
to the dark palette with the header's toggle; the search dialog is checked open,
with results, in both palettes and languages. axe-core comes with
axe-playwright-python (pinned in requirements/dev.txt).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from quality_support import page_params, page_url, quality_page, search  # noqa: F401

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PALETTES = ("default", "slate")  # Material's light and dark schemes, in toggle order


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


def violations(axe: Axe, page) -> list[str]:
    """One line per violated rule: id, impact, the first elements and, for contrast, the colours."""
    found = []
    for rule in axe.run(page, options=AXE_OPTIONS).response["violations"]:
        nodes = []
        for node in rule["nodes"][:4]:
            where = " ".join(node["target"][-1:]) if isinstance(node["target"][-1], str) else str(node["target"])
            data = next((c.get("data") for c in node.get("any", []) if isinstance(c.get("data"), dict)), None)
            if data and "contrastRatio" in data:
                where += f" ({data.get('fgColor')} on {data.get('bgColor')}: {data['contrastRatio']}:1)"
            nodes.append(where)
        more = f" and {len(rule['nodes']) - 4} more" if len(rule["nodes"]) > 4 else ""
        found.append(f"{rule['id']} ({rule['impact']}): {'; '.join(nodes)}{more}")
    return found


def switch_palette(page, scheme: str) -> None:
    """Click the header's palette toggle until the page shows ``scheme``."""
    for _ in range(len(PALETTES)):
        if page.locator("body").get_attribute("data-md-color-scheme") == scheme:
            return
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme


def check_both_palettes(axe: Axe, page) -> dict[str, list[str]]:
    found = {}
    for scheme in PALETTES:
        switch_palette(page, scheme)
        found[scheme] = violations(axe, page)
    return found


def report(found: dict[str, list[str]]) -> str:
    """Empty when axe found nothing; otherwise one line per rule and palette."""
    return "\n".join(f"[{scheme}] {line}" for scheme, lines in found.items() for line in lines)


@pytest.mark.parametrize(("source", "lang"), page_params())
def test_axe_finds_no_violation_in_either_palette(quality_page, page_log, axe, source, lang):
    page = quality_page
    page.goto(page_url(source, lang))
    found = report(check_both_palettes(axe, page))
    assert not found, found
    assert page_log.problems() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_finds_no_violation_with_search_results_open(quality_page, page_log, axe, lang):
    page = quality_page
    page.goto(page_url("fix/corporate-proxy.md", lang))
    found = {}
    for scheme in PALETTES:
        switch_palette(page, scheme)  # the open search dialog covers the toggle
        assert search(page, {"zh": "证书", "en": "certificate"}[lang]), "no results to check"
        assert page.locator(".md-search__output").is_visible()
        found[scheme] = violations(axe, page)
        page.keyboard.press("Escape")
    assert not report(found), report(found)
    assert page_log.problems() == []


def test_axe_finds_no_violation_on_the_not_found_page(quality_page, page_log, axe):
    page = quality_page
    page.goto("404.html")
    found = report(check_both_palettes(axe, page))
    assert not found, found
    assert page_log.problems() == []
