"""What every corpus backend shares: the records it keeps and the queries it answers.

Backends (:mod:`sqlite`, :mod:`postgres`) provide a connection, a transaction, a migration
runner, full-text search and an integrity check; everything else - adding a batch keyed by
content hash, quotes, speakers, export rows - is written once here in SQL both understand
(parameters are written ``?`` and translated by the backend).
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from wirelens.errors import StoreError
from wirelens.model import Analysis, from_json, to_json
from wirelens.store.speakers import merge_speakers

__all__ = ["AddResult", "Store"]

#: Attributions that only repeat statements first reported elsewhere (quote traces' copies).
_REPEATS = "SELECT attribution_id FROM trace_members GROUP BY attribution_id HAVING max(novel) = 0"


@dataclass(frozen=True)
class AddResult:
    """How many analyses a batch added and how many were already stored."""

    new: int
    existing: int


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
        self._executemany(
            "INSERT INTO attributions(article_id, kind, speaker, mention, role, cue, quote, "
            "quote_start, quote_end, chain, confidence, component) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    a.id,
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
            ],
        )
        return True

    def record_failure(self, source: str, error: str) -> None:
        """Keep a document that could not be read or analysed, with why."""
        with self._transaction():
            self._execute("INSERT INTO failures(source, error) VALUES (?, ?)", (source, error))

    def count(self) -> int:
        """Number of stored articles."""
        return int(self._execute("SELECT count(*) FROM articles").fetchone()[0])

    def quotes(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        repeats: bool = False,
    ) -> list[dict[str, Any]]:
        """Stored attributions, newest articles first, filtered by speaker (any alias) or outlet.

        A statement is listed once, where it first appeared: a copy that only repeats statements
        already reported (a quote trace's later appearance) is left out unless ``repeats``.
        """
        sql = (
            "SELECT t.speaker, t.kind, t.cue, t.quote, t.chain, a.outlet, a.title, a.id "
            "FROM attributions t JOIN articles a ON a.id = t.article_id WHERE 1=1"
        )
        if not repeats:
            sql += f" AND t.id NOT IN ({_REPEATS})"
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
        """``(name, statements, role, outlets)`` per stored speaker name.

        Statements, not copies: an attribution that only repeats statements already reported
        elsewhere (see ``trace_members.novel``) is not counted; the outlets still list where the
        speaker was quoted. An attribution in no trace counts once.
        """
        return [
            (name, int(count), role, outlets)
            for name, count, role, outlets in self._execute(
                f"SELECT t.speaker, sum(CASE WHEN t.id IN ({_REPEATS}) THEN 0 ELSE 1 END), "
                f"max(t.role), {self._outlets_agg} "
                "FROM attributions t JOIN articles a ON a.id = t.article_id "
                "WHERE t.speaker IS NOT NULL GROUP BY t.speaker"
            )
        ]

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
        """Speakers across the corpus, aliases merged, most statements first.

        ``count`` counts statements: a wire story republished by aggregators counts once (once
        the quote traces are built, :func:`wirelens.link.traces.update_traces`). A speaker
        whose every attribution repeats a statement first credited to someone else is left out.
        """
        return [e for e in merge_speakers(self._speaker_rows()) if e["count"]][:limit]

    def get(self, prefix: str) -> Analysis:
        """One stored analysis by full id or a unique prefix (with or without ``sha256:``)."""
        key = prefix if prefix.startswith("sha256:") else "sha256:" + prefix
        rows = self._execute(
            "SELECT record FROM articles WHERE id LIKE ? LIMIT 2", (key + "%",)
        ).fetchall()
        if not rows:
            raise StoreError(f"no stored article with id {prefix!r}")
        if len(rows) > 1:
            raise StoreError(f"id prefix {prefix!r} is ambiguous: give more characters")
        return from_json(rows[0][0], Analysis)

    def rows(self, what: str) -> Iterator[dict[str, Any]]:
        """Flat rows for export: ``articles``, ``attributions``, ``speakers`` or ``traces``."""
        if what == "speakers":
            for entry in self.speakers(limit=1_000_000):
                yield {**entry, "aliases": "; ".join(entry["aliases"])}
            return
        if what == "traces":
            from wirelens.link.provenance import trace_rows

            yield from trace_rows(self)
            return
        table = {"articles": "articles", "attributions": "attributions"}.get(what)
        if table is None:
            raise StoreError(f"cannot export {what!r}: articles, attributions, speakers or traces")
        cursor = self._execute(f"SELECT * FROM {table}")  # a name from the fixed table above
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield {k: v for k, v in zip(names, row, strict=True) if k != "record"}
