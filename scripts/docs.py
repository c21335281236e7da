#!/usr/bin/env python3
"""Maintenance tasks for the site: one entry point, a subcommand per task.

Each subcommand's docstring is its ``--help``. The work lives in small modules
next to this file (tests call them directly); this file only parses arguments.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent


def cmd_lint(args: argparse.Namespace) -> int:
    """Check links, zh/en parity and snippets without a full build.

    Prints one line per finding, ``path:line: CODE: message``, and exits 1 if
    there is any. ``--root DIR`` lints a copy; ``--external`` also fetches every
    allowlisted external link; ``--list-codes`` prints the check codes.
    """
    from sitelint import cli

    return cli.main(args.rest)


def cmd_bench(args: argparse.Namespace) -> int:
    """Print the benchmark figures of every ``scripts/bench_*.py``.

    Each benchmark module has a ``main(argv) -> int`` that prints its figures
    and their goals. ``--only NAME`` runs one (``--only site`` for bench_site).
    """
    names = sorted(m.name for m in pkgutil.iter_modules([str(SCRIPTS)]) if m.name.startswith("bench_"))
    if args.only:
        names = [n for n in names if n == f"bench_{args.only}"]
        if not names:
            print(f"docs.py bench: no scripts/bench_{args.only}.py", file=sys.stderr)
            return 2
    status = 0
    for name in names:
        print(f"== {name}", flush=True)
        status |= importlib.import_module(name).main(args.rest) or 0
    return status


def cmd_lab_fixtures(args: argparse.Namespace) -> int:
    """Re-run every lab scenario and save its real pip output as test fixtures.

    Writes tests/fixtures/pip-output/<scenario>.txt, its index.json and
    tests/fixtures/precedence.json (scripts/lab_fixtures.py does the work).
    """
    return importlib.import_module("lab_fixtures").main(args.rest)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="docs.py", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True)
    for name, func in sorted(globals().items()):
        if name.startswith("cmd_"):
            doc = func.__doc__ or ""
            p = sub.add_parser(name[4:].replace("_", "-"), help=doc.splitlines()[0], description=doc)
            p.set_defaults(func=func)
            if name == "cmd_bench":
                p.add_argument("--only", metavar="NAME")
            p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return top


def main(argv: list[str] | None = None) -> int:
    # REMAINDER does not take options that come first (`lint --root DIR`):
    # the subcommand's own parser gets every argument it does not know.
    args, unknown = parser().parse_known_args(argv)
    args.rest = unknown + args.rest
    return args.func(args)


if __name__ == "__main__":
    sys.path.insert(0, str(SCRIPTS))
    sys.exit(main())
