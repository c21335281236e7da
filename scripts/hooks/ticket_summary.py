"""A "copy for a ticket" button under each fix page's summary.

Support engineers paste the summary of a fix page into a ticket together with the
page's link. The hook reads the text under the ``#summary`` heading from the
rendered page, so the copied text is exactly what the page shows, and adds a button
whose ``data-clipboard-text`` Material's own clipboard integration copies. Without
JavaScript the button is hidden (``.no-js`` in ``extra.css``); the text stays.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

SUMMARY_HEADING_RE = re.compile(r'<h2 id="summary"[^>]*>.*?</h2>', re.S)
NEXT_HEADING_RE = re.compile(r"<h[1-6][\s>]")
TAG_RE = re.compile(r"<[^>]+>")
SPACE_RE = re.compile(r"\s+")
PERMALINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)

BUTTON_LABEL = {"zh": "复制摘要和链接", "en": "Copy summary and link"}


def summary_text(block_html: str) -> str:
    """Plain text of the summary: paragraphs joined by blank lines, spaces collapsed."""
    paragraphs = re.split(r"</p>|</li>|<br\s*/?>", block_html)
    texts = [SPACE_RE.sub(" ", html.unescape(TAG_RE.sub("", p))).strip() for p in paragraphs]
    return "\n\n".join(t for t in texts if t)


def ticket_text(block_html: str, url: str) -> str:
    """What the button copies: the summary, a blank line, the page's absolute URL."""
    return f"{summary_text(block_html)}\n\n{url}"


def on_page_content(content: str, page: Page, config: MkDocsConfig, files) -> str:
    heading = SUMMARY_HEADING_RE.search(content)
    if heading is None:
        return content
    start = heading.end()
    following = NEXT_HEADING_RE.search(content, start)
    end = following.start() if following else len(content)
    block = PERMALINK_RE.sub("", content[start:end])
    locale = getattr(page.file, "locale", "zh")
    text = ticket_text(block, page.canonical_url or page.abs_url or page.url)
    button = (
        '<p class="ticket-summary__actions">'
        '<button type="button" class="md-button ticket-summary__copy" '
        f'data-clipboard-text="{html.escape(text, quote=True)}">'
        f"{BUTTON_LABEL.get(locale, BUTTON_LABEL['en'])}</button></p>\n"
    )
    return content[:end] + button + content[end:]
