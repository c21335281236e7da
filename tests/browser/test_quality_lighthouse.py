"""Lighthouse gives accessibility, best practices and SEO a full score.

On the home page, a fix page and the checker page, in both languages, with the site
built for the server it is measured on (canonical and hreflang links on the same
host, as Lighthouse's SEO audits require) and served compressed like a static host.
Performance is not asserted: it depends on the machine's load; ``make bench``
(scripts/bench_lighthouse.py) prints it against its goal. A missing Lighthouse,
Node or Chromium fails the test with the way to install it.
"""

from __future__ import annotations

import pytest

import bench_lighthouse
import static_site

pytestmark = pytest.mark.browser

ASSERTED = ("accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def lighthouse_site(tmp_path_factory):
    """Base URL of the site built for, and served by, this module's own server."""
    try:
        bench_lighthouse.lighthouse_command()
        bench_lighthouse.chromium_path()
    except bench_lighthouse.ToolMissing as error:
        pytest.fail(str(error))
    with static_site.served_site(tmp_path_factory.mktemp("lighthouse") / "site") as base:
        yield base


@pytest.mark.parametrize("path", bench_lighthouse.page_paths(), ids=lambda p: "/" + p)
def test_lighthouse_scores_accessibility_best_practices_and_seo_at_one(lighthouse_site, path):
    report = bench_lighthouse.run_lighthouse(lighthouse_site + path, categories=ASSERTED)
    assert report.url == lighthouse_site + path
    lost = {
        name: f"{report.scores[name]} ({'; '.join(report.failing[name]) or 'no audit named'})"
        for name in ASSERTED
        if report.scores.get(name) != 1
    }
    assert lost == {}
