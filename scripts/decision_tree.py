"""The decision tree behind /tree/: loaded from ``decision_tree.yml`` and checked.

One data file holds every question, answer and leaf in both languages; the build
hook (``scripts/hooks/tree.py``) renders it and the tests walk it. Node ids become
page anchors (``#tree-<node-id>``) that support tickets link to, so the checks here
are the contract: every symptom id of the checker is an entry node, every leaf is a
cause id of the checker, every cause is reachable, and the tree has no cycles (a
wizard that can loop never ends).

>>> tree = load()
>>> tree.nodes["start"].answers[0].next
'unable-to-get-local-issuer'
>>> anchor("fix:clock-skew")
'tree-fix-clock-skew'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).with_name("decision_tree.yml")
LANGUAGES = ("zh", "en")
START = "start"
LEAF_PREFIX = "fix:"
NODE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class TreeError(ValueError):
    """The tree data breaks the contract; the message says where and how to fix it."""


Text = dict[str, str]  # language -> text


@dataclass(frozen=True)
class Answer:
    label: Text
    next: str  # a node id, or "fix:<cause-id>"


@dataclass(frozen=True)
class Node:
    id: str
    text: Text
    help: Text | None
    short: Text
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Leaf:
    cause: str
    title: Text
    short: Text
    text: Text


@dataclass(frozen=True)
class Tree:
    nodes: dict[str, Node]  # in file order; "start" first
    leaves: dict[str, Leaf]  # by cause id, in file order

    def targets(self, node_id: str) -> list[str]:
        """The next steps of a node (node ids or ``fix:<cause>``), in answer order."""
        return [a.next for a in self.nodes[node_id].answers]

    def reachable(self, node_id: str = START) -> set[str]:
        """Every node id and ``fix:<cause>`` reachable from ``node_id``, itself included."""
        seen, stack = set(), [node_id]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            if not is_leaf(current):
                stack.extend(self.targets(current))
        return seen

    def causes_from(self, node_id: str) -> set[str]:
        """The cause ids whose leaves can be reached from ``node_id``."""
        return {leaf_cause(t) for t in self.reachable(node_id) if is_leaf(t)}

    def depths(self) -> dict[str, int]:
        """Longest path from the start to every node (leaves included)."""
        order = self.topological_order()
        depth = {START: 0}
        for node_id in order:
            if is_leaf(node_id) or node_id not in depth:
                continue
            for target in self.targets(node_id):
                depth[target] = max(depth.get(target, 0), depth[node_id] + 1)
        return depth

    def topological_order(self) -> list[str]:
        """Nodes and leaves so that every step comes after all its predecessors."""
        indegree: dict[str, int] = {n: 0 for n in self.nodes}
        indegree.update({LEAF_PREFIX + c: 0 for c in self.leaves})
        for node_id in self.nodes:
            for target in self.targets(node_id):
                indegree[target] = indegree.get(target, 0) + 1
        ready = [n for n, d in indegree.items() if d == 0]
        order = []
        while ready:
            current = ready.pop(0)
            order.append(current)
            if is_leaf(current):
                continue
            for target in self.targets(current):
                indegree[target] -= 1
                if indegree[target] == 0:
                    ready.append(target)
        if len(order) != len(indegree):
            stuck = sorted(n for n, d in indegree.items() if d > 0)
            raise TreeError(f"{DATA_FILE.name}: the tree has a cycle through {', '.join(stuck)}")
        return order


def is_leaf(target: str) -> bool:
    return target.startswith(LEAF_PREFIX)


def leaf_cause(target: str) -> str:
    return target[len(LEAF_PREFIX):]


def anchor(target: str) -> str:
    """The page element id of a node or leaf: ``tree-<node-id>``, ``tree-fix-<cause>``."""
    if is_leaf(target):
        return f"tree-fix-{leaf_cause(target)}"
    return f"tree-{target}"


def _text(value, where: str, optional: bool = False) -> Text | None:
    if value is None and optional:
        return None
    if not isinstance(value, dict) or set(value) != set(LANGUAGES):
        raise TreeError(f"{DATA_FILE.name}: {where} needs exactly the languages {LANGUAGES}, found {value!r}")
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise TreeError(f"{DATA_FILE.name}: {where}.{lang} is empty")
    return dict(value)


def parse(data: dict) -> Tree:
    """Build a ``Tree`` from the YAML structure, failing on anything malformed."""
    questions = data.get("questions") or {}
    nodes: dict[str, Node] = {}
    for node_id, spec in (data.get("nodes") or {}).items():
        where = f"nodes.{node_id}"
        if not NODE_ID_RE.match(node_id) or node_id.startswith("fix-"):
            raise TreeError(f"{DATA_FILE.name}: {where}: node ids are kebab-case and never start with 'fix-'")
        if "ask" in spec:
            question = questions.get(spec["ask"])
            if question is None:
                raise TreeError(f"{DATA_FILE.name}: {where} asks unknown question {spec['ask']!r}")
            qwhere = f"questions.{spec['ask']}"
            mapping = spec.get("next") or {}
            answer_keys = list(question.get("answers") or {})
            if set(mapping) != set(answer_keys):
                raise TreeError(
                    f"{DATA_FILE.name}: {where}.next must map exactly the answers {answer_keys} of "
                    f"{qwhere}, found {list(mapping)}"
                )
            answers = tuple(
                Answer(_text(question["answers"][key], f"{qwhere}.answers.{key}"), str(mapping[key]))
                for key in answer_keys
            )
            text = _text(spec.get("text", question.get("text")), f"{qwhere}.text")
            help_text = _text(spec.get("help", question.get("help")), f"{qwhere}.help", optional=True)
            short = _text(spec.get("short", question.get("short")), f"{qwhere}.short")
        else:
            answers = tuple(
                Answer(_text({k: v for k, v in a.items() if k != "next"}, f"{where}.answers[{i}]"), str(a["next"]))
                for i, a in enumerate(spec.get("answers") or [])
            )
            text = _text(spec.get("text"), f"{where}.text")
            help_text = _text(spec.get("help"), f"{where}.help", optional=True)
            short = _text(spec.get("short"), f"{where}.short")
        if not answers:
            raise TreeError(f"{DATA_FILE.name}: {where} has no answers")
        nodes[node_id] = Node(node_id, text, help_text, short, answers)
    leaves = {
        cause: Leaf(
            cause,
            _text(spec.get("title"), f"leaves.{cause}.title"),
            _text(spec.get("short"), f"leaves.{cause}.short"),
            _text(spec.get("text"), f"leaves.{cause}.text"),
        )
        for cause, spec in (data.get("leaves") or {}).items()
    }
    if START not in nodes:
        raise TreeError(f"{DATA_FILE.name}: no node {START!r}")
    nodes = {START: nodes.pop(START), **nodes}
    return Tree(nodes, leaves)


def problems(tree: Tree, symptom_ids, cause_ids) -> list[str]:
    """Every way ``tree`` breaks the contract with the checker's id tables."""
    found = []
    for node_id, node in tree.nodes.items():
        for answer in node.answers:
            target = answer.next
            if is_leaf(target):
                if leaf_cause(target) not in cause_ids:
                    found.append(f"nodes.{node_id}: leaf {target!r} is not a cause id of pip_ssl_check.CAUSE_IDS")
                elif leaf_cause(target) not in tree.leaves:
                    found.append(f"nodes.{node_id}: leaf {target!r} has no entry under leaves:")
            elif target not in tree.nodes:
                found.append(f"nodes.{node_id}: answer leads to unknown node {target!r}")
    for symptom in symptom_ids:
        if symptom not in tree.nodes:
            found.append(f"nodes: no entry point for symptom {symptom!r} (add a node with that id)")
        elif symptom not in tree.targets(START):
            found.append(f"nodes.{START}: no answer leads to the entry point {symptom!r}")
    for cause in tree.leaves:
        if cause not in cause_ids:
            found.append(f"leaves.{cause}: not a cause id of pip_ssl_check.CAUSE_IDS")
    if found:
        return found
    try:
        tree.topological_order()
    except TreeError as error:
        return [str(error)]
    reachable = tree.reachable()
    for node_id in tree.nodes:
        if node_id not in reachable:
            found.append(f"nodes.{node_id}: not reachable from {START!r}")
    for cause in cause_ids:
        if LEAF_PREFIX + cause not in reachable:
            found.append(f"cause {cause!r}: no path from {START!r} leads to it")
    return found


def load(path: Path = DATA_FILE) -> Tree:
    """The tree in ``path``, parsed (not yet checked against the checker's ids).

    Cached per modification time: ``make serve`` re-renders the tree after an edit.
    """
    path = Path(path)
    return _load(path, path.stat().st_mtime_ns)


@cache
def _load(path: Path, mtime_ns: int) -> Tree:
    # libyaml's loader where it is built in: about 20 times faster than the pure one.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as handle:
        return parse(yaml.load(handle, Loader=loader))  # noqa: S506 - a safe loader


def load_checked(path: Path = DATA_FILE) -> Tree:
    """The tree, checked against ``pip_ssl_check``'s symptom and cause ids."""
    import pip_ssl_check

    tree = load(path)
    found = problems(tree, pip_ssl_check.SYMPTOM_IDS, pip_ssl_check.CAUSE_IDS)
    if found:
        raise TreeError(f"{path.name}: " + "; ".join(found))
    return tree
