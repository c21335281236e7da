"""Fix pages: one per cause id plus trusted-host, each with the sections a ticket links to."""

from __future__ import annotations

import re

import pytest

from site_pages import DOCS

FIX_SECTIONS = ["summary", "when", "fix", "verify", "undo", "security"]
SITE_URL = "https://fix-pip-ssl.github.io/"


def fix_page_ids() -> tuple[str, ...]:
    import pip_ssl_check

    return pip_ssl_check.FIX_PAGE_IDS


def test_fix_pages_are_exactly_the_checkers_causes_plus_trusted_host():
    import pip_ssl_check

    assert pip_ssl_check.FIX_PAGE_IDS == (*pip_ssl_check.CAUSE_IDS, "trusted-host")
    on_disk = {p.name.removesuffix(".en.md").removesuffix(".md") for p in (DOCS / "fix").glob("*.md")}
    assert on_disk == set(pip_ssl_check.FIX_PAGE_IDS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_fix_page_has_the_six_sections_in_order(built_pages, lang):
    for page_id in fix_page_ids():
        article = built_pages[(f"fix/{page_id}.md", lang)].article
        h2_ids = [h["id"] for h in article.find_all("h2")]
        assert [i for i in h2_ids if i in FIX_SECTIONS] == FIX_SECTIONS, f"{lang} {page_id}: {h2_ids}"
        assert h2_ids[: len(FIX_SECTIONS)] == FIX_SECTIONS, f"{lang} {page_id}: sections must come first"
        assert article.find("h1")["id"] == page_id


def _symptom_sections(article) -> dict[str, list]:
    """symptom id -> the elements of its ## section on the symptoms page."""
    sections, current = {}, None
    for el in article.children:
        if getattr(el, "name", None) == "h2":
            current = el["id"]
            sections[current] = []
        elif current and getattr(el, "name", None):
            sections[current].append(el)
    return sections


def _linked_fix_pages(elements) -> set[str]:
    found = set()
    for el in elements:
        for a in el.find_all("a", href=True):
            m = re.match(r"^(?:\.\./)?fix/([a-z0-9-]+)/(?:#.*)?$", a["href"])
            if m:
                found.add(m.group(1))
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_symptom_links_to_the_fix_pages_of_its_likely_causes(built_pages, lang):
    import pip_ssl_check

    sections = _symptom_sections(built_pages[("symptoms.md", lang)].article)
    for symptom, causes in pip_ssl_check.SYMPTOM_CAUSES.items():
        linked = _linked_fix_pages(sections[symptom])
        assert set(causes) <= linked, f"{lang} #{symptom} lacks links to {sorted(set(causes) - linked)}"
        if symptom != "unrecognized":
            assert linked, f"{lang} #{symptom} links to no fix page"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_fix_page_is_linked_from_some_symptom(built_pages, lang):
    sections = _symptom_sections(built_pages[("symptoms.md", lang)].article)
    linked = set().union(*(_linked_fix_pages(els) for els in sections.values()))
    assert set(fix_page_ids()) <= linked, sorted(set(fix_page_ids()) - linked)


def _summary_text(article) -> str:
    """The #summary section's paragraphs as plain text, read independently of the hook."""
    heading = article.find("h2", id="summary")
    paragraphs = []
    for el in heading.find_next_siblings():
        if el.name and re.match(r"h[1-6]$", el.name):
            break
        if "ticket-summary__actions" in (el.get("class") or []):
            continue
        for block in el.find_all(["p", "li"]) if el.name not in ("p", "li") else [el]:
            text = " ".join(block.get_text().split())
            if text:
                paragraphs.append(text)
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copy_summary_button_copies_the_summary_and_the_page_link(built_pages, lang):
    for page_id in fix_page_ids():
        page = built_pages[(f"fix/{page_id}.md", lang)]
        buttons = page.article.select("button.ticket-summary__copy")
        assert len(buttons) == 1, f"{page.url}: {len(buttons)} copy-summary buttons"
        expected = f"{_summary_text(page.article)}\n\n{SITE_URL}{page.url}"
        assert buttons[0]["data-clipboard-text"] == expected
        assert buttons[0].get_text(strip=True) == {"zh": "复制摘要和链接", "en": "Copy summary and link"}[lang]
