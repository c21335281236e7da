"""Material's search, as a reader uses it: type into the box, read the result list.

Search runs in Material's worker on search/search_index.json, which holds both
languages; ``overrides/assets/javascripts/search-index.js`` keeps the page's
language and fetches the index only when the reader reaches for search. What the
"right" page is comes from the content: the fix pages whose titles contain the query
word, and for a query naming a cause (the fix page's own title), that fix page.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from quality_support import csp_violations, page_url, quality_page, search  # noqa: F401

import pip_ssl_check

pytestmark = pytest.mark.browser

# A query word per language that the article and most fix pages use.
COMMON_QUERIES = {"zh": "证书", "en": "certificate"}
INDEX_FILE = "search/search_index.json"


def title(built_site, source: str, lang: str) -> str:
    html = (built_site / page_url(source, lang) / "index.html").read_text(encoding="utf-8")
    heading = BeautifulSoup(html, "html.parser").select_one("article h1")
    return heading.get_text().replace("¶", "").strip()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_common_query_finds_the_article_and_the_fix_pages_titled_with_it_in_the_page_language(
    quality_page, page_log, built_site, lang
):
    page = quality_page
    query = COMMON_QUERIES[lang]
    page.goto(page_url("fix/clock-skew.md", lang))
    results = search(page, query)
    home = page_url("index.md", lang)
    titled = [
        page_url(f"fix/{fix}.md", lang)
        for fix in pip_ssl_check.FIX_PAGE_IDS
        if query.lower() in title(built_site, f"fix/{fix}.md", lang).lower()
    ]
    assert titled, f"no fix page title contains {query!r}; pick another query"
    assert home in results, f"{query!r} does not find the article (/{home}): {results}"
    assert [p for p in titled if p not in results] == [], f"{query!r} misses fix pages: {results}"
    in_english = [p.startswith("en/") for p in results]
    assert in_english == [lang == "en"] * len(results), f"results in the other language: {results}"
    assert page_log.problems() == []
    assert csp_violations(page) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_query_naming_a_cause_lists_its_fix_page_in_the_first_three(quality_page, page_log, built_site, lang):
    """The fix page's title (企业代理或 TLS 检查, Corporate proxy or TLS inspection, …)."""
    page = quality_page
    page.goto(page_url("index.md", lang))
    misses = {}
    for cause in pip_ssl_check.CAUSE_IDS:
        query = title(built_site, f"fix/{cause}.md", lang)
        results = search(page, query)
        if page_url(f"fix/{cause}.md", lang) not in results[:3]:
            misses[query] = results[:5]
    assert misses == {}, f"queries whose fix page is not in the first three results: {misses}"
    assert page_log.problems() == []


def test_search_index_is_fetched_only_when_the_reader_reaches_for_search(quality_page, page_log):
    page = quality_page
    page.goto(page_url("index.md", "en"))
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert [u for u in page_log.requests if u.endswith(INDEX_FILE)] == [], "index fetched with the page"
    with page.expect_request(f"**/{INDEX_FILE}"):
        page.locator("[data-md-component='search-query']").hover()
    assert search(page, "clock")[0] == page_url("fix/clock-skew.md", "en")
    assert page_log.problems() == []
