"""The one record every check produces, and how it prints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    """A defect at ``path:line`` (``path`` relative to the linted root, POSIX).

    ``message`` says what is wrong and how to fix it; ``code`` names the check
    (see :data:`sitelint.codes.CODES`). Sorting orders by path, then line, so
    the output reads top to bottom through each file.
    """

    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code}: {self.message}"


def sorted_unique(findings) -> list[Finding]:
    """Findings in print order, each once (two routes can reach one defect)."""
    return sorted(set(findings))
