"""The provenance graph: who said what, where it was first reported and who carried it.

Nodes are ``speaker``, ``outlet`` and ``article`` (ids ``speaker:NAME``, ``outlet:NAME``,
``article:ID``). Edges, each with its ``kind``:

- ``quotes``: article -> speaker, with how many attributions the article gives them;
- ``first_reported``: article -> speaker, once per quote trace the article reported first;
- ``cites``: from the sourcing chains - each hop -> the hop it cites (``DailyScroll`` ->
  ``NWS`` -> ``NRK-Norvale``), and each article -> the nearest hop of its chains that is not
  its own outlet, with how many attributions say so;
- ``republishes``: a wire copy -> its copy group's origin, from the copies step's
  ``copy_groups``/``copy_members`` tables (none while those tables are absent).

:func:`graph_json` writes node-link JSON (``{"nodes": [...], "edges": [...]}``) and
:func:`graph_graphml` GraphML, which Gephi, Cytoscape, yEd and networkx read.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any
from xml.etree import ElementTree as ET

from wirelens.errors import StoreError
from wirelens.store.base import Store
from wirelens.store.speakers import merge_speakers

__all__ = ["graph_graphml", "graph_json", "provenance_graph"]

Graph = dict[str, list[dict[str, Any]]]


def _outlet_key(name: str) -> str:
    """``The Norvale Courier`` and ``Norvale Courier`` are one outlet node."""
    key = " ".join(name.split()).lower()
    return "outlet:" + key.removeprefix("the ")


def _has_copies(store: Store) -> bool:
    try:
        store._execute("SELECT 1 FROM copy_members WHERE 1 = 0").fetchall()
    except store._errors:
        return False
    return True


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: Counter[tuple[str, str, str]] = Counter()
        self.extra: list[dict[str, Any]] = []

    def node(self, node_id: str, kind: str, label: str, **data: Any) -> str:
        if node_id not in self.nodes:
            self.nodes[node_id] = {"id": node_id, "kind": kind, "label": label, **data}
        return node_id

    def outlet(self, name: str) -> str:
        return self.node(_outlet_key(name), "outlet", " ".join(name.split()))

    def graph(self) -> Graph:
        counted = [
            {"source": s, "target": t, "kind": k, "count": n}
            for (s, t, k), n in sorted(self.edges.items())
        ]
        return {"nodes": list(self.nodes.values()), "edges": counted + self.extra}


def _articles(store: Store, b: _Builder) -> dict[str, str | None]:
    own: dict[str, str | None] = {}
    cursor = store._execute(
        "SELECT id, title, outlet, agency, published, source, url FROM articles ORDER BY id"
    )
    for aid, title, outlet, agency, published, source, url in cursor:
        name = outlet or agency
        b.node(
            "article:" + aid,
            "article",
            title or aid[:19],
            outlet=name or "",
            published=published or "",
            source=source or "",
            url=url or "",
        )
        own[aid] = _outlet_key(name) if name else None
        if name:
            b.outlet(name)
    return own


def _quotes_and_cites(store: Store, b: _Builder, own: dict[str, str | None]) -> None:
    canonical = {
        alias: entry["name"]
        for entry in merge_speakers(store._speaker_rows())
        for alias in entry["aliases"]
    }
    for aid, speaker, chain in store._execute(
        "SELECT article_id, speaker, chain FROM attributions ORDER BY id"
    ):
        if speaker:
            name = canonical.get(speaker, speaker)
            b.edges["article:" + aid, b.node("speaker:" + name, "speaker", name), "quotes"] += 1
        hops = [b.outlet(h) for h in json.loads(chain) if h.strip()]
        for later, earlier in zip(hops[1:], hops[:-1], strict=True):
            if later != earlier:
                b.edges[later, earlier, "cites"] += 1
        cited = [h for h in hops if h != own.get(aid)]
        if cited:
            b.edges["article:" + aid, cited[-1], "cites"] += 1


def _first_reported(store: Store, b: _Builder) -> None:
    canonical = {
        alias: entry["name"]
        for entry in merge_speakers(store._speaker_rows())
        for alias in entry["aliases"]
    }
    for trace_id, article_id, speaker, quote in store._execute(
        "SELECT id, first_article_id, speaker, quote FROM traces ORDER BY id"
    ):
        if speaker:
            name = canonical.get(speaker, speaker)
            b.extra.append(
                {
                    "source": "article:" + article_id,
                    "target": b.node("speaker:" + name, "speaker", name),
                    "kind": "first_reported",
                    "trace": int(trace_id),
                    "quote": quote,
                }
            )


def _republishes(store: Store, b: _Builder) -> None:
    if not _has_copies(store):
        return
    for member, origin, similarity in store._execute(
        "SELECT m.article_id, g.origin_id, m.similarity FROM copy_members m "
        "JOIN copy_groups g ON g.id = m.group_id WHERE m.article_id <> g.origin_id "
        "ORDER BY g.id, m.article_id"
    ):
        b.extra.append(
            {
                "source": "article:" + member,
                "target": "article:" + origin,
                "kind": "republishes",
                "similarity": float(similarity) if similarity is not None else None,
            }
        )


def provenance_graph(store: Store) -> Graph:
    """The corpus as a provenance graph (node-link form); see the module docstring."""
    b = _Builder()
    try:
        own = _articles(store, b)
        _quotes_and_cites(store, b, own)
        _first_reported(store, b)
        _republishes(store, b)
    except store._errors as exc:
        raise StoreError(f"cannot read the provenance graph from {store.name}: {exc}") from exc
    return b.graph()


def graph_json(graph: Graph) -> str:
    """Node-link JSON: ``{"nodes": [{"id", "kind", "label", ...}], "edges": [...]}``."""
    return json.dumps(graph, ensure_ascii=False, indent=1)


_TYPES = {bool: "boolean", int: "int", float: "double"}


def graph_graphml(graph: Graph) -> str:
    """GraphML: every node and edge attribute declared as a ``<key>`` of its type."""
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    keys: dict[tuple[str, str], str] = {}
    for domain, items, skip in (
        ("node", graph["nodes"], {"id"}),
        ("edge", graph["edges"], {"source", "target"}),
    ):
        for item in items:
            for name, value in item.items():
                if name not in skip and (domain, name) not in keys and value is not None:
                    keys[domain, name] = key_id = f"{domain[0]}_{name}"
                    ET.SubElement(
                        root,
                        "key",
                        {
                            "id": key_id,
                            "for": domain,
                            "attr.name": name,
                            "attr.type": _TYPES.get(type(value), "string"),
                        },
                    )
    body = ET.SubElement(root, "graph", id="provenance", edgedefault="directed")
    for node in graph["nodes"]:
        element = ET.SubElement(body, "node", id=node["id"])
        _data(element, "node", node, keys, {"id"})
    for i, edge in enumerate(graph["edges"]):
        element = ET.SubElement(
            body, "edge", id=f"e{i}", source=edge["source"], target=edge["target"]
        )
        _data(element, "edge", edge, keys, {"source", "target"})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _data(
    element: ET.Element,
    domain: str,
    item: dict[str, Any],
    keys: dict[tuple[str, str], str],
    skip: set[str],
) -> None:
    for name, value in item.items():
        if name in skip or value is None:
            continue
        text = str(value).lower() if isinstance(value, bool) else str(value)
        ET.SubElement(element, "data", key=keys[domain, name]).text = text
