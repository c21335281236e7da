"""Every page, in both languages, loads cleanly in a real browser; deep links land.

"Cleanly": HTTP 200, no console error, no uncaught exception, no failed request to
the site, no request to any other host (the ``page_log`` fixture aborts those), no
Content-Security-Policy violation, the page's own language on ``<html>`` and one
visible ``h1``. The waiting covers what Material does after ``load`` (its search
worker), so a late failing request is seen too.
"""

from __future__ import annotations

import pytest
from quality_support import LANDING_JS, csp_violations, page_params, page_url, quality_page, section_ids

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("source", "lang"), page_params())
def test_page_loads_with_no_error_failed_request_or_foreign_request(quality_page, page_log, source, lang):
    page = quality_page
    response = page.goto(page_url(source, lang))
    assert response is not None and response.status == 200, f"/{page_url(source, lang)} answered {response and response.status}"
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").count() == 1 and page.locator("article h1").is_visible()
    assert page_log.problems() == []
    assert csp_violations(page) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_not_found_page_served_at_any_path_loads_cleanly_and_links_home(quality_page, page_log, built_site, site_url, lang):
    page = quality_page
    missing = f"{site_url}{'en/' if lang == 'en' else ''}fix/no-such-cause/"
    # A static host answers an unknown path with the site's 404.html, whatever its depth.
    page.route(missing, lambda route: route.fulfill(status=404, path=built_site / "404.html"))
    errors = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(missing)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("h1#not-found").is_visible()
    links = page.locator("article a[href]").evaluate_all("links => links.map(a => a.href)")
    assert len(links) >= 4, "the 404 page links home and to the symptoms, in both languages"
    for href in links:
        assert page.request.get(href).status == 200, f"404 page links to {href}, which does not load"
    # The one expected error: Chromium logs the document's own 404 status.
    assert errors == [f"404 {missing}"]
    document_404 = "console error: Failed to load resource: the server responded with a status of 404 (Not Found)"
    assert [p for p in page_log.problems() if p != document_404] == []
    assert csp_violations(page) == []


@pytest.mark.parametrize(("source", "lang"), page_params())
def test_deep_link_with_an_anchor_lands_on_that_heading(quality_page, page_log, built_site, source, lang):
    """A link into the page opens it at the heading, not under the header or off screen.

    The last section is opened from a fresh load (the longest scroll); every other
    section by changing the anchor, as a link within the page or a pasted link does.
    """
    page = quality_page
    path = page_url(source, lang)
    ids = section_ids(built_site, source, lang)
    assert ids, f"/{path} has no heading with an id to link to"
    missed = {}
    for heading in [ids[-1], *ids[:-1]]:
        page.goto(f"{path}#{heading}")
        for _ in range(40):  # up to 2 s for the scroll to settle
            landing = page.evaluate(LANDING_JS, heading)
            if landing.get("landed"):
                break
            page.wait_for_timeout(50)
        if not landing.get("landed"):
            missed[heading] = landing
    assert missed == {}, f"/{path}: headings not in view after a jump: {missed}"
    page.wait_for_load_state("networkidle")
    assert page_log.problems() == []
