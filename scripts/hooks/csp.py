"""A Content-Security-Policy on every page: the site itself, and nothing else.

The readers of this site sit behind networks that already interfere with their
traffic; the page must not depend on, or leak to, any other host. A policy in a
``<meta http-equiv>`` works on any static host (no server headers needed). Material
writes a few small inline scripts whose text differs per page (the base URL), so
the policy allows each by its SHA-256 hash, computed from the final HTML.
``'wasm-unsafe-eval'`` is added only on pages that run Pyodide (WebAssembly
compilation); nothing gets ``'unsafe-eval'`` or ``'unsafe-inline'`` scripts.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

INLINE_SCRIPT_RE = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S)
SRC_ATTR_RE = re.compile(r"\ssrc\s*=", re.I)
TYPE_ATTR_RE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Script types the browser executes; JSON data blocks are not subject to script-src.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
META_CHARSET_RE = re.compile(r"<meta charset=[^>]*>", re.I)

# Pages whose front matter says `pyodide: true` get WebAssembly compilation.
PYODIDE_META_KEY = "pyodide"


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions for every executable inline script, in page order."""
    hashes = []
    for match in INLINE_SCRIPT_RE.finditer(html):
        attrs = match.group("attrs") or ""
        if SRC_ATTR_RE.search(attrs):
            continue
        type_match = TYPE_ATTR_RE.search(attrs)
        if (type_match.group(1).lower() if type_match else "") not in EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy(script_hashes: list[str], wasm: bool = False) -> str:
    script_src = ["'self'", *script_hashes]
    if wasm:
        script_src.append("'wasm-unsafe-eval'")
    directives = {
        "default-src": ["'self'"],
        "script-src": script_src,
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(html: str, wasm: bool = False) -> str:
    """Insert the policy right after ``<meta charset>`` so it governs the whole page."""
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{policy(inline_script_hashes(html), wasm)}">'
    )
    match = META_CHARSET_RE.search(html)
    if not match:
        raise ValueError("page has no <meta charset>; cannot place the Content-Security-Policy first")
    return html[: match.end()] + meta + html[match.end():]


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_policy(output, wasm=bool((page.meta or {}).get(PYODIDE_META_KEY)))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page and other static templates get the same policy."""
    if template_name.endswith(".html"):
        return with_policy(output_content)
    return output_content
