"""Copy groups: verified pairs become groups, each with its origin and every member's changes.

Groups are connected components of verified pairs. A component that touches an existing group
takes it over (keeping the smallest group id) and merges any other group it reaches, so a new
article joins its group without the rest of the corpus being looked at. Members' changes are
recomputed only when the group's origin changed; otherwise only new members are compared.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wirelens.link.db import marks, query, run, run_many
from wirelens.link.diff import Text, changes
from wirelens.link.options import LinkOptions
from wirelens.link.origin import Candidate, choose_origin
from wirelens.link.verify import Match, ShingleCache, check, similarity
from wirelens.store.base import Store

__all__ = ["GroupUpdate", "update_groups"]

#: The changes recorded for the origin itself.
_ORIGIN: dict[str, Any] = {"kinds": [], "origin": True}
#: Ids per ``IN (...)`` list.
_CHUNK = 500


@dataclass(frozen=True)
class GroupUpdate:
    """What one pass changed: groups created or updated, members (re)written, groups merged."""

    groups: int
    members: int
    merged: int


class _Components:
    """Union-find over article ids and existing groups (``g:ID`` nodes)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, node: str) -> str:
        root = self.parent.setdefault(node, node)
        while root != self.parent[root]:
            root = self.parent[root]
        while node != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for node in self.parent:
            out.setdefault(self.find(node), []).append(node)
        return list(out.values())


def _in_chunks(store: Store, sql: str, ids: list[str]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(ids), _CHUNK):
        part = ids[start : start + _CHUNK]
        rows += query(store, sql.format(marks=marks(part)), part)
    return rows


def _texts(store: Store, ids: list[str]) -> dict[str, Text]:
    out = {}
    for article_id, title, body, published, record in _in_chunks(
        store, "SELECT id, title, body, published, record FROM articles WHERE id IN ({marks})", ids
    ):
        try:
            parts = json.loads(record).get("article", {}).get("parts", [])
        except (ValueError, AttributeError):
            parts = []
        pairs = tuple((str(p.get("kind")), str(p.get("text"))) for p in parts)
        out[article_id] = Text(title, body or "", pairs, published)
    return out


def _existing(store: Store, ids: list[str]) -> dict[str, int]:
    """Group id of each of ``ids`` that is already in a group."""
    rows = _in_chunks(
        store, "SELECT article_id, group_id FROM copy_members WHERE article_id IN ({marks})", ids
    )
    return {str(a): int(g) for a, g in rows}


def _candidates(store: Store, ids: list[str]) -> list[Candidate]:
    rows = _in_chunks(
        store,
        "SELECT id, outlet, agency, published, length(body) FROM articles WHERE id IN ({marks})",
        ids,
    )
    return sorted((Candidate(*row) for row in rows), key=lambda c: c.article_id)


def _peel(
    members: list[Candidate], cache: ShingleCache, options: LinkOptions
) -> list[tuple[Candidate, str, str, list[str]]]:
    """Split a component into groups in which every member is a copy of the group's origin.

    Connected components chain: a copy of story A that shares a passage with story B would
    join A's and B's groups. So the origin is chosen, members that are not copies of *it*
    are set aside, and the rest is split again the same way.
    """
    out, rest = [], list(members)
    while len(rest) > 1:
        origin = choose_origin(rest)[0]
        accepted, left = [origin], list[Candidate]()
        for member in rest:
            if member is not origin:
                match = check(cache, origin.article_id, member.article_id, options)
                (accepted if match else left).append(member)
        if len(accepted) > 1:
            best, rule, reason = choose_origin(accepted)
            out.append((best, rule, reason, [c.article_id for c in accepted]))
        rest = left
    return out


def _write_group(
    store: Store,
    chosen: tuple[Candidate, str, str, list[str]],
    old: dict[str, int],
    free: list[int],
    context: tuple[ShingleCache, LinkOptions],
) -> int:
    """Write one group (reusing a free old group id of its members) and its members' changes."""
    cache, options = context
    origin, rule, reason, members = chosen
    mine = sorted({old[m] for m in members if m in old} & set(free))
    keep = mine[0] if mine else None
    previous = (
        query(store, "SELECT origin_id FROM copy_groups WHERE id = ?", (keep,)) if keep else []
    )
    same_origin = bool(previous) and previous[0][0] == origin.article_id
    values = (origin.article_id, rule, reason, len(members), options.component)
    if keep is None:
        keep = int(
            run(
                store,
                "INSERT INTO copy_groups(origin_id, rule, reason, size, component) "
                "VALUES (?,?,?,?,?) RETURNING id",
                values,
            ).fetchone()[0]
        )
    else:
        free.remove(keep)
        run(
            store,
            "UPDATE copy_groups SET origin_id = ?, rule = ?, reason = ?, size = ?, component = ? "
            "WHERE id = ?",
            (*values, keep),
        )
    redo = [m for m in members if not (same_origin and old.get(m) == keep)]
    texts = _texts(store, sorted({*redo, origin.article_id}))
    source = texts[origin.article_id]
    rows = []
    for member in redo:
        jaccard, containment = similarity(cache.get(member)[0], cache.get(origin.article_id)[0])
        change = changes(source, texts[member]) if member != origin.article_id else _ORIGIN
        rows.append((member, keep, round(jaccard, 4), round(containment, 4), json.dumps(change)))
    run_many(
        store,
        "INSERT INTO copy_members(article_id, group_id, similarity, containment, changes) "
        "VALUES (?,?,?,?,?) ON CONFLICT (article_id) DO UPDATE SET group_id = excluded.group_id, "
        "similarity = excluded.similarity, containment = excluded.containment, "
        "changes = excluded.changes",
        rows,
    )
    return len(rows)


def _write_component(
    store: Store, ids: list[str], cache: ShingleCache, options: LinkOptions
) -> tuple[int, int, int]:
    """Regroup one component: (groups written, members written, old groups merged away)."""
    old = _existing(store, ids)
    free = sorted(set(old.values()))
    chosen = _peel(_candidates(store, ids), cache, options)
    written = sum(_write_group(store, c, old, free, (cache, options)) for c in chosen)
    grouped = {m for c in chosen for m in c[3]}
    loose = [m for m in ids if m in old and m not in grouped]
    for start in range(0, len(loose), _CHUNK):
        part = loose[start : start + _CHUNK]
        run(
            store,
            f"DELETE FROM copy_members WHERE article_id IN ({marks(part)})",
            part,
        )
    for gid in free:
        run(store, "DELETE FROM copy_groups WHERE id = ?", (gid,))
    return len(chosen), written, len(free)


def update_groups(
    store: Store, matches: Iterable[Match], cache: ShingleCache, options: LinkOptions
) -> GroupUpdate:
    """Fold verified pairs into the stored groups (call inside one transaction)."""
    components = _Components()
    for match in matches:
        components.union(match.a, match.b)
    touched = [n for n in components.parent if not n.startswith("g:")]
    old = _existing(store, touched)
    group_ids = sorted(set(old.values()))
    for gid in group_ids:
        for (member,) in query(
            store, "SELECT article_id FROM copy_members WHERE group_id = ?", (gid,)
        ):
            components.union(f"g:{gid}", str(member))
    groups = members = merged = 0
    for component in components.groups():
        ids = sorted(n for n in component if not n.startswith("g:"))
        g, m, gone = _write_component(store, ids, cache, options)
        groups, members, merged = groups + g, members + m, merged + gone
    return GroupUpdate(groups, members, merged)
