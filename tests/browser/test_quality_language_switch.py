"""The language selector opens the same page, at the same section, in the other language.

Clicked the way a reader does it: open the selector in the header, click the other
language. Heading ids are identical in both languages (tests/site checks that), so
the anchor exists on the twin page; ``language-switch.js`` carries it over.
"""

from __future__ import annotations

import pytest
from quality_support import LANDING_JS, csp_violations, page_params, page_url, quality_page, section_ids

pytestmark = pytest.mark.browser

OTHER = {"zh": "en", "en": "zh"}


def switch_language(page, to: str) -> None:
    """Open the header's language selector and click ``to``; wait for the twin page."""
    page.locator(".md-header .md-select > button").click()
    link = page.locator(f".md-header a.md-select__link[hreflang='{to}']")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()


def path_and_hash(page, site_url: str) -> tuple[str, str]:
    url = page.url.removeprefix(site_url)
    path, _, anchor = url.partition("#")
    return path, anchor


def assert_heading_in_view(page, heading: str) -> None:
    for _ in range(40):
        landing = page.evaluate(LANDING_JS, heading)
        if landing.get("landed"):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"#{heading} is not in view after switching language: {landing}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_switch_keeps_the_fix_page_and_the_verify_anchor(quality_page, page_log, site_url, lang):
    page = quality_page
    page.goto(page_url("fix/corporate-proxy.md", lang) + "#verify")
    switch_language(page, OTHER[lang])
    assert path_and_hash(page, site_url) == (page_url("fix/corporate-proxy.md", OTHER[lang]), "verify")
    assert page.locator("html").get_attribute("lang") == OTHER[lang]
    assert_heading_in_view(page, "verify")
    assert page_log.problems() == []
    assert csp_violations(page) == []


@pytest.mark.parametrize(("source", "lang"), page_params())
def test_switch_keeps_the_page_and_the_section_on_every_page(quality_page, page_log, built_site, site_url, source, lang):
    page = quality_page
    section = section_ids(built_site, source, lang)[-1]
    page.goto(f"{page_url(source, lang)}#{section}")
    switch_language(page, OTHER[lang])
    assert path_and_hash(page, site_url) == (page_url(source, OTHER[lang]), section)
    assert_heading_in_view(page, section)
    assert page_log.problems() == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_switch_without_an_anchor_opens_the_twin_page_at_its_top(quality_page, page_log, site_url, lang):
    page = quality_page
    page.goto(page_url("symptoms.md", lang))
    switch_language(page, OTHER[lang])
    assert path_and_hash(page, site_url) == (page_url("symptoms.md", OTHER[lang]), "")
    assert page.evaluate("scrollY") == 0
    assert page_log.problems() == []


@pytest.mark.browser_context_args(java_script_enabled=False)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_switch_without_javascript_still_opens_the_twin_page(page, page_log, site_url, lang):
    page.goto(page_url("fix/clock-skew.md", lang) + "#undo")
    page.locator(".md-header .md-select > button").focus()
    link = page.locator(f".md-header a.md-select__link[hreflang='{OTHER[lang]}']")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    assert path_and_hash(page, site_url)[0] == page_url("fix/clock-skew.md", OTHER[lang])
    assert page.locator("html").get_attribute("lang") == OTHER[lang]
    assert page_log.problems() == []
