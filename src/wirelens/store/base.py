"""What every corpus backend shares: the records it keeps and the queries it answers.

Backends (:mod:`sqlite`, :mod:`postgres`) provide a connection, a transaction, a migration
runner, full-text search and an integrity check; everything else - adding a batch keyed by
content hash, quotes, speakers, export rows - is written once here in SQL both understand
(parameters are written ``?`` and translated by the backend).
"""

from __future__ import annotations

import json
import re
import threading
import time
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from wirelens.errors import NotFoundError, QueryError, StoreError
from wirelens.model import Analysis, from_json, to_json
from wirelens.store.citations import EMPTY, Sourcing, sourcing
from wirelens.store.fts import safe_query
from wirelens.store.params import check_page, marks, user_text
from wirelens.store.records import ArticleRow, FailureRow, QuoteRow, SearchHit, SpeakerEntry
from wirelens.store.registry import kind_of, lookup_key
from wirelens.store.speaker_store import SpeakerRegistry
from wirelens.store.speakers import group_speakers

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "FACET_SCAN",
    "AddResult",
    "SpeakerCache",
    "Store",
    "attribution_rows",
]

_HEX = re.compile(r"[0-9a-f]{1,64}")


def _digits(prefix: str) -> str | None:
    """The hex digits of an article id or id prefix (``sha256:`` and case dropped), or None
    when it is not one (LIKE wildcards, a lone surrogate, anything but hex)."""
    digits = prefix.strip().removeprefix("sha256:").lower()
    return digits if _HEX.fullmatch(digits) else None


#: Attributions that only repeat statements first reported elsewhere (quote traces' copies).
_REPEATS = "SELECT attribution_id FROM trace_members GROUP BY attribution_id HAVING max(novel) = 0"
#: The columns :meth:`Store.quotes` reads: an attribution and its article's citation.
_QUOTE_COLUMNS = (
    "SELECT t.speaker, t.kind, t.cue, t.quote, t.chain, a.outlet, a.title, a.id, "
    "t.id, t.role, t.confidence, t.quote_start, t.quote_end, a.published, a.url, "
    "a.source FROM attributions t JOIN articles a ON a.id = t.article_id"
)


class SpeakerCache:
    """The merged speaker list and when it was built; one per process in a server."""

    def __init__(self) -> None:
        self.held: tuple[float, list[SpeakerEntry]] | None = None
        self.lock = threading.Lock()


@dataclass(frozen=True)
class AddResult:
    """How many analyses a batch added and how many were already stored."""

    new: int
    existing: int


_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def iso_date(value: str, name: str) -> str:
    """``value`` cut to an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or a QueryError.

    ASCII digits only, a month from 1 to 12 and a day from 1 to 31: ``2026-13-45`` compared as
    text with stored dates would quietly match nothing (or everything), as would full-width
    digits.
    """
    day = value[:10]
    if not _DATE.fullmatch(day) or not _real_date(day):
        raise QueryError(f"{name} expects an ISO date (YYYY-MM-DD), got {value[:40]!r}")
    return day


def _real_date(day: str) -> bool:
    """Whether the month (1 to 12) and day (1 to 31) of a YYYY[-MM[-DD]] string can exist.

    Day 31 of any month is allowed: "until 2026-02-31" is how a month's end is written (the
    search page's month facets link that way), and as text it compares as the end of February.
    """
    parts = [int(p) for p in day.split("-")[1:]]
    return all(1 <= n <= top for n, top in zip(parts, (12, 31), strict=False))


#: How many of the best matches search facets count: bounded work whatever the corpus (each
#: counted match is one article row and its speakers read; the page says how many).
FACET_SCAN = 200


def _largest(counts: Counter[str]) -> list[tuple[str, int]]:
    """The ten largest counts, ties by value (as ``ORDER BY count DESC, value LIMIT 10``)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:10]


def facet_counts(
    rows: Sequence[Sequence[Any]], speakers: Sequence[str]
) -> dict[str, list[tuple[str, int]]]:
    """The facets of some articles: ``rows`` holds each one's ``(outlet, month)``,
    ``speakers`` each one's distinct speaker names, all together."""
    outlets = Counter(outlet for outlet, _ in rows if outlet is not None)
    months = Counter(month for _, month in rows if month)
    return {
        "outlet": _largest(outlets),
        "speaker": _largest(Counter(speakers)),
        "month": sorted(months.items(), reverse=True)[:10],
    }


class _Cursor:
    """A driver cursor whose errors, while its rows are read, are translated like the
    statement's own (SQLite reads a damaged page only when a row needs it)."""

    def __init__(self, cursor: Any, store: Store) -> None:
        self._cursor = cursor
        self._store = store

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchone(self) -> Any:
        with self._store._translated():
            return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        with self._store._translated():
            return list(self._cursor.fetchall())

    def fetchmany(self, size: int) -> list[Any]:
        """Rows in chunks, for joins too large to hold at once (the link band scan)."""
        with self._store._translated():
            return list(self._cursor.fetchmany(size))

    def __iter__(self) -> Iterator[Any]:
        rows = iter(self._cursor)
        while True:
            with self._store._translated():
                row = next(rows, None)
            if row is None:
                return
            yield row


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


class Store(SpeakerRegistry, ABC):
    """A wirelens corpus. Use as a context manager; every batch is one transaction."""

    #: Human-readable name of the database (a path, or a URL without password).
    name: str = ""
    #: Driver errors translated into StoreError at this boundary.
    _errors: tuple[type[Exception], ...] = ()
    #: SQL aggregating distinct outlets into one comma-separated string.
    _outlets_agg: str = ""

    #: Open transactions (errors inside one are reported as failed writes).
    _writing: int = 0

    @abstractmethod
    def _run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` parameters) and return the driver's cursor, untranslated."""

    @abstractmethod
    def _begin(self) -> AbstractContextManager[Any]:
        """The driver's transaction: committed on success, rolled back on error."""

    @abstractmethod
    def _damaged(self, exc: Exception) -> bool:
        """Whether a driver error says the database itself is damaged (not a query's fault)."""

    def _translate(self, exc: Exception) -> StoreError:
        """The one place a driver error becomes a :class:`StoreError` of one line."""
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        if self._damaged(exc):
            return StoreError(
                f"{self.name} is damaged ({first}): restore it from a backup, or ingest the "
                "sources again into a new corpus"
            )
        doing = "write to" if self._writing else "read"
        return StoreError(f"cannot {doing} {self.name}: {first}")

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """Driver errors raised inside become :meth:`_translate`'s StoreError."""
        try:
            yield
        except self._errors as exc:
            raise self._translate(exc) from exc

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        """Run one statement (``?`` parameters); driver errors, now or while rows are read,
        become one-line StoreErrors."""
        with self._translated():
            return _Cursor(self._run(sql, params), self)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """A transaction (committed on success, rolled back on error), errors translated."""
        self._writing += 1
        try:
            with self._translated(), self._begin():
                yield
        finally:
            self._writing -= 1

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    #: SELECT rid (the articles key named by ``_rid``), score of the articles ``a`` matching
    #: the ``?`` query and the ``{where}`` conditions, best first (no LIMIT)
    _ranked: str = ""
    #: SELECT rid, id, title, outlet, published, source, snippet for the ``{rids}`` of the
    #: ``?`` query (the query's parameter comes first)
    _hits: str = ""
    #: Rank at most this many matches, the newest stored that pass the filters (None: rank
    #: every match). Ranking costs time per match; a query matching most of a big corpus is
    #: ranked among its newest matches instead of all of them.
    rank_window: int | None = None
    #: the column of ``articles`` that ``_ranked`` returns as ``rid``
    _rid: str = "id"
    #: SQL condition on ``articles a`` matching the ``?`` full-text query
    _match: str = ""
    #: SQL condition on ``attributions t`` matching the ``?`` full-text query on quotes
    _quote_match: str = ""
    #: Seconds the merged speaker list is reused before it is read again (a server's cache)
    speakers_ttl: float = 60.0
    #: the merged speaker list; a server shares one among the connections of a process
    speaker_cache: SpeakerCache | None = None
    #: lookup key -> indexes into the cached merged list (names, and surnames of people)
    _key_index: tuple[list[SpeakerEntry], dict[str, list[int]], dict[str, list[int]]] | None = None

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        syntax: str = "plain",
        outlet: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[SearchHit]:
        """Full-text search over titles and bodies, best first, with snippets.

        ``syntax="plain"`` (the default) reads the query as words and "quoted phrases" and never
        fails on punctuation; ``"fts"`` passes the backend's own syntax through (FTS5 on SQLite,
        web search - words, "phrases", OR, -word - on PostgreSQL). ``outlet`` is matched
        ignoring case; ``speaker`` keeps articles quoting that speaker (any alias or surname);
        ``since`` and ``until`` compare ISO dates with the publication date, inclusive, so
        undated articles are left out (:meth:`undated` counts them). A query with more than
        :attr:`rank_window` matches (after filters) is ranked among its newest ones.
        """
        hits, _ = self.search_faceted(
            query,
            limit=limit,
            offset=offset,
            syntax=syntax,
            filters={"outlet": outlet, "speaker": speaker, "since": since, "until": until},
            scan=0,
        )
        return hits

    def facets(
        self,
        query: str,
        *,
        syntax: str = "plain",
        outlet: str | None = None,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        scan: int = FACET_SCAN,
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts by ``outlet``, ``speaker`` and ``month`` (YYYY-MM) among the best matches.

        The counts cover the ``scan`` best-ranked matching articles, not every match, so a
        query matching the whole corpus stays fast. Each facet lists its ten largest values
        (months: the ten newest).
        """
        _, facets = self.search_faceted(
            query,
            limit=0,
            syntax=syntax,
            filters={"outlet": outlet, "speaker": speaker, "since": since, "until": until},
            scan=scan,
        )
        return facets

    def search_faceted(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        syntax: str = "plain",
        filters: Mapping[str, str | None] | None = None,
        scan: int = FACET_SCAN,
    ) -> tuple[list[SearchHit], dict[str, list[tuple[str, int]]]]:
        """One page of :meth:`search` hits and the :meth:`facets` of the best ``scan`` matches.

        Ranking is the costly part of a search that matches much of the corpus; done once here
        for both. ``filters`` takes ``outlet``, ``speaker``, ``since`` and ``until``.
        """
        check_page(limit, offset)
        facets: dict[str, list[tuple[str, int]]] = {"outlet": [], "speaker": [], "month": []}
        fts = safe_query(query, syntax)
        if not fts:
            return [], facets
        ranked = self._ranked_rows(fts, filters or {}, max(scan, offset + limit), query, syntax)
        page = ranked[offset : offset + limit]
        hits: list[SearchHit] = []
        if page:
            rids = [rid for rid, _ in page]
            rows = self._hit_rows(fts, rids, query, syntax)
            found = {row[0]: row[1:] for row in rows}
            for rid, score in page:
                if rid in found:
                    id_, title, outlet, published, source, snippet = found[rid]
                    hits.append(
                        SearchHit(
                            id=id_,
                            title=title,
                            outlet=outlet,
                            published=published,
                            source=source,
                            snippet=snippet,
                            score=score,
                        )
                    )
        if scan:
            facets = self._facets([rid for rid, _ in ranked[:scan]])
        return hits, facets

    def _facets(self, rids: list[Any]) -> dict[str, list[tuple[str, int]]]:
        """Outlet, speaker and month counts over the articles ``rids`` (ten of each).

        Two indexed reads, counted here: the articles' own rows (outlet, month) by key, then
        their attributions' speakers from the ``(article_id, speaker)`` index alone.
        """
        if not rids:
            return {"outlet": [], "speaker": [], "month": []}
        rows = self._execute(
            f"SELECT a.id, a.outlet, substr(a.published, 1, 7) FROM articles a "
            f"WHERE a.{self._rid} IN ({marks(rids)})",
            rids,
        ).fetchall()
        ids = [id_ for id_, _, _ in rows]
        pairs = self._execute(
            f"SELECT DISTINCT article_id, speaker FROM attributions "
            f"WHERE article_id IN ({marks(ids)}) AND speaker IS NOT NULL",
            ids,
        ).fetchall()
        return facet_counts([row[1:] for row in rows], [speaker for _, speaker in pairs])

    def undated(
        self,
        query: str,
        *,
        syntax: str = "plain",
        outlet: str | None = None,
        speaker: str | None = None,
    ) -> int:
        """How many articles match ``query`` but carry no publication date.

        A ``since``/``until`` filter leaves these out; callers say so instead of hiding them.
        """
        fts = safe_query(query, syntax)
        if not fts:
            return 0
        where, params = self._where(outlet, speaker, None, None)
        sql = (
            f"SELECT count(*) FROM articles a WHERE {self._match}{where} "
            "AND (a.published IS NULL OR a.published = '')"
        )
        return int(self._query(sql, [fts, *params], query, syntax)[0][0])

    def _ranked_rows(
        self, fts: str, filters: Mapping[str, str | None], limit: int, query: str, syntax: str
    ) -> list[Any]:
        """``(rid, score)`` of the ``limit`` best matches of ``fts`` passing ``filters``
        (``outlet``, ``speaker``, ``since``, ``until``), best first."""
        f = filters
        where, params = self._where(
            f.get("outlet"), f.get("speaker"), f.get("since"), f.get("until")
        )
        sql = self._ranked.format(where=where)
        return self._query(sql + " LIMIT ?", [fts, *params, limit], query, syntax)

    def _hit_rows(self, fts: str, rids: list[Any], query: str, syntax: str) -> list[Any]:
        """The rows of :attr:`_hits` (with snippets) for the page's ``rids``, in any order."""
        return self._query(self._hits.format(rids=marks(rids)), [fts, *rids], query, syntax)

    def _query(self, sql: str, params: Sequence[Any], query: str, syntax: str) -> list[Any]:
        """Run a full-text statement; a bad user query becomes a :class:`QueryError`."""
        try:
            return list(self._run(sql, params).fetchall())
        except self._errors as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            if syntax == "fts" and not self._damaged(exc):
                raise QueryError(f"bad search query {query!r}: {first}") from exc
            raise self._translate(exc) from exc

    @abstractmethod
    def verify(self) -> list[str]:
        """Integrity problems (empty when the database is sound)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _where(
        self,
        outlet: str | None,
        speaker: str | None,
        since: str | None,
        until: str | None,
        alias: str = "a",
    ) -> tuple[str, list[Any]]:
        """SQL conditions (on articles ``alias``, each starting `` AND``) and their parameters."""
        sql, params = "", []  # type: tuple[str, list[Any]]
        if outlet:
            sql += f" AND lower({alias}.outlet) = lower(?)"
            params.append(user_text(outlet))
        if speaker:
            names = self._aliases(speaker)
            sql += (
                f" AND {alias}.id IN (SELECT article_id FROM attributions WHERE speaker IN "
                f"({marks(names)}))"
            )
            params += names
        if since:
            sql += f" AND substr({alias}.published, 1, 10) >= ?"
            params.append(iso_date(since, "since"))
        if until:
            sql += f" AND substr({alias}.published, 1, 10) <= ?"
            params.append(iso_date(until, "until"))
        return sql, params

    def add(self, analyses: Iterable[Analysis], *, speakers: bool = True) -> AddResult:
        """Store a batch in one transaction; articles already stored are skipped.

        ``speakers`` rebuilds the speaker registry in the same transaction when the batch added
        articles, and catches up the text index; an ingest of many batches passes False and
        calls :meth:`refresh_derived` once at the end (rebuilding costs about a second per
        40,000 distinct names), and reads work the registry out themselves while it lags behind.
        """
        new = existing = 0
        with self._transaction():
            for analysis in analyses:
                if self._insert(analysis):
                    new += 1
                else:
                    existing += 1
            if new and speakers:
                self._refresh_registry()
        self._forget_speakers()
        if new and speakers:
            self.refresh_text_index()
        return AddResult(new, existing)

    def refresh_derived(self) -> None:
        """Bring what is derived from the stored articles up to date: the speaker registry and
        (where there is one) the text index. What :meth:`add` does after each batch unless the
        caller, adding many (ingest, ``load``, a Spark run), does it once at the end."""
        self.refresh_speakers()
        self.refresh_text_index()

    def refresh_text_index(
        self,
        *,
        build: bool = False,
        rebuild: bool = False,
        progress: Callable[[str], None] | None = None,
    ) -> str:
        """Bring the corpus' text index (SQLite: a Tantivy index beside the file) up to date;
        ``build`` makes one where there is none, ``rebuild`` a new one whatever there is. Says
        what it did ("none": no index here).

        Called where a user expects work to take time: after an ingest or a load, by ``serve``
        before it accepts requests and by ``wirelens index``. PostgreSQL has none.
        """
        del build, rebuild, progress
        return "none"

    def known(self, ids: Sequence[str]) -> set[str]:
        """Which of ``ids`` (content hashes) are already stored: ingest skips their analysis."""
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            part = list(ids[i : i + 500])
            sql = f"SELECT id FROM articles WHERE id IN ({marks(part)})"
            found.update(row[0] for row in self._execute(sql, part))
        return found

    def stale(self, component: str, *, after: str = "", limit: int = 64) -> list[Analysis]:
        """Up to ``limit`` stored analyses made by another attribute component than ``component``
        (what ``wirelens reanalyze`` redoes), in id order from the first id above ``after``."""
        check_page(limit)
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
        if done:
            self.refresh_text_index()
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
        a many-record source, where in it (``line 3``, ``record 2``).

        The texts are the input's own words (a web ingest's ``source``), so a NUL or lone
        surrogate in them becomes U+FFFD: PostgreSQL refuses a NUL, and a failure that cannot
        be recorded would stop the ingest it is meant to keep going."""
        values = (source, position, error)
        with self._transaction():
            self._execute(
                "INSERT INTO failures(source, position, error) VALUES (?, ?, ?)",
                tuple(user_text(v) if v else v for v in values),
            )

    def failures(self, *, limit: int = 1000) -> list[FailureRow]:
        """Recorded failures, oldest first: when, source, position in it, and the reason."""
        check_page(limit)
        rows = self._execute(
            "SELECT id, at, source, position, error FROM failures ORDER BY id LIMIT ?", (limit,)
        ).fetchall()
        return [
            # PostgreSQL gives a datetime, SQLite already ISO text
            FailureRow(
                id=i,
                at=at.isoformat() if hasattr(at, "isoformat") else at,
                source=src,
                position=position,
                error=error,
            )
            for i, at, src, position, error in rows
        ]

    def count(self, *, outlet: str | None = None) -> int:
        """Number of stored articles (from ``outlet`` only, ignoring case, when given)."""
        where, params = self._where(outlet, None, None, None)
        sql = f"SELECT count(*) FROM articles a WHERE 1=1{where}"
        return int(self._execute(sql, params).fetchone()[0])

    def quotes(
        self,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        text: str | None = None,
        syntax: str = "plain",
        limit: int = 50,
        offset: int = 0,
        repeats: bool = False,
        min_confidence: float = 0.0,
    ) -> list[QuoteRow]:
        """Stored attributions, newest articles first, each with its article's citation
        (title, outlet, published, url, source) and full sourcing (``hops``, ``pieces``,
        ``addressee``: see :class:`~wirelens.store.records.QuoteRow`).

        Filters: ``speaker`` (any alias), ``outlet`` (ignoring case), ``text``, words searched
        in the quotes themselves (``quotes_fts`` on SQLite, a text search on PostgreSQL), and
        ``min_confidence``, the least confidence kept. A statement is listed once, where it
        first appeared: a copy that only repeats statements already reported (a quote trace's
        later appearance) is left out unless ``repeats``.
        """
        check_page(limit, offset)
        fts = safe_query(text, syntax) if text else ""
        if text and not fts:
            return []
        where, params = self._quote_conditions(fts, speaker, outlet, min_confidence, repeats)
        sql = (
            f"{_QUOTE_COLUMNS} WHERE 1=1{where} "
            "ORDER BY a.published DESC NULLS LAST, t.article_id, t.quote_start LIMIT ? OFFSET ?"
        )
        found = self._query(sql, [*params, limit, offset], text or "", syntax if text else "plain")
        return self._quote_rows(found)

    def _quote_conditions(
        self,
        fts: str,
        speaker: str | None,
        outlet: str | None,
        min_confidence: float,
        repeats: bool,
    ) -> tuple[str, list[Any]]:
        """The SQL conditions (each starting `` AND``) and parameters of :meth:`quotes`."""
        sql = "" if repeats else f" AND t.id NOT IN ({_REPEATS})"
        params: list[Any] = []
        if fts:
            sql += f" AND {self._quote_match}"
            params.append(fts)
        if speaker:
            names = self._aliases(speaker)
            sql += f" AND t.speaker IN ({marks(names)})"
            params += names
        if outlet:
            sql += " AND lower(a.outlet) = lower(?)"
            params.append(user_text(outlet))
        if min_confidence > 0:
            # PostgreSQL keeps confidence as REAL (float4): 0.976 comes back a hair below 0.976
            sql += " AND t.confidence >= ?"
            params.append(min_confidence - 1e-6)
        return sql, params

    def _quote_rows(self, found: Sequence[Sequence[Any]]) -> list[QuoteRow]:
        """:data:`_QUOTE_COLUMNS` rows as records, each with its sourcing (one read for all)."""
        records = self._sourcing({row[7] for row in found})
        rows: list[QuoteRow] = []
        for row in found:
            (speaker, kind, cue, quote, chain, outlet, title, article_id, *rest) = row
            (id_, role, confidence, start, end, published, url, source) = rest
            hops, pieces, addressee = records.get(article_id, {}).get((start, end), EMPTY)
            rows.append(
                QuoteRow(
                    id=id_,
                    article_id=article_id,
                    title=title,
                    outlet=outlet,
                    published=published,
                    url=url,
                    source=source,
                    speaker=speaker,
                    role=role,
                    kind=kind,
                    cue=cue,
                    quote=quote,
                    quote_start=start,
                    quote_end=end,
                    chain=json.loads(chain),
                    hops=hops,
                    pieces=pieces,
                    addressee=addressee,
                    confidence=confidence,
                )
            )
        return rows

    def _sourcing(self, ids: set[str]) -> dict[str, dict[tuple[int, int], Sourcing]]:
        """The hops, pieces and addressee of every attribution of the articles ``ids``."""
        if not ids:
            return {}
        found = self._execute(
            f"SELECT id, record FROM articles WHERE id IN ({marks(list(ids))})", list(ids)
        ).fetchall()
        return {article_id: sourcing(record) for article_id, record in found}

    def articles(
        self, *, outlet: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[ArticleRow]:
        """Stored articles, newest first (undated last), without their bodies."""
        check_page(limit, offset)
        where, params = self._where(outlet, None, None, None)
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.source, "
            "(SELECT count(*) FROM attributions t WHERE t.article_id = a.id) "
            f"FROM articles a WHERE 1=1{where} "
            "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?"
        )
        rows = self._execute(sql, [*params, limit, offset]).fetchall()
        return [
            ArticleRow(
                id=id_,
                title=title,
                outlet=outlet,
                published=published,
                url=url,
                source=source,
                attributions=int(n),
            )
            for id_, title, outlet, published, url, source, n in rows
        ]

    def speaker(self, name: str) -> dict[str, Any] | None:
        """One merged speaker (any of their names), with where and when they are quoted.

        Adds to the :meth:`speakers` entry ``outlets_chains`` (outlet, chain, count: who quotes
        them and through which sources) and ``months`` (YYYY-MM, count).
        """
        entry = self._entry(name)
        if entry is None:
            return None
        names = entry["aliases"]
        head = (
            "FROM attributions t JOIN articles a ON a.id = t.article_id "
            f"WHERE t.speaker IN ({marks(names)})"
        )
        chains = self._execute(
            f"SELECT a.outlet, t.chain, count(*) {head} GROUP BY a.outlet, t.chain "
            "ORDER BY count(*) DESC, a.outlet",
            names,
        ).fetchall()
        months = self._execute(
            f"SELECT substr(a.published, 1, 7), count(*) {head} AND a.published IS NOT NULL "
            "AND a.published <> '' GROUP BY substr(a.published, 1, 7) ORDER BY 1",
            names,
        ).fetchall()
        return {
            **entry,
            "outlets_chains": [(o or "", json.loads(c), int(n)) for o, c, n in chains],
            "months": [(str(m), int(n)) for m, n in months],
        }

    #: Tables other steps of wirelens may add (linking: stories, copy groups, quote traces).
    OPTIONAL_TABLES = ("stories", "copy_groups", "copy_members", "traces")

    #: SQL that makes this connection refuse writes (a server's read-only connections)
    _read_only_sql: str = ""

    def read_only(self) -> None:
        """Make this connection refuse every write from now on (defence in depth for servers)."""
        self._execute(self._read_only_sql)

    @abstractmethod
    def has_table(self, name: str) -> bool:
        """Whether the corpus holds the table ``name`` (optional tables may be absent)."""

    def optional_rows(
        self, table: str, *, limit: int = 20, offset: int = 0
    ) -> list[dict[str, Any]] | None:
        """Rows of an optional table (see :attr:`OPTIONAL_TABLES`), or None when it is absent."""
        check_page(limit, offset)
        if table not in self.OPTIONAL_TABLES:
            raise QueryError(f"unknown table {table!r}: one of {', '.join(self.OPTIONAL_TABLES)}")
        if not self.has_table(table):
            return None
        # a name from the fixed list above
        cursor = self._execute(f"SELECT * FROM {table} LIMIT ? OFFSET ?", (limit, offset))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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

    def _merged(self) -> list[SpeakerEntry]:
        """Speakers merged by the registry, reused for :attr:`speakers_ttl` seconds.

        Building the list reads every attribution (seconds on a big corpus), so when it is
        shared (:attr:`speaker_cache`) one connection rebuilds an expired list while the
        others go on with the old one, instead of each rebuilding it.
        """
        if self.speaker_cache is None:
            self.speaker_cache = SpeakerCache()
        cache = self.speaker_cache
        held = cache.held
        if held is not None and time.monotonic() - held[0] < self.speakers_ttl:
            return held[1]
        if held is not None and not cache.lock.acquire(blocking=False):
            return held[1]  # another connection is rebuilding it
        if held is None:
            cache.lock.acquire()
        try:
            held = cache.held
            if held is None or time.monotonic() - held[0] >= self.speakers_ttl:
                rows = self._speaker_rows()
                counts = {name: int(n) for name, n, _, _ in rows}
                held = (time.monotonic(), group_speakers(rows, self._links(counts)))
                cache.held = held
            return held[1]
        finally:
            cache.lock.release()

    def _forget_speakers(self) -> None:
        if self.speaker_cache is not None:
            self.speaker_cache.held = None

    def _entry(self, speaker: str) -> SpeakerEntry | None:
        """The merged speaker the user means by a name, an alias or (unambiguous) surname."""
        entries = self._matching(speaker)
        return entries[0] if entries else None

    def _matching(self, speaker: str) -> list[SpeakerEntry]:
        """Speakers with an alias equal to ``speaker`` (ignoring case, titles and honorifics:
        "Ayatollah Ali Khamenei" finds "Ali Khamenei"), else whose surname it is."""
        merged = self._merged()
        if self._key_index is None or self._key_index[0] is not merged:
            names: dict[str, list[int]] = {}
            surnames: dict[str, list[int]] = {}
            for i, entry in enumerate(merged):
                for alias in entry["aliases"]:
                    key = lookup_key(alias)
                    names.setdefault(key, []).append(i)
                    if " " in key and kind_of(alias) == "person":
                        surnames.setdefault(key.rsplit(" ", 1)[1], []).append(i)
            self._key_index = (merged, names, surnames)
        _, names, surnames = self._key_index
        wanted = lookup_key(speaker) or speaker.lower().strip()
        exact = sorted(set(names.get(wanted, [])))
        rest = sorted(set(surnames.get(wanted, [])) - set(exact))
        # an exact name first, then the most quoted (the list is most quoted first)
        return [merged[i] for i in exact + rest]

    def _aliases(self, speaker: str) -> list[str]:
        """Every stored name of the speaker the user means: a name, an alias or a surname."""
        names: list[str] = []
        for entry in self._matching(speaker):
            names += entry["aliases"]
        return names or [user_text(speaker)]

    def speaker_count(self) -> int:
        """Number of speakers once aliases are merged (those with a statement of their own)."""
        return sum(1 for e in self._merged() if e["count"])

    def speakers(self, *, limit: int = 50, offset: int = 0) -> list[SpeakerEntry]:
        """Speakers across the corpus, aliases merged, most statements first.

        ``count`` counts statements: a wire story republished by aggregators counts once (once
        the quote traces are built, :func:`wirelens.link.traces.update_traces`). A speaker
        whose every attribution repeats a statement first credited to someone else is left out.
        """
        check_page(limit, offset)
        counted = [e for e in self._merged() if e["count"]]
        return [SpeakerEntry(**e) for e in counted[offset : offset + limit]]

    def get(self, prefix: str) -> Analysis:
        """One stored analysis by full id or a unique prefix (with or without ``sha256:``)."""
        if _digits(prefix) is None:
            raise NotFoundError(
                f"{prefix[:80]!r} is not an article id: give its hex digits (at least one, "
                "as `wirelens search` or `export` print them)"
            )
        return from_json(self._by_prefix("record", prefix), Analysis)

    def full_id(self, prefix: str) -> str:
        """The full id of the stored article ``prefix`` names (its id or a unique prefix, with
        or without ``sha256:``): NotFoundError when it names none, QueryError when several."""
        return str(self._by_prefix("id", prefix))

    def _by_prefix(self, column: str, prefix: str) -> Any:
        """``column`` of the one article whose id starts with ``prefix``'s hex digits."""
        digits = _digits(prefix)
        if digits is None:  # also keeps junk out of the lookup
            raise NotFoundError(f"no stored article with id {prefix!r}")
        key = "sha256:" + digits
        # a range on the primary key (LIKE would scan every row); ids are lowercase hex
        upper = key[:-1] + chr(ord(key[-1]) + 1)
        rows = self._execute(
            f"SELECT {column} FROM articles WHERE id >= ? AND id < ? LIMIT 2", (key, upper)
        ).fetchall()
        if not rows:
            raise NotFoundError(f"no stored article with id {prefix!r}")
        if len(rows) > 1:
            raise QueryError(f"id prefix {prefix!r} is ambiguous: give more characters")
        return rows[0][0]

    def rows(self, what: str) -> Iterator[dict[str, Any]]:
        """Flat rows for export: ``articles``, ``attributions`` or ``speakers`` (linking's rows,
        groups, traces and stories, come from :mod:`wirelens.link`, which reads the store)."""
        if what == "speakers":
            for entry in self.speakers(limit=1_000_000):
                yield {**entry, "aliases": "; ".join(entry["aliases"])}
            return
        if what == "attributions":
            yield from self._attribution_rows()
            return
        table = {"articles": "articles"}.get(what)
        if table is None:
            raise StoreError(f"cannot export {what!r}: articles, attributions or speakers")
        cursor = self._execute(f"SELECT * FROM {table}")  # a name from the fixed table above
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield {k: v for k, v in zip(names, row, strict=True) if k != "record"}

    def _attribution_rows(self) -> Iterator[dict[str, Any]]:
        """Every attribution with its article's citation and its full sourcing, article by
        article (each article's stored record is read once)."""
        cursor = self._execute(
            "SELECT t.*, a.title, a.outlet, a.published, a.url, a.source "
            "FROM attributions t JOIN articles a ON a.id = t.article_id "
            "ORDER BY t.article_id, t.quote_start, t.id"
        )
        names = [d[0] for d in cursor.description]
        current: tuple[str, dict[tuple[int, int], Sourcing]] = ("", {})
        for row in cursor.fetchall():
            values = dict(zip(names, row, strict=True))
            if values["article_id"] != current[0]:
                current = (
                    values["article_id"],
                    self._sourcing({values["article_id"]}).get(values["article_id"], {}),
                )
            hops, pieces, addressee = current[1].get(
                (values["quote_start"], values["quote_end"]), EMPTY
            )
            yield {**values, "hops": hops, "pieces": pieces, "addressee": addressee}
