"""Read mkdocs.yml without MkDocs: the few settings the linter needs.

The CLI must not pay for ``mkdocs.config.load_config`` (it imports every plugin
and theme), so the file is read with a YAML loader that understands the tags
this project uses: ``!ENV [NAME, default]`` gives the *default* (the linter
compares the checker's SITE_URL with it, whatever the environment says),
``!relative $config_dir/x`` gives ``x`` under the config's folder, and
``!!python/...`` objects (the tab slugify) are kept as opaque markers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """SafeLoader plus the MkDocs tags; never executes anything."""


def _env(loader, node):
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if len(values) > 1 else None
    return None


def _relative(loader, node):
    return ("!relative", loader.construct_scalar(node))


def _python_object(loader, suffix, node):
    return ("!!python", suffix)


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", _relative)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_object)


@dataclass
class NavEntry:
    """One nav item: a page path (docs-relative) or an external URL."""

    title: str | None
    target: str
    line: int


@dataclass
class SiteConfig:
    """What the linter reads from mkdocs.yml."""

    path: Path
    docs_dir: Path
    snippets_dir: Path
    overrides_dir: Path | None
    site_url: str
    use_directory_urls: bool
    default_locale: str
    locales: list[str]
    nav: list[NavEntry] = field(default_factory=list)
    not_in_nav: list[str] = field(default_factory=list)
    hooks: list[str] = field(default_factory=list)
    tab_combine_header_slug: bool = False
    raw: dict = field(default_factory=dict)


def _resolve(root: Path, value, default: str) -> Path:
    if isinstance(value, tuple) and value[0] == "!relative":
        text = value[1].replace("$config_dir", str(root))
        return Path(text) if Path(text).is_absolute() else root / text
    return root / (value or default)


def _extension_config(raw: dict, name: str) -> dict | None:
    for item in raw.get("markdown_extensions") or []:
        if isinstance(item, str) and item == name:
            return {}
        if isinstance(item, dict) and name in item:
            return item[name] or {}
    return None


def _nav_lines(text: str) -> dict[str, int]:
    """First line on which each nav target string appears (for messages)."""
    lines: dict[str, int] = {}
    in_nav = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("nav:"):
            in_nav = True
            continue
        if in_nav and line and not line.startswith((" ", "-", "#")):
            in_nav = False
        if in_nav:
            value = line.split(":", 1)[-1] if ": " in line else line.lstrip(" -")
            value = value.strip().strip("'\"")
            if value:
                lines.setdefault(value, number)
    return lines


def _flatten_nav(items, lines: dict[str, int]) -> list[NavEntry]:
    out: list[NavEntry] = []
    for item in items or []:
        if isinstance(item, str):
            out.append(NavEntry(None, item, lines.get(item, 1)))
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    out.extend(_flatten_nav(value, lines))
                elif isinstance(value, str):
                    out.append(NavEntry(title, value, lines.get(value, 1)))
    return out


def load_site_config(root: Path) -> SiteConfig:
    """Parse ``root/mkdocs.yml``; raises ``ValueError`` with the reason if it cannot."""
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - _Loader is a SafeLoader
    theme = raw.get("theme") or {}
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    snippets = _extension_config(raw, "pymdownx.snippets") or {}
    base_path = snippets.get("base_path")
    if isinstance(base_path, list):
        base_path = base_path[0] if base_path else None
    tabbed = _extension_config(raw, "pymdownx.tabbed") or {}
    i18n = {}
    for plugin in raw.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            i18n = plugin["i18n"] or {}
    languages = i18n.get("languages") or [{"locale": "en", "default": True}]
    locales = [lang["locale"] for lang in languages]
    default = next((lang["locale"] for lang in languages if lang.get("default")), locales[0])
    not_in_nav = raw.get("not_in_nav") or ""
    return SiteConfig(
        path=path,
        docs_dir=_resolve(root, raw.get("docs_dir"), "docs"),
        snippets_dir=_resolve(root, base_path, "."),
        overrides_dir=_resolve(root, custom_dir, "overrides") if custom_dir else None,
        site_url=raw.get("site_url") or "",
        use_directory_urls=raw.get("use_directory_urls", True),
        default_locale=default,
        locales=[default] + [loc for loc in locales if loc != default],
        nav=_flatten_nav(raw.get("nav"), _nav_lines(text)),
        not_in_nav=[p.strip() for p in not_in_nav.splitlines() if p.strip()],
        hooks=list(raw.get("hooks") or []),
        tab_combine_header_slug=bool(tabbed.get("combine_header_slug")),
        raw=raw,
    )
