"""One quote trace's part of the provenance graph, laid out for an SVG drawn on the server.

The nodes and edges are those of :mod:`wirelens.link.graph` restricted to one trace: the
speaker, every article the statement appears in, and the sources its sourcing chains cite;
``first_reported`` (the first appearance -> the speaker), ``quotes`` (every other appearance
-> the speaker), ``cites`` (an article -> the nearest source of its chain that is not its own
outlet, and each hop -> the hop it cites) and ``republishes`` (a wire copy -> its copy
group's origin, when both carry the statement). It is built from the trace alone, so a page
costs the size of the trace, not of the corpus (the whole graph is ``wirelens graph``).

The layout is layered, left to right: the speaker, then the cited sources by how early in the
chains they stand, then the articles in time order (at most :data:`MAX_ARTICLES`, the
earliest). Geometry only; the template draws it, so every label is escaped like any other
stored string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from wirelens.link.provenance import Trace
from wirelens.web.linked import GroupOf

__all__ = ["Edge", "Layout", "Node", "layout"]

#: Drawing size (SVG user units) and node box size.
WIDTH = 960
ROW = 46
BOX_W = 190
BOX_H = 34
MARGIN = 12
#: Least horizontal gap between two columns of boxes.
GAP = 56
#: Longest label drawn in a box (the full label is in the node's tooltip).
LABEL_CHARS = 26
#: Most articles drawn: the earliest ones (a wire story can be carried by hundreds).
MAX_ARTICLES = 40


@dataclass
class Node:
    """A box: ``kind`` is speaker, source or article; ``href`` links an article node."""

    id: str
    kind: str
    label: str
    title: str
    #: a second, smaller line (an article's date)
    sub: str = ""
    x: float = 0.0
    y: float = 0.0
    href: str | None = None
    first: bool = False
    level: int = 0

    @property
    def short(self) -> str:
        return self.label if len(self.label) <= LABEL_CHARS else self.label[: LABEL_CHARS - 1] + "…"


@dataclass(frozen=True)
class Edge:
    """A directed edge drawn as a cubic curve from ``source`` to ``target``."""

    source: str
    target: str
    kind: str
    path: str


@dataclass
class Layout:
    """Nodes and edges with their geometry, and the drawing's size."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    box_w: int = BOX_W
    box_h: int = BOX_H
    #: articles drawn, and how many carry the statement
    shown: int = 0
    articles: int = 0


def _key(name: str) -> str:
    """An outlet node id as :mod:`wirelens.link.graph` makes it (``The X`` and ``X`` are one)."""
    return "outlet:" + " ".join(name.split()).lower().removeprefix("the ")


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str], str] = {}

    def node(self, node: Node) -> str:
        self.nodes.setdefault(node.id, node)
        return node.id

    def edge(self, source: str, target: str, kind: str) -> None:
        if source != target and (source, target) not in self.edges:
            self.edges[source, target] = kind


def _build(trace: Trace, groups: Mapping[str, GroupOf]) -> _Builder:
    b = _Builder()
    speaker = trace.speaker or "unnamed speaker"
    who = b.node(Node("speaker:" + speaker, "speaker", speaker, speaker))
    seen: set[str] = set()
    for appearance in trace.appearances:
        aid = appearance.article_id
        node_id = "article:" + aid
        if node_id not in seen and len(seen) >= MAX_ARTICLES:
            continue
        outlet = appearance.outlet or appearance.agency or "unknown outlet"
        date = (appearance.published or "undated")[:10]
        if node_id not in seen:
            seen.add(node_id)
            b.node(
                Node(
                    node_id,
                    "article",
                    outlet,
                    f"{outlet}, {date}: {appearance.title or '(untitled)'}",
                    sub=("first · " if appearance.position == 0 else "") + date,
                    href=f"/articles/{aid[7:]}",
                    first=appearance.position == 0,
                )
            )
            b.edge(node_id, who, "first_reported" if appearance.position == 0 else "quotes")
        own = _key(outlet)
        hops = [(_key(h), " ".join(h.split())) for h in appearance.chain if h.strip()]
        hops = [(k, name) for k, name in hops if k != own]
        for level, (key, name) in enumerate(hops):
            b.node(Node(key, "source", name, f"source cited: {name}", level=level))
            b.nodes[key].level = max(b.nodes[key].level, level)
        for (later, _), (earlier, _) in zip(hops[1:], hops[:-1], strict=True):
            b.edge(later, earlier, "cites")
        if hops:
            b.edge(node_id, hops[-1][0], "cites")
    for aid, member in groups.items():
        if not member.is_origin(aid) and "article:" + member.origin_id in b.nodes:
            b.edge("article:" + aid, "article:" + member.origin_id, "republishes")
    return b


def _curve(source: Node, target: Node) -> str:
    """A curve from the source box's nearer side to the target box's (same column: a loop
    out to the right)."""
    if abs(source.x - target.x) < 1:
        x = source.x + BOX_W
        sy, ty = source.y + BOX_H / 2, target.y + BOX_H / 2
        bend = x + 40 + abs(sy - ty) / 6
        return f"M{x:.0f},{sy:.0f} C{bend:.0f},{sy:.0f} {bend:.0f},{ty:.0f} {x + 6:.0f},{ty:.0f}"
    leftwards = target.x < source.x
    sx = source.x if leftwards else source.x + BOX_W
    tx = target.x + BOX_W + 6 if leftwards else target.x - 6
    sy, ty = source.y + BOX_H / 2, target.y + BOX_H / 2
    mid = (sx + tx) / 2
    return f"M{sx:.0f},{sy:.0f} C{mid:.0f},{sy:.0f} {mid:.0f},{ty:.0f} {tx:.0f},{ty:.0f}"


def layout(trace: Trace, groups: Mapping[str, GroupOf]) -> Layout:
    """The trace's provenance graph with coordinates (``groups``: the copy group of each of
    the trace's articles that is in one)."""
    b = _build(trace, groups)
    sources = sorted({n.level for n in b.nodes.values() if n.kind == "source"})
    columns: list[list[Node]] = [[n for n in b.nodes.values() if n.kind == "speaker"]]
    columns += [
        [n for n in b.nodes.values() if n.kind == "source" and n.level == level]
        for level in sources
    ]
    columns.append([n for n in b.nodes.values() if n.kind == "article"])
    rows = max(len(c) for c in columns)
    height = rows * ROW + 2 * MARGIN
    # wide enough that neighbouring columns keep a gap for their arrows (the SVG scales down)
    width = max(WIDTH, 2 * MARGIN + 60 + len(columns) * BOX_W + (len(columns) - 1) * GAP)
    step = (width - 2 * MARGIN - BOX_W - 60) / max(len(columns) - 1, 1)
    for index, column in enumerate(columns):
        top = MARGIN + (rows - len(column)) * ROW / 2
        for row, node in enumerate(column):
            node.x, node.y = MARGIN + index * step, top + row * ROW + (ROW - BOX_H) / 2
    edges = [Edge(s, t, kind, _curve(b.nodes[s], b.nodes[t])) for (s, t), kind in b.edges.items()]
    order = {"quotes": 0, "cites": 1, "republishes": 2, "first_reported": 3}
    edges.sort(key=lambda e: order[e.kind])  # the first report is drawn on top
    shown = len(columns[-1])
    articles = len({a.article_id for a in trace.appearances})
    return Layout(
        list(b.nodes.values()), edges, int(width), int(height), shown=shown, articles=articles
    )
