"""Build the site from Python exactly as ``mkdocs build`` does.

Tests, the benchmark and the linter's mutation tests all need a real build. The
CLI's own sequence is ``load_config`` -> ``plugins.on_startup`` -> ``build`` ->
``plugins.on_shutdown`` (``mkdocs/__main__.py``); skipping the start-up and
shut-down events breaks plugins that keep state across them. The mkdocs logger is
left at its default level: DEBUG (``-v``) switches anchor validation off and
``-q`` stops warnings from being counted (mkdocs/mkdocs#3927), either of which
would let a strict build pass that the CLI fails.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "mkdocs.yml"


def build_site(
    site_dir: str | os.PathLike,
    config_file: str | os.PathLike = CONFIG_FILE,
    strict: bool = True,
    **overrides,
) -> Path:
    """Build ``config_file`` into ``site_dir`` and return that path.

    Raises ``mkdocs.exceptions.Abort`` when the strict build finds a warning, with
    the same message the CLI prints. ``strict=False`` is ``mkdocs build`` without
    ``--strict`` (the linter's tests prove its hook fails even that); other keyword
    arguments override config options (``site_url=...``).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(config_file), strict=strict, site_dir=str(site_dir), **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config, dirty=False)
    finally:
        config.plugins.on_shutdown()
    return Path(site_dir)
