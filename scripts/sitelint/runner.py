"""Run every check over one tree: the single entry point of the CLI and the hook.

``start()`` reads the tree and launches the tool batch (shellcheck, bash -n,
the two CPythons) in the background; ``Lint.finish()`` runs the in-process
checks meanwhile and then collects the tools' results. The hook calls the same
two steps around MkDocs' own rendering, so both report the same findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import ids, links, parity, placeholders, safety, snippets, syntax
from .findings import Finding, sorted_unique
from .project import Project
from .tools import ToolBatch, start_tools
from .units import Unit, collect_units, fill_placeholders


@dataclass
class Lint:
    project: Project
    tools: ToolBatch
    external: bool = False
    allowlist: Path | None = None
    units: list[Unit] = field(default_factory=list)

    def fast_findings(self) -> list[Finding]:
        """Every check that runs in this process."""
        project = self.project
        findings = []
        findings += links.check_links(project, self.allowlist, self.external)
        findings += parity.check_parity(project)
        findings += ids.check_ids(project)
        findings += snippets.check_snippets(project)
        fill = self._fill
        for unit in self.units:
            check = syntax.IN_PROCESS.get(unit.lang)
            if check:
                findings += check(unit, fill)
            findings += placeholders.check_unit(project, unit)
            findings += safety.check_unit(unit)
        findings += placeholders.check_prose(project)
        findings += safety.check_pages(project)
        return findings

    def _fill(self, text: str) -> str:
        return fill_placeholders(text, self.project.placeholders)

    def finish(self) -> list[Finding]:
        try:
            findings = self.fast_findings()
        except BaseException:
            self.tools.cancel()
            raise
        return sorted_unique(findings + self.tools.finish())

    def cancel(self) -> None:
        self.tools.cancel()


def start(root: Path, external: bool = False, allowlist: Path | None = None) -> Lint:
    project = Project(root)
    project.config  # noqa: B018 - fail now, before any process starts, if mkdocs.yml is unreadable
    units = collect_units(project)
    tools = start_tools(units, lambda t: fill_placeholders(t, project.placeholders))
    return Lint(project, tools, external, allowlist, units)


def lint(root: Path, external: bool = False, allowlist: Path | None = None) -> list[Finding]:
    """All findings for the tree at ``root``, sorted."""
    return start(root, external, allowlist).finish()
