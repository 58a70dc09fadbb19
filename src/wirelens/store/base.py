"""What every corpus backend shares: the records it keeps and the queries it answers.

Backends (:mod:`sqlite`, :mod:`postgres`) provide a connection, a transaction, a migration
runner, full-text search and an integrity check; everything else - adding a batch keyed by
content hash, quotes, speakers, export rows - is written once here in SQL both understand
(parameters are written ``?`` and translated by the backend).
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from wirelens.errors import StoreError
from wirelens.model import Analysis, from_json, to_json
from wirelens.store.speakers import merge_speakers

__all__ = ["ATTRIBUTION_COLUMNS", "AddResult", "Store", "attribution_rows"]

_HEX = re.compile(r"[0-9a-f]{1,64}")


@dataclass(frozen=True)
class AddResult:
    """How many analyses a batch added and how many were already stored."""

    new: int
    existing: int


_ATTRIBUTION_INSERT = (
    "INSERT INTO attributions(article_id, kind, speaker, mention, role, cue, quote, "
    "quote_start, quote_end, chain, confidence, component) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)
#: The columns of :func:`attribution_rows`, in order (the Parquet ``attributions`` table's too).
ATTRIBUTION_COLUMNS = (
    "article_id",
    "kind",
    "speaker",
    "mention",
    "role",
    "cue",
    "quote",
    "quote_start",
    "quote_end",
    "chain",
    "confidence",
    "component",
)


def attribution_rows(analysis: Analysis) -> list[tuple[Any, ...]]:
    """The ``attributions`` table's rows for one analysis (:data:`ATTRIBUTION_COLUMNS`)."""
    return [
        (
            analysis.article.id,
            t.kind,
            t.speaker.name if t.speaker else None,
            t.speaker.mention.text if t.speaker and t.speaker.mention else None,
            t.speaker.role if t.speaker else None,
            t.cue.lemma if t.cue else None,
            t.quote.text,
            t.quote.start,
            t.quote.end,
            json.dumps([h.source for h in t.chain]),
            t.confidence,
            t.component,
        )
        for t in analysis.attributions
    ]


class Store(ABC):
    """A wirelens corpus. Use as a context manager; every batch is one transaction."""

    #: Human-readable name of the database (a path, or a URL without password).
    name: str = ""
    #: Driver errors translated into StoreError at this boundary.
    _errors: tuple[type[Exception], ...] = ()
    #: SQL aggregating distinct outlets into one comma-separated string.
    _outlets_agg: str = ""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` parameters) and return a DB-API cursor."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """A transaction: committed on success, rolled back on error."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    #: SELECT id, title, outlet, published, snippet, score ... WHERE <match the ? query>
    _search_head: str = ""
    #: ORDER BY clause putting the best match first
    _search_order: str = ""

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        outlet: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies, best first, with snippets.

        ``speaker`` keeps articles quoting that speaker (any alias or surname); ``since`` and
        ``until`` compare ISO dates with the publication date, inclusive. The query syntax is the
        backend's: FTS5 for SQLite, web search (words, "phrases", OR, -word) for PostgreSQL.
        """
        sql, params = self._search_head, list[Any]([query])
        if outlet:
            sql += " AND a.outlet = ?"
            params.append(outlet)
        more, more_params = self._filters(speaker, since, until)
        sql += more + self._search_order + " LIMIT ?"
        params += [*more_params, limit]
        try:
            rows = self._execute(sql, params).fetchall()
        except self._errors as exc:
            raise StoreError(f"bad search query {query!r}: {exc}") from exc
        keys = ("id", "title", "outlet", "published", "snippet", "score")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    @abstractmethod
    def verify(self) -> list[str]:
        """Integrity problems (empty when the database is sound)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _filters(
        self, speaker: str | None, since: str | None, until: str | None
    ) -> tuple[str, list[Any]]:
        """SQL conditions (on alias ``a``) and parameters shared by the search backends."""
        sql, params = "", []  # type: tuple[str, list[Any]]
        if speaker:
            names = self._aliases(speaker)
            sql += (
                " AND a.id IN (SELECT article_id FROM attributions WHERE speaker IN "
                f"({','.join('?' * len(names))}))"
            )
            params += names
        if since:
            sql += " AND substr(a.published, 1, 10) >= ?"
            params.append(since[:10])
        if until:
            sql += " AND substr(a.published, 1, 10) <= ?"
            params.append(until[:10])
        return sql, params

    def add(self, analyses: Iterable[Analysis]) -> AddResult:
        """Store a batch in one transaction; articles already stored are skipped."""
        new = existing = 0
        try:
            with self._transaction():
                for analysis in analyses:
                    if self._insert(analysis):
                        new += 1
                    else:
                        existing += 1
        except self._errors as exc:
            raise StoreError(f"cannot write to {self.name}: {exc}") from exc
        return AddResult(new, existing)

    def known(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` (content hashes) are already stored: ingest skips their analysis."""
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            part = list(ids[i : i + 500])
            sql = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(part))})"
            found.update(row[0] for row in self._execute(sql, part))
        return found

    def stale(self, component: str, *, after: str = "", limit: int = 64) -> list[Analysis]:
        """Up to ``limit`` stored analyses made by another attribute component than ``component``
        (what ``wirelens reanalyze`` redoes), in id order from the first id above ``after``."""
        rows = self._execute(
            "SELECT record FROM articles WHERE component <> ? AND id > ? ORDER BY id LIMIT ?",
            (component, after, limit),
        ).fetchall()
        return [from_json(row[0], Analysis) for row in rows]

    def replace(self, analyses: Iterable[Analysis]) -> int:
        """Replace the record and attributions of stored articles, in one transaction."""
        done = 0
        try:
            with self._transaction():
                for analysis in analyses:
                    a = analysis.article
                    self._forget_quotes(a.id)
                    self._execute("DELETE FROM attributions WHERE article_id = ?", (a.id,))
                    self._execute(
                        "UPDATE articles SET record = ?, component = ? WHERE id = ?",
                        (to_json(analysis), analysis.components.get("attribute", ""), a.id),
                    )
                    self._executemany(_ATTRIBUTION_INSERT, attribution_rows(analysis))
                    done += 1
        except self._errors as exc:
            raise StoreError(f"cannot write to {self.name}: {exc}") from exc
        return done

    def _forget_quotes(self, article_id: str) -> None:
        """Drop an article's attributions from any search index the backend keeps by hand."""
        del article_id  # PostgreSQL's indexes follow the table; SQLite's FTS5 does not

    def _insert(self, analysis: Analysis) -> bool:
        a = analysis.article
        component = analysis.components.get("attribute", "")
        cursor = self._execute(
            "INSERT INTO articles(id, title, outlet, agency, published, url, source, "
            "language, body, record, component) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (id) DO NOTHING",
            (
                a.id,
                a.title,
                a.outlet,
                a.agency,
                a.published.value if a.published else None,
                a.url,
                a.source,
                a.language,
                a.body,
                to_json(analysis),
                component,
            ),
        )
        if cursor.rowcount == 0:
            return False
        self._executemany(_ATTRIBUTION_INSERT, attribution_rows(analysis))
        return True

    def record_failure(self, source: str, error: str, position: str | None = None) -> None:
        """Keep a document that could not be read or analysed, with why and, for one record of
        a many-record source, where in it (``line 3``, ``record 2``)."""
        try:
            with self._transaction():
                self._execute(
                    "INSERT INTO failures(source, position, error) VALUES (?, ?, ?)",
                    (source, position, error),
                )
        except self._errors as exc:
            raise StoreError(f"cannot write to {self.name}: {exc}") from exc

    def failures(self, *, limit: int = 1000) -> list[dict[str, Any]]:
        """Recorded failures, oldest first: when, source, position in it, and the reason."""
        rows = self._execute(
            "SELECT id, at, source, position, error FROM failures ORDER BY id LIMIT ?", (limit,)
        ).fetchall()
        keys = ("id", "at", "source", "position", "error")
        out = [dict(zip(keys, row, strict=True)) for row in rows]
        for row in out:  # PostgreSQL gives a datetime, SQLite already ISO text
            row["at"] = row["at"].isoformat() if hasattr(row["at"], "isoformat") else row["at"]
        return out

    def count(self) -> int:
        """Number of stored articles."""
        return int(self._execute("SELECT count(*) FROM articles").fetchone()[0])

    def quotes(
        self, *, speaker: str | None = None, outlet: str | None = None, limit: int = 50
    ) -> list[dict[str, Any]]:
        """Stored attributions, newest articles first, filtered by speaker (any alias) or outlet."""
        sql = (
            "SELECT t.speaker, t.kind, t.cue, t.quote, t.chain, a.outlet, a.title, a.id "
            "FROM attributions t JOIN articles a ON a.id = t.article_id WHERE 1=1"
        )
        params: list[Any] = []
        if speaker:
            names = self._aliases(speaker)
            sql += f" AND t.speaker IN ({','.join('?' * len(names))})"
            params += names
        if outlet:
            sql += " AND a.outlet = ?"
            params.append(outlet)
        sql += " ORDER BY a.published DESC, t.article_id, t.quote_start LIMIT ?"
        params.append(limit)
        keys = ("speaker", "kind", "cue", "quote", "chain", "outlet", "title", "article_id")
        rows = [dict(zip(keys, row, strict=True)) for row in self._execute(sql, params)]
        for row in rows:
            row["chain"] = json.loads(row["chain"])
        return rows

    def _speaker_rows(self) -> list[tuple[str, int, str | None, str | None]]:
        return list(
            self._execute(
                f"SELECT t.speaker, count(*), max(t.role), {self._outlets_agg} "
                "FROM attributions t JOIN articles a ON a.id = t.article_id "
                "WHERE t.speaker IS NOT NULL GROUP BY t.speaker"
            )
        )

    def _aliases(self, speaker: str) -> list[str]:
        """Every stored name of the speaker the user means: a name, an alias or a surname."""
        wanted = speaker.lower().strip()
        names: list[str] = []
        for entry in merge_speakers(self._speaker_rows()):
            aliases = [a.lower() for a in entry["aliases"]]
            if wanted in aliases or any(a.split()[-1] == wanted for a in aliases if a.split()):
                names += entry["aliases"]
        return names or [speaker]

    def speakers(self, *, limit: int = 50) -> list[dict[str, Any]]:
        """Speakers across the corpus, aliases merged, most quoted first."""
        return merge_speakers(self._speaker_rows())[:limit]

    def get(self, prefix: str) -> Analysis:
        """One stored analysis by full id or a unique prefix (with or without ``sha256:``)."""
        digits = prefix.strip().removeprefix("sha256:").lower()
        if not _HEX.fullmatch(digits):
            # also keeps LIKE wildcards (% and _) out of the prefix match below
            raise StoreError(
                f"{prefix!r} is not an article id: give its hex digits (at least one, "
                "as `wirelens search` or `export` print them)"
            )
        rows = self._execute(
            "SELECT record FROM articles WHERE id LIKE ? LIMIT 2", ("sha256:" + digits + "%",)
        ).fetchall()
        if not rows:
            raise StoreError(f"no stored article with id {prefix!r}")
        if len(rows) > 1:
            raise StoreError(f"id prefix {prefix!r} is ambiguous: give more characters")
        return from_json(rows[0][0], Analysis)

    def rows(self, what: str) -> Iterator[dict[str, Any]]:
        """Flat rows for export: ``articles``, ``attributions`` or ``speakers``."""
        if what == "speakers":
            for entry in self.speakers(limit=1_000_000):
                yield {**entry, "aliases": "; ".join(entry["aliases"])}
            return
        table = {"articles": "articles", "attributions": "attributions"}.get(what)
        if table is None:
            raise StoreError(f"cannot export {what!r}: articles, attributions or speakers")
        cursor = self._execute(f"SELECT * FROM {table}")  # a name from the fixed table above
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield {k: v for k, v in zip(names, row, strict=True) if k != "record"}
