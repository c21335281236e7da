"""External links: the reviewed allowlist, and the opt-in network check.

A reader on a locked-down network follows our links; each external one is a
promise that it is the right page and safe to open. So every external URL the
site links to is listed, with the reason, in ``external-links.txt`` beside this
module (one entry a line: ``URL  # why``; an entry ending in ``*`` is a prefix).
The fragment is ignored when matching. ``--external`` fetches each linked URL
(HEAD, then GET when a server refuses HEAD) where there is a network.
"""

from __future__ import annotations

import concurrent.futures
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ALLOWLIST = Path(__file__).with_name("external-links.txt")
ALLOWLIST_REL = "scripts/sitelint/external-links.txt"


@dataclass(frozen=True)
class AllowEntry:
    url: str
    prefix: bool
    reason: str
    line: int

    def matches(self, url: str) -> bool:
        url = url.split("#", 1)[0]
        return url.startswith(self.url) if self.prefix else url == self.url


class AllowlistError(ValueError):
    """The allowlist file has a line the linter does not understand."""


def load_allowlist(path: Path) -> list[AllowEntry]:
    """Parse the allowlist; raises :class:`AllowlistError` naming the bad line."""
    entries = []
    if not path.is_file():
        return entries
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        url, sep, reason = line.partition(" #")
        url, reason = url.strip(), reason.strip()
        if not sep or not reason:
            raise AllowlistError(f"{path}:{number}: entry `{url}` has no reason; write `URL  # why it is linked`")
        if not url.startswith("https://"):
            raise AllowlistError(f"{path}:{number}: `{url}` is not https://; only https links are allowed")
        prefix = url.endswith("*")
        entries.append(AllowEntry(url.rstrip("*"), prefix, reason, number))
    return entries


def allowed(entries: list[AllowEntry], url: str) -> bool:
    return any(entry.matches(url) for entry in entries)


def fetch_status(url: str, timeout: float = 10.0, context: ssl.SSLContext | None = None) -> str | None:
    """None when ``url`` answers with a success or redirect, else the reason."""
    headers = {"User-Agent": "sitelint (fix-pip-ssl link check)"}
    last = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url.split("#", 1)[0], method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310 - https only
                if response.status < 400:
                    return None
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last = f"HTTP {exc.code}"
            if exc.code not in (403, 405, 501):
                return last
        except (urllib.error.URLError, OSError, ssl.SSLError) as exc:
            return f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
    return last


def check_reachable(urls: list[str], timeout: float = 10.0, context: ssl.SSLContext | None = None) -> dict[str, str]:
    """url -> failure reason, for the ones that fail (a few in parallel)."""
    failures = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda u: (u, fetch_status(u, timeout, context)), sorted(set(urls)))
        for url, reason in results:
            if reason:
                failures[url] = reason
    return failures
