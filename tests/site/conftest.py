"""The built site as parsed pages, for tests that read its HTML."""

from __future__ import annotations

import pytest

from site_pages import BuiltPage, page_url, source_pages


@pytest.fixture(scope="session")
def built_pages(built_site) -> dict[tuple[str, str], BuiltPage]:
    """(source, lang) -> BuiltPage for every page source in both languages."""
    pages = {}
    for source in source_pages():
        for lang in ("zh", "en"):
            url = page_url(source, lang)
            pages[(source, lang)] = BuiltPage(source, lang, built_site / url / "index.html", url)
    return pages

