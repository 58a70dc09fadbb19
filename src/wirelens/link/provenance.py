"""Reading quote traces back: where a quote first appeared and how it travelled.

:func:`find_traces` answers ``wirelens trace``: given the words of a quote (or an attribution
id) it returns the traces holding it, each with its first appearance and every repetition in
time order, with outlet, date, sourcing chain and the word changes against the first. A stored
quote that no other article repeats is a trace of one appearance (``id`` None). No match is an
empty list, never an error. :func:`trace_rows` flattens every trace for ``export --what traces``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from wirelens.errors import StoreError
from wirelens.link.db import marks
from wirelens.link.traces import MIN_COVER, MIN_SHARED
from wirelens.link.words import containment, content_words, statements
from wirelens.store.base import Store

__all__ = ["Appearance", "Trace", "find_traces", "trace_rows"]

_NO_CHANGE = json.dumps({"changes": [], "cut_before": 0, "cut_after": 0})
#: Longest content words of a searched quote that pick candidate quotes in SQL.
_KEYS = 4


@dataclass(frozen=True)
class Appearance:
    """One appearance of a statement: the article, its outlet and date, chain and changes."""

    position: int
    attribution_id: int
    article_id: str
    outlet: str | None
    agency: str | None
    published: str | None
    source: str | None
    url: str | None
    title: str | None
    speaker: str | None
    kind: str
    #: the whole stored quote, and the words of it that render this statement
    quote: str
    text: str
    chain: tuple[str, ...]
    altered: bool
    #: word diff against the first appearance (:func:`wirelens.link.words.word_diff`)
    diff: dict[str, Any]
    similarity: float
    speaker_agrees: bool


@dataclass(frozen=True)
class Trace:
    """A statement and its appearances, the first appearance first (``id`` None: only one)."""

    id: int | None
    speaker: str | None
    quote: str
    appearances: tuple[Appearance, ...]

    @property
    def first(self) -> Appearance:
        return self.appearances[0]


_SELECT = (
    "SELECT m.trace_id, m.position, m.attribution_id, m.article_id, m.text, m.altered, "
    "m.diff, m.similarity, m.speaker_agrees, t.speaker, t.kind, t.quote, t.chain, a.outlet, "
    "a.agency, a.published, a.source, a.url, a.title "
    "FROM trace_members m JOIN attributions t ON t.id = m.attribution_id "
    "JOIN articles a ON a.id = m.article_id"
)


def _appearance(row: Sequence[Any]) -> Appearance:
    return Appearance(
        position=int(row[1]),
        attribution_id=int(row[2]),
        article_id=row[3],
        text=row[4],
        altered=bool(row[5]),
        diff=json.loads(row[6]),
        similarity=float(row[7]),
        speaker_agrees=bool(row[8]),
        speaker=row[9],
        kind=row[10],
        quote=row[11],
        chain=tuple(json.loads(row[12])),
        outlet=row[13],
        agency=row[14],
        published=row[15],
        source=row[16],
        url=row[17],
        title=row[18],
    )


def _traces(store: Store, ids: list[int]) -> list[Trace]:
    if not ids:
        return []
    holes = marks(ids)
    heads = {
        int(r[0]): (r[1], r[2])
        for r in store._execute(f"SELECT id, speaker, quote FROM traces WHERE id IN ({holes})", ids)
    }
    members: dict[int, list[Appearance]] = {}
    sql = f"{_SELECT} WHERE m.trace_id IN ({holes}) ORDER BY m.trace_id, m.position"
    for row in store._execute(sql, ids):
        members.setdefault(int(row[0]), []).append(_appearance(row))
    return [Trace(i, heads[i][0], heads[i][1], tuple(members[i])) for i in ids if i in members]


def _single(store: Store, attribution_id: int) -> Trace | None:
    """A stored quote in no trace: a trace of its one appearance."""
    row = store._execute(
        "SELECT NULL, 0, t.id, t.article_id, t.quote, 0, ?, 1.0, 1, t.speaker, t.kind, "
        "t.quote, t.chain, a.outlet, a.agency, a.published, a.source, a.url, a.title "
        "FROM attributions t JOIN articles a ON a.id = t.article_id WHERE t.id = ?",
        (_NO_CHANGE, attribution_id),
    ).fetchone()
    if row is None:
        return None
    appearance = _appearance(row)
    return Trace(None, appearance.speaker, appearance.quote, (appearance,))


def _for_attributions(store: Store, ids: list[int]) -> list[Trace]:
    """The traces of these attributions (best first), then the ones in no trace."""
    if not ids:
        return []
    holes = marks(ids)
    traced: dict[int, list[int]] = {}
    for aid, tid in store._execute(
        f"SELECT attribution_id, trace_id FROM trace_members WHERE attribution_id IN ({holes})",
        ids,
    ):
        traced.setdefault(int(aid), []).append(int(tid))
    out: list[Trace] = []
    seen: set[int] = set()
    for aid in ids:
        if aid in traced:
            new = [t for t in sorted(traced[aid]) if t not in seen]
            seen.update(new)
            out += _traces(store, new)
        elif (single := _single(store, aid)) is not None:
            out.append(single)
    return out


def _matching(store: Store, text: str) -> list[int]:
    """Attributions whose quote says ``text``: content-word containment, best first."""
    wanted = content_words(text)
    keys = sorted(wanted - {"not"}, key=lambda w: (-len(w), w))[:_KEYS] or sorted(wanted)
    if not keys:
        return []
    sql = "SELECT id, quote FROM attributions WHERE " + " OR ".join(
        "lower(quote) LIKE ?" for _ in keys
    )
    needed = min(MIN_SHARED, len(wanted))
    scored: list[tuple[float, int, int]] = []
    # a stem's "y" may be "ies" in the text (policy, policies)
    patterns = [f"%{k[:-1] if k.endswith('y') and len(k) > 3 else k}%" for k in keys]
    for aid, quote in store._execute(sql, patterns):
        found = [
            (cover, shared)
            for shared, cover in (containment(wanted, s.content) for s in statements(quote))
            if shared >= needed and cover >= MIN_COVER
        ]
        if found:
            cover, shared = max(found)
            scored.append((-cover, -shared, int(aid)))
    return [aid for *_, aid in sorted(scored)]


def find_traces(
    store: Store, text: str | None = None, *, attribution_id: int | None = None, limit: int = 10
) -> list[Trace]:
    """The traces of a quote given by its words or by an attribution id; [] when none.

    Words match as the traces do (content words, case and punctuation aside, a part of a
    quote or an indirect rewording of it). Run :func:`wirelens.link.traces.update_traces`
    first; before it, every quote is a trace of one appearance.
    """
    if (text is None) == (attribution_id is None):
        raise StoreError("give the words of a quote or an attribution id (one of them)")
    try:
        if attribution_id is not None:
            return _for_attributions(store, [attribution_id])[:limit]
        return _for_attributions(store, _matching(store, text or ""))[:limit]
    except store._errors as exc:
        raise StoreError(f"cannot read quote traces from {store.name}: {exc}") from exc


def trace_rows(store: Store) -> Iterator[dict[str, Any]]:
    """One flat row per appearance, each naming its article and the first one (id, source, url)."""
    firsts: dict[int, Appearance] = {}
    for row in store._execute(f"{_SELECT} ORDER BY m.trace_id, m.position"):
        trace_id, here = int(row[0]), _appearance(row)
        first = firsts.setdefault(trace_id, here)
        yield {
            "trace_id": trace_id,
            "position": here.position,
            "first": here.position == 0,
            "attribution_id": here.attribution_id,
            "article_id": here.article_id,
            "source": here.source,
            "url": here.url,
            "outlet": here.outlet or here.agency,
            "published": here.published,
            "speaker": here.speaker,
            "kind": here.kind,
            "text": here.text,
            "chain": " -> ".join(here.chain),
            "altered": here.altered,
            "diff": json.dumps(here.diff, ensure_ascii=False),
            "similarity": here.similarity,
            "speaker_agrees": here.speaker_agrees,
            "first_article_id": first.article_id,
            "first_source": first.source,
            "first_url": first.url,
            "first_outlet": first.outlet or first.agency,
            "first_published": first.published,
        }
