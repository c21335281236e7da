"""The ids a page will have once rendered, computed from its source.

Headings give their explicit ``{ #id }`` (or the toc extension's slug), attr
lists and raw HTML give theirs, included Markdown snippets add their own, and
content tabs get ``<heading-id>-<label-slug>`` (``combine_header_slug``), made
unique the way pymdownx.tabbed does (``_1``, ``_2``). The build hook compares
links with the rendered ids as well, so what this misses the build still catches.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique
from pymdownx.slugs import slugify as pymdownx_slugify

from .markdown import MarkdownDoc
from .project import Page, Project

TAB_SLUGIFY = pymdownx_slugify(case="lower")


def heading_slug(text: str) -> str:
    return toc_slugify(text, "-")


def doc_ids(project: Project, doc: MarkdownDoc, used: dict[str, int], seen_snippets: frozenset = frozenset()) -> None:
    """Add the ids of ``doc`` (and the Markdown snippets it includes) to ``used``."""
    for heading in doc.headings:
        hid = heading.id if heading.id else unique(heading_slug(heading.text), set(used))
        used.setdefault(hid, heading.line)
    for hid, line in doc.extra_ids:
        used.setdefault(hid, line)
    for inc in doc.includes:
        if inc.fence is None and inc.spec.path.endswith(".md") and inc.spec.path not in seen_snippets:
            snippet_doc = project.markdown_snippets.get(inc.spec.path)
            if snippet_doc is not None:
                doc_ids(project, snippet_doc, used, seen_snippets | {inc.spec.path})
    for tab in doc.tabs:
        slug = TAB_SLUGIFY(tab.label, "-")
        if project.config.tab_combine_header_slug and tab.heading_id:
            slug = f"{tab.heading_id}-{slug}"
        used.setdefault(unique(slug, set(used)), tab.line)


def page_ids(project: Project, page: Page) -> dict[str, int]:
    """id -> source line, for every id the page is known to render."""
    cache = project.__dict__.setdefault("_page_ids", {})
    key = (page.key, page.locale)
    if key not in cache:
        used: dict[str, int] = {}
        doc_ids(project, page.doc, used)
        for generated in generated_ids(project, page.doc):
            used.setdefault(generated, 1)
        cache[key] = used
    return cache[key]


TREE_MARKER = "<!-- tree:steps -->"


def generated_ids(project: Project, doc: MarkdownDoc) -> list[str]:
    """Ids a hook writes into the page at build time, which the source cannot show.

    The decision-tree hook (``scripts/hooks/tree.py``) replaces ``<!-- tree:steps -->``
    with one section per node, ``tree-<node-id>`` and ``tree-fix-<cause>``, built from
    ``scripts/decision_tree.yml`` through ``decision_tree.load``/``anchor``. When that
    module cannot be loaded, the id contract still promises ``tree-<symptom-id>``.
    The build hook checks the rendered ids, so nothing here is taken on trust twice.
    """
    if not any(TREE_MARKER in line for line in doc.lines):
        return []
    if "_generated_tree_ids" in project.__dict__:
        return project.__dict__["_generated_tree_ids"]
    ids: list[str] = []
    module_path = project.root / "scripts" / "decision_tree.py"
    data_path = project.root / "scripts" / "decision_tree.yml"
    try:
        from .project import load_module_from

        tree_module = load_module_from(module_path, f"_sitelint_tree_{abs(hash(str(module_path)))}")
        tree = tree_module.load(data_path)
        ids = [tree_module.anchor(node) for node in tree.nodes]
        ids += [tree_module.anchor(tree_module.LEAF_PREFIX + cause) for cause in tree.leaves]
    except Exception:  # noqa: BLE001 - fall back to the contract; the build checks the real ids
        checker = project.checker
        ids = [f"tree-{s}" for s in getattr(checker, "SYMPTOM_IDS", ())] if not isinstance(checker, str) else []
    project.__dict__["_generated_tree_ids"] = ids
    return ids
