"""Playwright on Debian's Chromium, against the built site on 127.0.0.1.

Playwright cannot download its own browsers on this network, so the tests drive
``/usr/bin/chromium`` (installed by ``scripts/install_test_tools.sh``). Every
request to another origin is aborted and recorded, and a test fails if any was
attempted: a forgotten CDN link must fail here, not hang a reader's page behind a
firewall.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import chromium

def chromium_path() -> str:
    try:
        return chromium.chromium_path()
    except chromium.ChromiumMissing as error:
        pytest.fail(str(error))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [*browser_type_launch_args.get("args", []), *chromium.FLAGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, site_url):
    return {**browser_context_args, "base_url": site_url}


@dataclass
class PageLog:
    """What a page did that a reader would suffer from."""

    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request to another origin: {u}" for u in self.foreign_requests]
            + [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {u}" for u in self.failed_requests]
        )


@pytest.fixture
def page_log(page, site_url) -> PageLog:
    """Route every request: same origin goes through, anything else is aborted and logged.

    Tests that expect a clean page assert ``page_log.problems() == []``; the
    foreign-request check is also enforced for every browser test at teardown.
    """
    log = PageLog()
    local = ("data:", "blob:", "about:")

    def route(route):
        url = route.request.url
        if url.startswith(site_url) or url.startswith(local):
            log.requests.append(url)
            route.continue_()
        else:
            log.foreign_requests.append(url)
            route.abort("blockedbyclient")

    page.context.route("**/*", route)
    page.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    page.on(
        "requestfailed",
        lambda r: log.failed_requests.append(f"{r.url} ({r.failure})")
        if r.url.startswith(site_url)
        else None,
    )
    yield log
    assert log.foreign_requests == [], "the page tried to reach another host"
