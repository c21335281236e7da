"""Head metadata for sharing and search engines: hreflang alternates and JSON-LD.

The i18n plugin knows each page's twin in the other language (``page.file.alternates``),
but Material only prints relative ``<link rel="alternate">`` tags with bare language
codes. Search engines want absolute URLs, region tags and an ``x-default``; a support
engineer pasting a link wants Open Graph text in the page's language. This hook puts
both into the page context as data; ``overrides/main.html`` only renders them.
"""

from __future__ import annotations

import datetime as _dt
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# Language tags as search engines and schema.org expect them, by i18n locale.
HREFLANG = {"zh": "zh-CN", "en": "en"}
DEFAULT_LOCALE = "zh"


def absolute_url(config: MkDocsConfig, url: str) -> str:
    """Join a page URL (``en/fix/x/`` or ``/en/``) to ``site_url``.

    The i18n plugin hands out both forms: a leading slash for language roots
    (already carrying site_url's path), none for pages.
    """
    base = config.site_url or "/"
    path = url.lstrip("/")
    base_path = base.split("://", 1)[-1].partition("/")[2]
    if base_path and path.startswith(base_path):
        path = path[len(base_path):]
    return urljoin(base, path if path != "." else "")


def page_alternates(page: Page, config: MkDocsConfig) -> list[dict[str, str]]:
    """Every language version of ``page``, itself included, plus ``x-default``."""
    locale = getattr(page.file, "locale", DEFAULT_LOCALE)
    urls = {locale: absolute_url(config, page.url)}
    for other, file in getattr(page.file, "alternates", {}).items():
        if other != locale and other in HREFLANG:
            urls[other] = absolute_url(config, file.url)
    links = [{"hreflang": HREFLANG[loc], "href": urls[loc]} for loc in HREFLANG if loc in urls]
    if DEFAULT_LOCALE in urls:
        links.append({"hreflang": "x-default", "href": urls[DEFAULT_LOCALE]})
    return links


def json_ld(page: Page, config: MkDocsConfig, locale: str) -> dict:
    """A schema.org TechArticle built from the page's front matter."""
    meta = page.meta or {}
    data = {
        "@context": "https://schema.org",
        "@type": "TechArticle",
        "headline": meta.get("title") or page.title,
        "name": meta.get("title") or page.title,
        "description": meta.get("description") or config.site_description,
        "inLanguage": HREFLANG.get(locale, locale),
        "url": absolute_url(config, page.url),
        "proficiencyLevel": "Beginner",
    }
    if meta.get("keywords"):
        data["keywords"] = ", ".join(meta["keywords"])
    for key, field in (("date", "datePublished"), ("updated", "dateModified")):
        value = meta.get(key)
        if isinstance(value, (_dt.date, _dt.datetime)):
            data[field] = value.isoformat()
        elif value:
            data[field] = str(value)
    return data


def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    locale = getattr(page.file, "locale", DEFAULT_LOCALE)
    context["page_locale"] = locale
    context["page_hreflang"] = HREFLANG.get(locale, locale)
    context["page_alternates"] = page_alternates(page, config)
    context["page_json_ld"] = json_ld(page, config, locale)
    return context
