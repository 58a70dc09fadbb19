"""The wire-copy step and its read side: link new articles, show a group, export all groups.

:func:`link_copies` signs the articles without a signature, joins their bands in SQL to get
candidate pairs, verifies each pair on exact shingle sets, folds the copies into groups and
marks the articles linked. Every stage reads the store in batches or as a stream, so memory
depends on the batch size and on the copies found, never on the size of the corpus.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from wirelens.errors import StoreError
from wirelens.link.banding import candidate_pairs
from wirelens.link.db import marks, prepare, query, run, transaction
from wirelens.link.groups import update_groups
from wirelens.link.options import LinkOptions
from wirelens.link.verify import Match, ShingleCache, verify_pairs
from wirelens.store.base import Store

__all__ = ["CopiesReport", "copy_group", "group_rows", "link_copies"]


@dataclass
class CopiesReport:
    """Counts of one wire-copy pass."""

    signed: int = 0
    candidates: int = 0
    copies: int = 0
    other_language: int = 0
    groups: int = 0
    members: int = 0
    merged: int = 0


def link_copies(
    store: Store,
    options: LinkOptions,
    progress: Callable[[str], None] | None = None,
    verified: Sequence[Match] | None = None,
) -> CopiesReport:
    """Find the wire copies among the articles not linked yet and update the groups.

    ``verified``: the copy pairs among the pending articles, already found elsewhere (the
    Spark runner bands and verifies its own output); the band join and the verification are
    then skipped and only the groups are folded. Only valid when no article was linked
    before and the pending articles are exactly those the pairs were computed over.
    """
    from wirelens.link.signatures import sign_new

    say = progress or (lambda _line: None)
    report = CopiesReport()
    prepare(store)
    report.signed = sign_new(store, options, lambda n: say(f"signed {n} articles"))
    pending = query(store, "SELECT count(*) FROM signatures WHERE linked = 0")[0][0]
    if not pending:
        return report
    cache = ShingleCache(store, options)
    matches: list[Match] = list(verified or [])
    if verified is None:
        say(f"joining bands of {pending} new articles")
        signed = query(store, "SELECT count(*) FROM signatures")[0][0]
        for pairs in candidate_pairs(store, pending / max(signed, 1)):
            found, other = verify_pairs(pairs, cache, options)
            report.candidates += len(pairs)
            report.other_language += other
            matches += found
            say(f"verified {report.candidates} candidate pairs, {len(matches)} copies")
    else:
        say(f"{len(matches)} copy pairs verified before (no band join here)")
    report.copies = len(matches)
    with transaction(store):
        update = update_groups(store, matches, cache, options)
        run(store, "UPDATE signatures SET linked = 1 WHERE linked = 0")
    report.groups, report.members, report.merged = update.groups, update.members, update.merged
    say(f"{report.groups} copy groups updated, {report.members} members written")
    return report


def _article_keys(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for row in query(
            store,
            "SELECT id, source, url, outlet, agency, published, title FROM articles "
            f"WHERE id IN ({marks(part)})",
            part,
        ):
            keys = ("id", "source", "url", "outlet", "agency", "published", "title")
            out[row[0]] = dict(zip(keys, row, strict=True))
    return out


def copy_group(store: Store, article_id: str) -> dict[str, Any]:
    """The copy group of one article (full id or unique prefix): origin, reason, members.

    Raises StoreError when no article has that id (:meth:`Store.full_id`: an id that is not hex
    digits names none), when the prefix is ambiguous, and when the article is in no group.
    """
    full = store.full_id(article_id)
    group = query(
        store,
        "SELECT g.id, g.origin_id, g.rule, g.reason, g.size FROM copy_members m "
        "JOIN copy_groups g ON g.id = m.group_id WHERE m.article_id = ?",
        (full,),
    )
    if not group:
        linked = query(store, "SELECT linked FROM signatures WHERE article_id = ?", (full,))
        hint = "" if linked and linked[0][0] else " (not linked yet: run `wirelens link`)"
        raise StoreError(f"article {full[7:19]} is in no copy group{hint}")
    gid, origin, rule, reason, size = group[0]
    members = query(
        store,
        "SELECT article_id, similarity, containment, changes FROM copy_members "
        "WHERE group_id = ? ORDER BY article_id",
        (gid,),
    )
    keys = _article_keys(store, [m[0] for m in members])
    rows = [
        {
            **keys[a],
            "origin": a == origin,
            "similarity": sim,
            "containment": cont,
            "changes": json.loads(changes),
        }
        for a, sim, cont, changes in members
    ]
    rows.sort(key=lambda r: (not r["origin"], r["published"] or "~", r["id"]))
    return {
        "group": int(gid),
        "origin": keys[origin],
        "rule": rule,
        "reason": reason,
        "size": int(size),
        "members": rows,
    }


def group_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One flat row per group member for export: the group, the origin and the member.

    Every row names both articles with their ``source`` and ``url``; ``changes`` is the JSON
    word diff and ``change_kinds`` its kinds, comma-separated.
    """
    cursor = run(
        store,
        "SELECT g.id, g.rule, g.reason, g.size, o.id, o.source, o.url, o.outlet, "
        "m.article_id, a.source, a.url, a.outlet, a.published, m.similarity, m.containment, "
        "m.changes FROM copy_groups g JOIN copy_members m ON m.group_id = g.id "
        "JOIN articles a ON a.id = m.article_id JOIN articles o ON o.id = g.origin_id "
        "ORDER BY g.id, m.article_id",
    )
    keys = (
        "group_id", "rule", "reason", "size", "origin_id", "origin_source", "origin_url",
        "origin_outlet", "article_id", "source", "url", "outlet", "published", "similarity",
        "containment", "changes",
    )  # fmt: skip
    for row in cursor:
        item = dict(zip(keys, row, strict=True))
        item["is_origin"] = item["article_id"] == item["origin_id"]
        item["change_kinds"] = ",".join(json.loads(item["changes"]).get("kinds", []))
        yield item
