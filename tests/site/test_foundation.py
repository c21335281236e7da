"""The bilingual site as the foundation issue defines it, checked on the built HTML."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from site_pages import DOCS, content_headings, source_pages

ASCII_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SITE_URL = "https://fix-pip-ssl.github.io/"
HREFLANG = {"zh": "zh-CN", "en": "en"}


def test_every_page_source_has_both_languages():
    zh = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md")}
    en = {p.relative_to(DOCS).as_posix().replace(".en.md", ".md") for p in DOCS.rglob("*.en.md")}
    assert zh == en, f"pages without a twin: zh only {sorted(zh - en)}, en only {sorted(en - zh)}"


def test_strict_build_writes_every_page_in_both_languages(built_pages):
    missing = [f"{p.lang}: {p.url or '/'}" for p in built_pages.values() if not p.path.is_file()]
    assert missing == []


def test_english_pages_are_english_and_chinese_pages_chinese(built_pages):
    for page in built_pages.values():
        html_lang = page.soup.html.get("lang")
        assert html_lang == page.lang, f"{page.url}: <html lang={html_lang!r}>"


@pytest.mark.parametrize("source", source_pages())
def test_page_pair_has_same_heading_ids_in_same_order(built_pages, source):
    zh = content_headings(built_pages[(source, "zh")])
    en = content_headings(built_pages[(source, "en")])
    assert zh == en


def test_every_heading_has_an_explicit_ascii_id(built_pages):
    bad = [
        f"{page.url or '/'}: <{tag} id={hid!r}>"
        for page in built_pages.values()
        for tag, hid in content_headings(page)
        if not ASCII_ID_RE.match(hid)
    ]
    assert bad == []


def _json_ld(page) -> dict:
    scripts = page.soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, f"{page.url}: {len(scripts)} JSON-LD blocks"
    return json.loads(scripts[0].string)


def test_json_ld_is_a_tech_article_in_the_page_language(built_pages):
    for page in built_pages.values():
        data = _json_ld(page)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "TechArticle"
        assert data["inLanguage"] == HREFLANG[page.lang], page.url
        assert data["url"] == SITE_URL + page.url
        assert data["headline"] and data["description"]


def test_home_page_metadata_comes_from_the_source_front_matter(built_pages):
    front = yaml.safe_load((DOCS / "index.md").read_text(encoding="utf-8").split("---")[1])
    page = built_pages[("index.md", "zh")]
    data = _json_ld(page)
    assert data["datePublished"] == str(front["date"])
    assert data["keywords"] == ", ".join(front["keywords"])
    assert page.soup.find("meta", attrs={"name": "description"})["content"] == front["description"]
    assert page.soup.find("meta", attrs={"name": "keywords"})["content"] == ", ".join(front["keywords"])
    assert page.soup.title.string.startswith(front["title"])


def test_hreflang_alternates_point_at_the_twin_page(built_pages):
    for (source, lang), page in built_pages.items():
        links = {
            link["hreflang"]: link["href"]
            for link in page.soup.find_all("link", rel="alternate")
            if link.get("hreflang")
        }
        twin = built_pages[(source, "en" if lang == "zh" else "zh")]
        by_lang = {lang: page, twin.lang: twin}
        assert links == {
            "zh-CN": SITE_URL + by_lang["zh"].url,
            "en": SITE_URL + by_lang["en"].url,
            "x-default": SITE_URL + by_lang["zh"].url,
        }, page.url
        canonical = page.soup.find("link", rel="canonical")["href"]
        assert canonical == SITE_URL + page.url


def test_open_graph_text_is_in_the_page_language(built_pages):
    for page in built_pages.values():
        og = {m["property"]: m["content"] for m in page.soup.find_all("meta", property=True)}
        assert og["og:locale"] == HREFLANG[page.lang].replace("-", "_")
        assert og["og:url"] == SITE_URL + page.url
        assert og["og:title"] and og["og:description"]


# Elements whose URL attribute makes the browser fetch something.
LOADING_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
    "track": "src",
}
# <link rel> values that fetch; canonical/alternate only name a URL.
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect",
                     "dns-prefetch", "manifest", "apple-touch-icon", "mask-icon"}


def _is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//")


def test_built_html_loads_nothing_from_another_host(built_site):
    foreign = []
    from bs4 import BeautifulSoup

    for html in built_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in LOADING_ATTRS.items():
            for el in soup.find_all(tag):
                if el.get(attr) and _is_foreign(el[attr]):
                    foreign.append(f"{html.relative_to(built_site)}: <{tag} {attr}={el[attr]}>")
        for link in soup.find_all("link", href=True):
            if set(link.get("rel", [])) & LOADING_LINK_RELS and _is_foreign(link["href"]):
                foreign.append(f"{html.relative_to(built_site)}: <link rel={link['rel']} href={link['href']}>")
        for el in soup.find_all(style=True):
            if re.search(r"url\(\s*['\"]?(https?:)?//", el["style"]):
                foreign.append(f"{html.relative_to(built_site)}: inline style {el['style']}")
    assert foreign == []


def test_stylesheets_import_nothing_from_another_host(built_site):
    foreign = [
        f"{css.relative_to(built_site)}: {m.group(0)}"
        for css in built_site.rglob("*.css")
        for m in re.finditer(r"(@import|url\()\s*['\"]?(https?:)?//[^)'\"]+", css.read_text(encoding="utf-8"))
    ]
    assert foreign == []


def test_symptoms_page_has_one_section_per_symptom_id_of_the_checker(built_pages):
    import pip_ssl_check

    for lang in ("zh", "en"):
        article = built_pages[("symptoms.md", lang)].article
        ids = [h["id"] for h in article.find_all("h2")]
        assert ids == list(pip_ssl_check.SYMPTOM_IDS), lang


def test_site_url_default_is_the_checkers_site_url(monkeypatch):
    import pip_ssl_check
    from mkdocs.config import load_config

    from site_build import CONFIG_FILE

    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config(str(CONFIG_FILE)).site_url == SITE_URL == pip_ssl_check.SITE_URL
    monkeypatch.setenv("SITE_URL", "https://docs.example.org/pip-ssl/")
    assert load_config(str(CONFIG_FILE)).site_url == "https://docs.example.org/pip-ssl/"


def test_root_404_page_speaks_both_languages_with_working_links(built_site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article.find(lang="zh-CN") and article.find(lang="en")
    hrefs = [a["href"] for a in article.find_all("a")]
    assert hrefs and all(h.startswith("/") and not h.startswith("//") for h in hrefs)
    for href in hrefs:
        target = built_site / urljoin("/", href).lstrip("/") / "index.html"
        assert target.is_file(), href
