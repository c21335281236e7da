"""Debian's Chromium, as every browser test and benchmark here launches it.

Playwright cannot download its own browser on the networks this site is for, so
everything drives ``/usr/bin/chromium`` (installed by ``scripts/install_test_tools.sh``).
Without the background-networking flags Chromium tries Google's hosts at start and
this machine's closed network refuses them, many at a time.
"""

from __future__ import annotations

import shutil

FLAGS = [
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]


class ChromiumMissing(RuntimeError):
    """No Chromium on PATH; the message says how to get it."""


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise ChromiumMissing(
            "Chromium not found: run `make test` (it installs Debian's chromium) or `apt-get install chromium`."
        )
    return path


def launch(playwright):
    """A headless Chromium browser from a ``sync_playwright()`` context."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=FLAGS)
