"""The option names pip's config files accept, read from pip's own source.

A pip config key is a long option name without ``--`` (``cert``,
``index-url``, ``trusted-host``); pip ignores unknown keys silently, which is
why a typo like ``certs = …`` "does nothing". The names come from the installed
pip's option definitions (``pip/_internal/cli/cmdoptions.py`` and each command's
``add_options``), read with ``ast`` rather than imported: importing pip's CLI
costs a third of a second and pulls in its vendored libraries, while every
option is declared with a literal ``"--name"`` string that ``ast`` finds.
Sections are ``global`` and pip's command names (``commands_dict``).
"""

from __future__ import annotations

import ast
import importlib.util
from functools import lru_cache
from pathlib import Path


class PipSourceError(RuntimeError):
    """pip's source is not where the linter expects it."""


def _pip_dir() -> Path:
    spec = importlib.util.find_spec("pip")
    if spec is None or not spec.submodule_search_locations:
        raise PipSourceError("pip is not installed in the linter's Python; install it (python -m ensurepip)")
    return Path(list(spec.submodule_search_locations)[0])


def _long_options(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("--") and len(arg.value) > 2 and " " not in arg.value:
                    names.add(arg.value[2:])
    return names


@lru_cache(maxsize=1)
def pip_config_names() -> tuple[frozenset[str], frozenset[str], str]:
    """(option names, section names, pip version)."""
    pip_dir = _pip_dir()
    internal = pip_dir / "_internal"
    files = [internal / "cli" / "cmdoptions.py", *sorted((internal / "commands").glob("*.py"))]
    options: set[str] = set()
    for file in files:
        options |= _long_options(file)
    sections = {"global"}
    tree = ast.parse((internal / "commands" / "__init__.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        target = getattr(node, "target", None) or (node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == "commands_dict" and isinstance(node.value, ast.Dict):
            sections |= {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
    if len(options) < 50 or len(sections) < 10:
        raise PipSourceError(f"found only {len(options)} options and {len(sections)} commands in {pip_dir}; pip's layout changed, update sitelint.pip_options")
    version = "?"
    init = (pip_dir / "__init__.py").read_text(encoding="utf-8")
    for line in init.splitlines():
        if line.startswith("__version__"):
            version = line.split("=", 1)[1].strip().strip("\"'")
    return frozenset(options), frozenset(sections), version
