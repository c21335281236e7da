"""Keep Material's language-root sitemap logic away from our per-page hreflang links.

Material's bundle fetches ``sitemap.xml`` relative to every ``<link rel=alternate>``
in the page (mkdocs-material#6582, zensical#908), because it expects those links to
be language roots (``/`` and ``/en/``). Ours are per-page and absolute, as search
engines want hreflang, so Material would request ``https://<site>/en/fix/x/sitemap.xml``:
a 404 on the real host and a cross-origin request on every other one (blocked by our
Content-Security-Policy, and a failure for a reader behind a strict proxy). The
i18n plugin already points the language selector at the twin page, so the feature is
not needed: this hook narrows Material's selector to alternates *without* hreflang
(feeds and the like) in the built bundle. It fails the build if the bundle no longer
contains the expected selector, so a Material upgrade cannot silently undo it.
``language-switch.js`` keeps the anchor when switching language, which Material's
logic used to do.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

MATERIAL_SELECTOR = 'M("link[rel=alternate]")'
NARROWED_SELECTOR = 'M("link[rel=alternate]:not([hreflang])")'


def narrow_alternate_selector(bundle: Path) -> None:
    text = bundle.read_text(encoding="utf-8")
    if NARROWED_SELECTOR in text:
        return
    count = text.count(MATERIAL_SELECTOR)
    if count != 1:
        raise PluginError(
            f"{bundle.name}: expected Material's alternate-link selector {MATERIAL_SELECTOR} once, "
            f"found {count}; update scripts/hooks/alternate_links.py for this Material version."
        )
    bundle.write_text(text.replace(MATERIAL_SELECTOR, NARROWED_SELECTOR), encoding="utf-8")


def on_post_build(config: MkDocsConfig) -> None:
    # The i18n plugin builds each language in turn; only the root build has the theme
    # assets (the English pages load them from ../assets).
    for bundle in Path(config.site_dir).glob("assets/javascripts/bundle.*.min.js"):
        narrow_alternate_selector(bundle)
