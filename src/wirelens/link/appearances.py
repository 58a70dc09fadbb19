"""When and where each stored quote appeared: the order quote traces are read in.

Quote traces list appearances, and match statements, in publication order:
dated articles first; an undated article whose dateline gives a month and day (``March 3``) is
placed on that day in the year the corpus's dated articles of that month have; articles with
neither go last. Within one day the wire's own copy (an agency, no other outlet) or a copy
group's origin comes first, because wires publish before the outlets that carry them; then
exact times, then the article id and the attribution id as the deterministic tie break.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wirelens.link.db import marks
from wirelens.meta.dates import month_number
from wirelens.store.base import Store

__all__ = ["QuoteRow", "load_quotes"]


@dataclass(frozen=True)
class QuoteRow:
    """One stored attribution with what ordering and matching need from its article."""

    id: int
    article_id: str
    speaker: str | None
    quote: str
    published: str | None
    day: str | None  # YYYY-MM-DD, from the publication date or the dateline
    wire: bool  # the wire's own copy or a copy group's origin
    group: int | None = None  # its wire-copy group, if any
    surname: str | None = field(init=False)

    def __post_init__(self) -> None:
        parts = (self.speaker or "").lower().split()
        object.__setattr__(self, "surname", parts[-1] if parts else None)

    @property
    def key(self) -> tuple[Any, ...]:
        """Publication order with a deterministic tie break (see the module docstring)."""
        return (
            self.day is None,
            self.day or "",
            not self.wire,
            self.published is None,
            self.published or "",
            self.article_id,
            self.id,
        )


def _dateline_days(store: Store, articles: set[str]) -> dict[str, str]:
    """``YYYY-MM-DD`` for these articles when undated and their dateline gives month and day
    (year inferred)."""
    undated = [
        (article_id, record)
        for article_id, record in _rows_in(
            store, "SELECT id, record FROM articles WHERE published IS NULL AND id IN", articles
        )
    ]
    if not undated:
        return {}
    years: dict[int, Counter[str]] = {}
    for month, n in store._execute(
        "SELECT substr(published, 1, 7), count(*) FROM articles WHERE published IS NOT NULL "
        "GROUP BY substr(published, 1, 7)"
    ):
        if month and len(month) == 7 and month[4] == "-":
            years.setdefault(int(month[5:]), Counter())[month[:4]] += int(n)
    days: dict[str, str] = {}
    for article_id, record in undated:
        dateline = (json.loads(record).get("article") or {}).get("dateline") or {}
        iso, text = dateline.get("iso_date"), dateline.get("date") or ""
        if iso:
            days[article_id] = str(iso)[:10]
            continue
        parts = text.replace(",", " ").split()
        month = next((n for p in parts if (n := month_number(p))), None)
        day = next((int(p) for p in parts if p.isdigit() and 1 <= int(p) <= 31), None)
        if month and day and month in years:
            # the year most dated articles of that month have; the latest on a tie
            year = max(years[month].items(), key=lambda kv: (kv[1], kv[0]))[0]
            days[article_id] = f"{year}-{month:02d}-{day:02d}"
    return days


def _rows_in(store: Store, sql: str, items: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (ending in ``IN``) for every chunk of 500 ``items``."""
    ordered = sorted(set(items))
    out: list[tuple[Any, ...]] = []
    for start in range(0, len(ordered), 500):
        chunk = ordered[start : start + 500]
        out += [tuple(r) for r in store._execute(f"{sql} ({marks(chunk)})", chunk)]
    return out


def _copy_groups(store: Store, articles: set[str]) -> tuple[set[str], dict[str, int]]:
    """Which of these articles are origins of wire-copy groups, and the group of each member
    (none before the copies step)."""
    origins = {
        r[0]
        for r in _rows_in(
            store, "SELECT DISTINCT origin_id FROM copy_groups WHERE origin_id IN", articles
        )
    }
    groups = {
        r[0]: int(r[1])
        for r in _rows_in(
            store, "SELECT article_id, group_id FROM copy_members WHERE article_id IN", articles
        )
    }
    groups.update(
        {
            r[0]: int(r[1])
            for r in _rows_in(
                store, "SELECT origin_id, id FROM copy_groups WHERE origin_id IN", origins
            )
        }
    )
    return origins, groups


def _has_table(store: Store, name: str) -> bool:
    try:
        store._execute(f"SELECT 1 FROM {name} WHERE 1 = 0").fetchall()
    except store._errors:
        return False
    return True


def load_quotes(store: Store, ids: Iterable[int] | None = None) -> list[QuoteRow]:
    """The stored attributions (these ``ids``, or all) as :class:`QuoteRow`, in appearance order."""
    sql = (
        "SELECT t.id, t.article_id, t.speaker, t.quote, a.published, a.outlet, a.agency "
        "FROM attributions t JOIN articles a ON a.id = t.article_id"
    )
    found = (
        [tuple(r) for r in store._execute(sql)]
        if ids is None
        else _rows_in(store, sql + " WHERE t.id IN", ids)
    )
    articles = {r[1] for r in found}
    days = _dateline_days(store, articles)
    origins, groups = (
        _copy_groups(store, articles) if _has_table(store, "copy_groups") else (set(), {})
    )
    rows = []
    for aid, article_id, speaker, quote, published, outlet, agency in found:
        own_wire = bool(agency) and (not outlet or outlet == agency)
        rows.append(
            QuoteRow(
                id=int(aid),
                article_id=article_id,
                speaker=speaker,
                quote=quote,
                published=published,
                day=published[:10] if published else days.get(article_id),
                wire=own_wire or article_id in origins,
                group=groups.get(article_id),
            )
        )
    return sorted(rows, key=lambda row: row.key)
