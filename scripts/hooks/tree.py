"""Render the decision tree (``scripts/decision_tree.yml``) into /tree/ in each language.

The page works without JavaScript: every question is a ``<section id="tree-<node>">``
whose answers are plain links to the next section, and every leaf links to its fix
page. ``tree.js`` only hides all sections but the current one. Markdown is
generated rather than HTML so that MkDocs validates every link and anchor (and the
i18n plugin points ``fix/<cause>.md`` at the page's own language).

The overview picture is an inline SVG drawn here, at build time: no diagram library
reaches the reader, and because it is inline it takes its colours from the theme
(``currentColor`` and Material's CSS variables), so it reads in light and dark mode.

A page opts in with two marker lines, each on its own line::

    <!-- tree:steps -->      the question and leaf sections
    <!-- tree:overview -->   the SVG overview

The tree page has no ``##`` headings on purpose: with a table of contents,
Material's ``navigation.tracking`` rewrites the URL's hash as the reader scrolls,
and the ``#tree-<node>`` that says which step is open would be lost.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

import decision_tree
from decision_tree import START, Tree, anchor, is_leaf, leaf_cause

STEPS_MARKER = "<!-- tree:steps -->"
OVERVIEW_MARKER = "<!-- tree:overview -->"

UI = {
    "zh": {
        "your-error": "你的报错包含：",
        "about-error": "这个错误是什么意思",
        "likely-cause": "可能的原因",
        "open-fix": "打开修复方法",
        "overview-caption": "整棵决策树：从左边的“开始”出发，经过问题，到达带颜色的原因。点击任意一个方框跳到那一步。",
        "overview-label": "决策树概览",
    },
    "en": {
        "your-error": "Your error contains:",
        "about-error": "What this error means",
        "likely-cause": "Likely cause",
        "open-fix": "Open the fix",
        "overview-caption": "The whole tree: from the start on the left, through the questions, to the causes in colour. Select any box to go to that step.",
        "overview-label": "Decision tree overview",
    },
}


# --- Markdown for the steps -------------------------------------------------------


def _entry_symptoms(tree: Tree) -> dict[str, str]:
    """Symptom entry node id -> the start answer that leads there (the error phrase)."""
    import pip_ssl_check

    return {a.next: a.label for a in tree.nodes[START].answers if a.next in pip_ssl_check.SYMPTOM_IDS}


def render_steps(tree: Tree, lang: str) -> str:
    """The question and leaf sections as Markdown (md_in_html), in ``lang``."""
    ui = UI[lang]
    entries = _entry_symptoms(tree)
    out = [f'<div class="tree" data-tree-start="{anchor(START)}" markdown>', ""]
    for node_id, node in tree.nodes.items():
        kind = "start" if node_id == START else ("entry" if node_id in entries else "question")
        out += [f'<section class="tree-node tree-node--{kind}" id="{anchor(node_id)}" markdown>', ""]
        if kind == "entry":
            phrase = entries[node_id][lang]
            out += [
                f'<p class="tree-node__symptom" markdown>{ui["your-error"]} {phrase} · '
                f'[{ui["about-error"]}](symptoms.md#{node_id})</p>',
                "",
            ]
        out += [f'<p class="tree-node__question" markdown>**{node.text[lang]}**</p>', ""]
        if node.help:
            out += [f'<p class="tree-node__help" markdown>{node.help[lang]}</p>', ""]
        for answer in node.answers:
            out.append(f"- [{answer.label[lang]}](#{anchor(answer.next)})")
        out += ["", "</section>", ""]
    for cause, leaf in tree.leaves.items():
        out += [
            f'<section class="tree-node tree-node--leaf" id="{anchor("fix:" + cause)}" markdown>',
            "",
            f'<p class="tree-node__kicker">{ui["likely-cause"]}</p>',
            "",
            f'<p class="tree-node__question" markdown>**{leaf.title[lang]}**</p>',
            "",
            f'<p class="tree-node__help" markdown>{leaf.text[lang]}</p>',
            "",
            f'[{ui["open-fix"]}: {leaf.title[lang]}](fix/{cause}.md){{ .md-button .md-button--primary }}',
            "",
            "</section>",
            "",
        ]
    out += ["</div>", ""]
    return "\n".join(out)


# --- the overview SVG ---------------------------------------------------------------

FONT_SIZE = 12
ROW = 26
BOX_HEIGHT = 20
COLUMN_GAP = 36
PADDING_X = 8
MARGIN = 6


def text_width(text: str, monospace: bool = False) -> float:
    """Approximate rendered width at FONT_SIZE: CJK glyphs are square, Latin ones narrow."""
    if monospace:
        return len(text) * FONT_SIZE * 0.62
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += FONT_SIZE
        elif char in "ilI.,:;'|!()[] ":
            width += FONT_SIZE * 0.32
        elif char.isupper() or char in "mwMW@%":
            width += FONT_SIZE * 0.72
        else:
            width += FONT_SIZE * 0.56
    return width


@dataclass
class Box:
    key: str  # a node id, or "<parent>><fix:cause>" for a leaf drawn next to its parent
    target: str  # what the box links to: a node id or fix:<cause>
    label: str
    kind: str  # start, entry, question, leaf
    column: int
    parents: list[str]
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0


def _labels(tree: Tree, lang: str) -> dict[str, tuple[str, str]]:
    """target -> (label, kind) for every box of the picture."""
    entries = _entry_symptoms(tree)
    labels = {}
    for node_id, node in tree.nodes.items():
        if node_id == START:
            labels[node_id] = (node.short[lang], "start")
        elif node_id in entries:
            labels[node_id] = (node_id, "entry")
        else:
            labels[node_id] = (node.short[lang], "question")
    for cause, leaf in tree.leaves.items():
        labels["fix:" + cause] = (leaf.short[lang], "leaf")
    return labels


def layout(tree: Tree, lang: str) -> tuple[list[Box], float, float]:
    """Place question nodes in columns by depth, each leaf right after its question.

    A cause is drawn once per question that leads to it, next to that question: one
    shared box per cause would pull a dozen long edges across the picture. Within a
    column, boxes sit at the mean height of their parents (a few sweeps), then are
    pushed apart to one row each: enough for a readable picture without a layout
    library.
    """
    depths = tree.depths()
    labels = _labels(tree, lang)
    boxes: dict[str, Box] = {}
    for node_id in tree.nodes:
        if node_id in depths:
            label, kind = labels[node_id]
            boxes[node_id] = Box(node_id, node_id, label, kind, depths[node_id], [])
    for node_id in tree.nodes:
        for target in dict.fromkeys(tree.targets(node_id)):
            if is_leaf(target):
                key = f"{node_id}>{target}"
                label, kind = labels[target]
                boxes[key] = Box(key, target, label, kind, depths[node_id] + 1, [node_id])
            elif node_id not in boxes[target].parents:
                boxes[target].parents.append(node_id)
    columns: dict[int, list[Box]] = {}
    for box in boxes.values():
        columns.setdefault(box.column, []).append(box)
    height = max(len(c) for c in columns.values()) * ROW
    for column in columns.values():
        for i, box in enumerate(column):
            box.y = (i + 0.5) * height / len(column)
    children: dict[str, list[str]] = {key: [] for key in boxes}
    for box in boxes.values():
        for parent in box.parents:
            children[parent].append(box.key)

    def sweep(order: list[int], neighbours) -> None:
        for index in order:
            column = columns[index]
            for i, box in enumerate(column):
                ys = [boxes[k].y for k in neighbours(box)]
                # ties (siblings) keep their answer order
                box.y = (sum(ys) / len(ys) if ys else box.y) + i * 1e-3
            column.sort(key=lambda b: b.y)
            _spread(column, height)

    # Children follow their parents, then parents move to the middle of their
    # children, so each entry point lines up with its own part of the tree.
    for _ in range(3):
        sweep(sorted(columns)[1:], lambda b: b.parents)
        sweep(sorted(columns, reverse=True)[1:], lambda b: children[b.key])
    sweep(sorted(columns)[1:], lambda b: b.parents)
    x = MARGIN
    for index in sorted(columns):
        width = max(text_width(b.label, b.kind == "entry") for b in columns[index]) + 2 * PADDING_X
        for box in columns[index]:
            box.x, box.width = x, width
        x += width + COLUMN_GAP
    return list(boxes.values()), x - COLUMN_GAP + MARGIN, height + 2 * MARGIN


def _spread(column: list[Box], height: float) -> None:
    """Centre each run of crowded boxes on its wish, one row apart, inside [0, height]."""
    wishes = [b.y for b in column]
    for i, box in enumerate(column):
        box.y = max(wishes[i], ROW / 2 if i == 0 else column[i - 1].y + ROW)
    # Pushing down only would drift every crowd downwards; shift each back up by half.
    start = 0
    for i in range(1, len(column) + 1):
        if i == len(column) or column[i].y - column[i - 1].y > ROW + 1e-6:
            run = column[start:i]
            drift = (sum(b.y for b in run) - sum(wishes[start:i])) / len(run)
            floor = ROW / 2 if start == 0 else column[start - 1].y + ROW
            shift = min(drift, run[0].y - floor)
            for box in run:
                box.y -= max(shift, 0)
            start = i
    for i in range(len(column) - 1, -1, -1):
        box = column[i]
        box.y = min(box.y, height - ROW / 2 if i == len(column) - 1 else column[i + 1].y - ROW)


def render_svg(tree: Tree, lang: str) -> str:
    """The overview as one line of inline SVG (Markdown keeps a one-line block verbatim)."""
    boxes, width, height = layout(tree, lang)
    by_key = {b.key: b for b in boxes}
    e = html.escape
    parts = [
        f'<svg class="tree-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" aria-hidden="true" focusable="false" '
        f'font-size="{FONT_SIZE}">'
    ]
    parts.append('<g class="tree-map__edges" fill="none" stroke="currentColor">')
    for dest in boxes:
        for parent in dest.parents:
            source = by_key[parent]
            x1, y1 = source.x + source.width, source.y + MARGIN
            x2, y2 = dest.x, dest.y + MARGIN
            bend = min((x2 - x1) / 2, 2 * COLUMN_GAP)
            parts.append(
                f'<path class="tree-map__edge" data-from="{anchor(parent)}" data-to="{anchor(dest.target)}" '
                f'd="M{x1:.1f} {y1:.1f}C{x1 + bend:.1f} {y1:.1f} {x2 - bend:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"/>'
            )
    parts.append("</g>")
    for box in boxes:
        top = box.y + MARGIN - BOX_HEIGHT / 2
        parts.append(
            f'<a class="tree-map__node tree-map__node--{box.kind}" href="#{anchor(box.target)}" '
            f'data-tree-node="{anchor(box.target)}" tabindex="-1">'
            f'<rect x="{box.x:.1f}" y="{top:.1f}" width="{box.width:.1f}" height="{BOX_HEIGHT}" rx="4"/>'
            f'<text x="{box.x + PADDING_X:.1f}" y="{box.y + MARGIN:.1f}" dominant-baseline="central">'
            f"{e(box.label)}</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def render_overview(tree: Tree, lang: str) -> str:
    ui = UI[lang]
    # The picture scrolls sideways; a focusable region lets keyboard users scroll it.
    # Its boxes repeat links that the steps above already offer, so the SVG itself
    # is hidden from assistive technology.
    return (
        '<figure class="tree-overview">'
        f'<div class="tree-overview__scroll" tabindex="0" role="region" '
        f'aria-label="{html.escape(ui["overview-label"])}">{render_svg(tree, lang)}</div>'
        f"<figcaption>{html.escape(ui['overview-caption'])}</figcaption></figure>\n"
    )


# --- MkDocs events ------------------------------------------------------------------

MARKER_LINE_RE = re.compile(r"^[ \t]*(<!-- tree:(?:steps|overview) -->)[ \t]*$", re.M)


def page_language(page: Page, config: MkDocsConfig) -> str:
    lang = getattr(page.file, "locale", None) or config.theme.get("language") or "en"
    if lang not in UI:
        raise PluginError(f"tree hook: {page.file.src_uri}: no tree texts for language {lang!r}")
    return lang


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    if STEPS_MARKER not in markdown and OVERVIEW_MARKER not in markdown:
        return markdown
    try:
        tree = decision_tree.load_checked()
    except decision_tree.TreeError as error:
        raise PluginError(f"tree hook: {error}") from error
    lang = page_language(page, config)
    rendered = {STEPS_MARKER: render_steps(tree, lang), OVERVIEW_MARKER: render_overview(tree, lang)}
    return MARKER_LINE_RE.sub(lambda m: rendered[m.group(1)], markdown)
