"""The id contract: the checker's tables, the symptoms page and the fix pages agree.

The checker prints ``/symptoms/#<symptom-id>`` and ``/fix/<cause-id>/`` links
into terminals and tickets; a heading that loses or changes its id breaks every
one of them. Like pydantic's ``test_error_codes``, this compares the ids defined
in code (``snippets/pip_ssl_check.py``) with the ids on the pages, in every
language, and holds every heading to an explicit kebab-case id.
"""

from __future__ import annotations

import re

from .findings import Finding
from .links import _line_of
from .project import Page, Project
from .snippets import all_docs

KEBAB_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIX_SECTIONS = ("summary", "when", "fix", "verify", "undo", "security")
FIX_INDEX_KEYS = {"fix/index.md"}


def check_heading_ids(project: Project) -> list[Finding]:
    findings = []
    for rel, doc in all_docs(project):
        seen: dict[str, int] = {}
        for heading in doc.headings:
            if heading.id is None:
                findings.append(Finding(rel, heading.line, "IDS001", f"heading `{'#' * heading.level} {heading.text}` has no explicit id; add ` {{ #some-id }}` (lowercase kebab-case, the same in both languages)"))
                continue
            if not KEBAB_RE.match(heading.id):
                suggestion = re.sub(r"[^a-z0-9]+", "-", heading.id.lower()).strip("-") or "some-id"
                findings.append(Finding(rel, heading.line, "IDS001", f"heading id `#{heading.id}` is not lowercase ASCII kebab-case; use `#{suggestion}` (and update links to it)"))
            if heading.id in seen:
                findings.append(Finding(rel, heading.line, "IDS001", f"heading id `#{heading.id}` is already used at line {seen[heading.id]}; give this heading its own id"))
            seen.setdefault(heading.id, heading.line)
    return findings


def check_fix_page_structure(project: Project, page: Page) -> list[Finding]:
    rel = project.rel(page.path)
    page_id = page.key[len("fix/") : -len(".md")]
    headings = page.doc.headings
    findings = []
    h1 = [h for h in headings if h.level == 1]
    if not h1 or h1[0].id != page_id:
        line = h1[0].line if h1 else 1
        findings.append(Finding(rel, line, "IDS004", f"a fix page's h1 id is its page id; write `# … {{ #{page_id} }}`"))
    h2_ids = [h.id for h in headings if h.level == 2]
    if h2_ids != list(FIX_SECTIONS):
        first_bad = next((h for h, want in zip([h for h in headings if h.level == 2], FIX_SECTIONS) if h.id != want), None)
        line = first_bad.line if first_bad else (headings[-1].line if headings else 1)
        findings.append(Finding(rel, line, "IDS004", f"fix page sections are {', '.join('#' + str(i) for i in h2_ids) or 'missing'}; they must be exactly {', '.join('#' + s for s in FIX_SECTIONS)}, in that order, as `##` headings"))
    section = None
    for heading in headings:
        if heading.level == 2:
            section = heading.id
        elif heading.level > 2 and section and heading.id and not heading.id.startswith(section + "-"):
            findings.append(Finding(rel, heading.line, "IDS004", f"sub-section id `#{heading.id}` under `#{section}` must start with `{section}-`; write `{{ #{section}-{heading.id} }}`"))
    return findings


def check_ids(project: Project) -> list[Finding]:
    findings = check_heading_ids(project)
    for page in project.pages:
        if page.key.startswith("fix/") and page.key not in FIX_INDEX_KEYS:
            findings += check_fix_page_structure(project, page)
    checker = project.checker
    checker_rel = project.rel(project.snippets_dir / project.CHECKER)
    if isinstance(checker, str):
        return findings + [Finding(checker_rel, 1, "IDS005", f"{checker}; the checker holds the symptom, cause and fix-page id tables the pages are checked against")]
    tables = {}
    for name in ("SYMPTOM_IDS", "CAUSE_IDS", "FIX_PAGE_IDS", "SYMPTOM_CAUSES"):
        value = getattr(checker, name, None)
        if value is None:
            findings.append(Finding(checker_rel, 1, "IDS005", f"the checker defines no `{name}`; add it (CONTRIBUTING.md lists the checker's id tables)"))
        tables[name] = value
    symptoms, causes, fix_pages, symptom_causes = (tables[n] for n in ("SYMPTOM_IDS", "CAUSE_IDS", "FIX_PAGE_IDS", "SYMPTOM_CAUSES"))
    if causes is not None and fix_pages is not None and tuple(fix_pages) != tuple(causes) + ("trusted-host",):
        findings.append(Finding(checker_rel, _line_of(project, "FIX_PAGE_IDS"), "IDS005", "FIX_PAGE_IDS must be CAUSE_IDS + ('trusted-host',); derive it from CAUSE_IDS"))
    if symptoms is not None and symptom_causes is not None:
        if set(symptom_causes) != set(symptoms):
            diff = sorted(set(symptoms) ^ set(symptom_causes))
            findings.append(Finding(checker_rel, _line_of(project, "SYMPTOM_CAUSES"), "IDS005", f"SYMPTOM_CAUSES keys differ from SYMPTOM_IDS ({', '.join(diff)}); give every symptom id an entry and no other"))
        unknown = sorted({c for cs in symptom_causes.values() for c in cs} - set(causes or ()))
        if unknown:
            findings.append(Finding(checker_rel, _line_of(project, "SYMPTOM_CAUSES"), "IDS005", f"SYMPTOM_CAUSES names causes not in CAUSE_IDS: {', '.join(unknown)}; add them to CAUSE_IDS or fix the names"))
    if symptoms is not None:
        findings += _check_symptoms_page(project, tuple(symptoms), checker_rel)
    if fix_pages is not None:
        findings += _check_fix_pages(project, tuple(fix_pages), checker_rel)
    return findings


def _check_symptoms_page(project: Project, symptoms: tuple[str, ...], checker_rel: str) -> list[Finding]:
    findings = []
    for locale in project.config.locales:
        page = project.page("symptoms.md", locale)
        if page is None:
            continue  # PAR001/LNK006 already say the page is missing
        rel = project.rel(page.path)
        h2 = [h for h in page.doc.headings if h.level == 2]
        ids = [h.id for h in h2]
        missing = [s for s in symptoms if s not in ids]
        for symptom in missing:
            findings.append(Finding(rel, h2[-1].line if h2 else 1, "IDS002", f"the checker's symptom `{symptom}` has no section here; add `## … {{ #{symptom} }}` (in the checker's order)"))
        present = [i for i in ids if i in symptoms]
        expected = [s for s in symptoms if s in present]
        if present != expected:
            index = next(i for i, (a, b) in enumerate(zip(present, expected)) if a != b)
            heading = next(h for h in h2 if h.id == present[index])
            findings.append(Finding(rel, heading.line, "IDS002", f"symptom sections are out of the checker's order: found `#{present[index]}`, expected `#{expected[index]}` here; order them as SYMPTOM_IDS"))
    return findings


def _check_fix_pages(project: Project, fix_pages: tuple[str, ...], checker_rel: str) -> list[Finding]:
    findings = []
    keys = {p.key for p in project.pages if p.key.startswith("fix/") and p.key not in FIX_INDEX_KEYS}
    line = _line_of(project, "CAUSE_IDS")
    for page_id in fix_pages:
        if f"fix/{page_id}.md" not in keys:
            findings.append(Finding(checker_rel, line, "IDS003", f"fix page id `{page_id}` has no page; create docs/fix/{page_id}.md and docs/fix/{page_id}.en.md"))
    for key in sorted(keys - {f"fix/{i}.md" for i in fix_pages}):
        page = project.page(key, project.config.default_locale) or next(p for p in project.pages if p.key == key)
        findings.append(Finding(project.rel(page.path), 1, "IDS003", f"`{key[4:-3]}` is not a fix page id in the checker; add it to CAUSE_IDS in {checker_rel} or rename the page to one that is"))
    return findings
