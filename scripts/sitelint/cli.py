"""``make lint`` / ``scripts/docs.py lint``: check the sources without a build.

Prints one line per finding, ``path:line: CODE: message``, sorted, and exits 1
when there is any, 0 when the tree is clean, 2 on a usage error (bad option,
no mkdocs.yml under --root, unreadable allowlist).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .codes import CODES
from .external import AllowlistError

REPO_ROOT = Path(__file__).resolve().parents[2]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sitelint", description="Check links, zh/en parity and snippets of the site sources.")
    p.add_argument("--root", type=Path, default=REPO_ROOT, help="the tree to lint (a folder with mkdocs.yml); default: this repository")
    p.add_argument("--external", action="store_true", help="also fetch every allowlisted external link over the network")
    p.add_argument("--allowlist", type=Path, help="external link allowlist (default: <root>/scripts/sitelint/external-links.txt)")
    p.add_argument("--list-codes", action="store_true", help="print every finding code and what it means")
    p.add_argument("--time", action="store_true", help="print the wall time to stderr")
    return p


class _UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    args_parser = parser()
    try:
        args = args_parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    if args.list_codes:
        for code, meaning in CODES.items():
            print(f"{code}  {meaning}")
        return 0
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        print(f"sitelint: {root} has no mkdocs.yml; pass --root DIR with the site's mkdocs.yml", file=sys.stderr)
        return 2
    from .runner import lint  # imported late: --help and --list-codes stay instant

    started = time.perf_counter()
    try:
        findings = lint(root, external=args.external, allowlist=args.allowlist)
    except AllowlistError as exc:
        print(f"sitelint: {exc}", file=sys.stderr)
        return 2
    for finding in findings:
        print(finding)
    if args.time:
        print(f"sitelint: {len(findings)} finding(s) in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    elif findings:
        print(f"sitelint: {len(findings)} finding(s)", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
