"""Helpers for the linter's tests: copies of the clean fixture site to seed defects into."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from site_build import ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE = FIXTURES / "base"
HOOK = ROOT / "scripts" / "hooks" / "lint.py"


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``path``.

    ``old=None`` writes ``new`` as the whole file; ``new=None`` deletes it.
    """

    path: str
    old: str | None
    new: str | None

    def apply(self, root: Path) -> None:
        file = root / self.path
        if self.new is None:
            file.unlink()
            return
        if self.old is None:
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(self.new, encoding="utf-8")
            return
        text = file.read_text(encoding="utf-8")
        assert text.count(self.old) == 1, f"{self.path}: {self.old!r} occurs {text.count(self.old)} times"
        file.write_text(text.replace(self.old, self.new), encoding="utf-8")


def copy_base(dest: Path, edits=()) -> Path:
    """The clean fixture site at ``dest``, with the build hook, and ``edits`` applied."""
    shutil.copytree(BASE, dest)
    (dest / "scripts" / "hooks").mkdir(parents=True, exist_ok=True)
    shutil.copy2(HOOK, dest / "scripts" / "hooks" / "lint.py")
    for edit in edits:
        edit.apply(dest)
    return dest
