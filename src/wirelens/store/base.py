"""What every corpus backend shares: the records it keeps and the queries it answers.

Backends (:mod:`sqlite`, :mod:`postgres`) provide a connection, a transaction, a migration
runner, full-text search and an integrity check; everything else - adding a batch keyed by
content hash, quotes, speakers, export rows - is written once here in SQL both understand
(parameters are written ``?`` and translated by the backend).
"""

from __future__ import annotations

import json
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from wirelens.errors import NotFoundError, QueryError, StoreError
from wirelens.model import Analysis, from_json, to_json
from wirelens.store.fts import safe_query
from wirelens.store.speakers import merge_speakers

__all__ = ["FACET_SCAN", "AddResult", "Store"]

_HEX = re.compile(r"[0-9a-f]{1,64}")


@dataclass(frozen=True)
class AddResult:
    """How many analyses a batch added and how many were already stored."""

    new: int
    existing: int


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _iso_date(value: str, name: str) -> str:
    """``value`` cut to an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or a QueryError."""
    if not _DATE.fullmatch(value[:10]):
        raise QueryError(f"{name} expects an ISO date (YYYY-MM-DD), got {value[:40]!r}")
    return value[:10]


#: How many of the best matches search facets count (more costs time on big corpora).
FACET_SCAN = 500


def _marks(items: Sequence[Any]) -> str:
    """One ``?`` per item, comma-separated."""
    return ",".join("?" * len(items))


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

    #: SELECT rid (the articles key named by ``_rid``), score of the articles ``a`` matching
    #: the ``?`` query and the ``{where}`` conditions, best first (no LIMIT)
    _ranked: str = ""
    #: what ``_ranked`` puts in ``{join}`` when there are conditions on ``articles a``
    _ranked_join: str = ""
    #: SELECT rid, id, title, outlet, published, source, snippet for the ``{rids}`` of the
    #: ``?`` query (the query's parameter comes first)
    _hits: str = ""
    #: Rank at most this many matches, the most recently stored (None: rank every match).
    #: Ranking costs time per match; a query matching most of a big corpus is ranked among
    #: its newest matches instead of all of them.
    rank_window: int | None = None
    #: SELECT the rowid of the ``?``-th newest match ({join} and {where} as in ``_ranked``)
    _newest: str = ""
    #: the condition keeping ``_ranked`` to matches at least as new as the ``?`` one
    _window_sql: str = ""
    #: the column of ``articles`` that ``_ranked`` returns as ``rid``
    _rid: str = "id"
    #: SQL condition on ``articles a`` matching the ``?`` full-text query
    _match: str = ""
    #: SQL condition on ``attributions t`` matching the ``?`` full-text query on quotes
    _quote_match: str = ""
    #: Seconds the merged speaker list is reused before it is read again (a server's cache)
    speakers_ttl: float = 60.0
    _merged_cache: tuple[float, list[dict[str, Any]]] | None = None

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
    ) -> list[dict[str, Any]]:
        """Full-text search over titles and bodies, best first, with snippets.

        ``syntax="plain"`` (the default) reads the query as words and "quoted phrases" and never
        fails on punctuation; ``"fts"`` passes the backend's own syntax through (FTS5 on SQLite,
        web search - words, "phrases", OR, -word - on PostgreSQL). ``outlet`` is matched
        ignoring case; ``speaker`` keeps articles quoting that speaker (any alias or surname);
        ``since`` and ``until`` compare ISO dates with the publication date, inclusive, so
        undated articles are left out (:meth:`undated` counts them). Without filters, a query
        matching more than :attr:`rank_window` articles is ranked among its newest matches.
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
    ) -> tuple[list[dict[str, Any]], dict[str, list[tuple[str, int]]]]:
        """One page of :meth:`search` hits and the :meth:`facets` of the best ``scan`` matches.

        Ranking is the costly part of a search that matches much of the corpus; done once here
        for both. ``filters`` takes ``outlet``, ``speaker``, ``since`` and ``until``.
        """
        facets: dict[str, list[tuple[str, int]]] = {"outlet": [], "speaker": [], "month": []}
        fts = safe_query(query, syntax)
        if not fts:
            return [], facets
        f = filters or {}
        where, params = self._where(
            f.get("outlet"), f.get("speaker"), f.get("since"), f.get("until")
        )
        window, floor = self._window(fts, where, params, query, syntax)
        sql = self._ranked_sql(where, window) + " LIMIT ?"
        ranked = self._query(sql, [fts, *params, *floor, max(scan, offset + limit)], query, syntax)
        page = ranked[offset : offset + limit]
        hits: list[dict[str, Any]] = []
        if page:
            rids = [rid for rid, _ in page]
            rows = self._query(self._hits.format(rids=_marks(rids)), [fts, *rids], query, syntax)
            keys = ("id", "title", "outlet", "published", "source", "snippet")
            found = {row[0]: dict(zip(keys, row[1:], strict=True)) for row in rows}
            hits = [{**found[rid], "score": score} for rid, score in page if rid in found]
        if scan:
            facets = self._facets([rid for rid, _ in ranked[:scan]])
        return hits, facets

    def _facets(self, rids: list[Any]) -> dict[str, list[tuple[str, int]]]:
        """Outlet, speaker and month counts over the articles ``rids`` (ten of each)."""
        if not rids:
            return {"outlet": [], "speaker": [], "month": []}
        among = f"a.{self._rid} IN ({_marks(rids)})"
        sqls = {
            "outlet": f"SELECT a.outlet, count(*) FROM articles a WHERE {among} "
            "AND a.outlet IS NOT NULL GROUP BY a.outlet ORDER BY 2 DESC, 1 LIMIT 10",
            "month": f"SELECT substr(a.published, 1, 7), count(*) FROM articles a WHERE {among} "
            "AND a.published IS NOT NULL AND a.published <> '' "
            "GROUP BY substr(a.published, 1, 7) ORDER BY 1 DESC LIMIT 10",
            # CROSS JOIN: SQLite starts from these articles, not from every attribution
            "speaker": "SELECT t.speaker, count(DISTINCT t.article_id) FROM articles a "
            f"CROSS JOIN attributions t WHERE {among} AND t.article_id = a.id "
            "AND t.speaker IS NOT NULL GROUP BY t.speaker ORDER BY 2 DESC, 1 LIMIT 10",
        }
        return {
            name: [(str(v), int(n)) for v, n in self._execute(sql, rids).fetchall()]
            for name, sql in sqls.items()
        }

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

    def _ranked_sql(self, where: str, window: str = "") -> str:
        join = self._ranked_join if where else ""
        return self._ranked.format(where=where + window, join=join)

    def _window(
        self, fts: str, where: str, params: list[Any], query: str, syntax: str
    ) -> tuple[str, list[Any]]:
        """The condition (and its parameter) keeping ranking to the newest ``rank_window``
        matches, or nothing when there are fewer or the backend ranks them all.

        Not with filters: finding the newest filtered matches costs as much as ranking them.
        """
        if not self.rank_window or not self._newest or where:
            return "", []
        sql = self._newest.format(where="", join="")
        row = self._query(sql, [fts, *params, self.rank_window - 1], query, syntax)
        return (self._window_sql, [row[0][0]]) if row else ("", [])

    def _query(self, sql: str, params: Sequence[Any], query: str, syntax: str) -> list[Any]:
        """Run a full-text statement; a bad user query becomes a :class:`QueryError`."""
        try:
            return list(self._execute(sql, params).fetchall())
        except self._errors as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            if syntax == "fts":
                raise QueryError(f"bad search query {query!r}: {first}") from exc
            raise StoreError(f"search failed in {self.name}: {first}") from exc

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
            params.append(outlet)
        if speaker:
            names = self._aliases(speaker)
            sql += (
                f" AND {alias}.id IN (SELECT article_id FROM attributions WHERE speaker IN "
                f"({','.join('?' * len(names))}))"
            )
            params += names
        if since:
            sql += f" AND substr({alias}.published, 1, 10) >= ?"
            params.append(_iso_date(since, "since"))
        if until:
            sql += f" AND substr({alias}.published, 1, 10) <= ?"
            params.append(_iso_date(until, "until"))
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
        self._merged_cache = None
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
        min_confidence: float = 0.0,
    ) -> list[dict[str, Any]]:
        """Stored attributions, newest articles first, each with its article's citation.

        Filters: ``speaker`` (any alias), ``outlet`` (ignoring case), ``text``, words searched
        in the quotes themselves (``quotes_fts`` on SQLite, a text search on PostgreSQL), and
        ``min_confidence``, the least confidence kept.
        """
        sql = (
            "SELECT t.speaker, t.kind, t.cue, t.quote, t.chain, a.outlet, a.title, a.id, "
            "t.id, t.role, t.confidence, t.quote_start, t.quote_end, a.published, a.url, "
            "a.source FROM attributions t JOIN articles a ON a.id = t.article_id WHERE 1=1"
        )
        params: list[Any] = []
        fts = safe_query(text, syntax) if text else ""
        if text and not fts:
            return []
        if fts:
            sql += f" AND {self._quote_match}"
            params.append(fts)
        if speaker:
            names = self._aliases(speaker)
            sql += f" AND t.speaker IN ({','.join('?' * len(names))})"
            params += names
        if outlet:
            sql += " AND lower(a.outlet) = lower(?)"
            params.append(outlet)
        if min_confidence > 0:
            # PostgreSQL keeps confidence as REAL (float4): 0.976 comes back a hair below 0.976
            sql += " AND t.confidence >= ?"
            params.append(min_confidence - 1e-6)
        sql += " ORDER BY a.published DESC NULLS LAST, t.article_id, t.quote_start LIMIT ? OFFSET ?"
        params += [limit, offset]
        keys = (
            *("speaker", "kind", "cue", "quote", "chain", "outlet", "title", "article_id"),
            *("id", "role", "confidence", "quote_start", "quote_end", "published", "url"),
            "source",
        )
        rows = [
            dict(zip(keys, row, strict=True))
            for row in self._query(sql, params, text or "", syntax if text else "plain")
        ]
        for row in rows:
            row["chain"] = json.loads(row["chain"])
        return rows

    def articles(
        self, *, outlet: str | None = None, limit: int = 20, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Stored articles, newest first (undated last), without their bodies."""
        where, params = self._where(outlet, None, None, None)
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, a.url, a.source, "
            "(SELECT count(*) FROM attributions t WHERE t.article_id = a.id) "
            f"FROM articles a WHERE 1=1{where} "
            "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ? OFFSET ?"
        )
        keys = ("id", "title", "outlet", "published", "url", "source", "attributions")
        rows = self._execute(sql, [*params, limit, offset]).fetchall()
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def speaker(self, name: str) -> dict[str, Any] | None:
        """One merged speaker (any of their names), with where and when they are quoted.

        Adds to the :meth:`speakers` entry ``outlets_chains`` (outlet, chain, count: who quotes
        them and through which sources) and ``months`` (YYYY-MM, count).
        """
        entry = self._entry(name)
        if entry is None:
            return None
        names = entry["aliases"]
        marks = ",".join("?" * len(names))
        head = (
            "FROM attributions t JOIN articles a ON a.id = t.article_id "
            f"WHERE t.speaker IN ({marks})"
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
        if table not in self.OPTIONAL_TABLES:
            raise QueryError(f"unknown table {table!r}: one of {', '.join(self.OPTIONAL_TABLES)}")
        if not self.has_table(table):
            return None
        # a name from the fixed list above
        cursor = self._execute(f"SELECT * FROM {table} LIMIT ? OFFSET ?", (limit, offset))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _speaker_rows(self) -> list[tuple[str, int, str | None, str | None]]:
        return list(
            self._execute(
                f"SELECT t.speaker, count(*), max(t.role), {self._outlets_agg} "
                "FROM attributions t JOIN articles a ON a.id = t.article_id "
                "WHERE t.speaker IS NOT NULL GROUP BY t.speaker"
            )
        )

    def _merged(self) -> list[dict[str, Any]]:
        """Speakers merged across the corpus, reused for :attr:`speakers_ttl` seconds."""
        cached, now = self._merged_cache, time.monotonic()
        if cached is not None and now - cached[0] < self.speakers_ttl:
            return cached[1]
        merged = merge_speakers(self._speaker_rows())
        self._merged_cache = (now, merged)
        return merged

    def _entry(self, speaker: str) -> dict[str, Any] | None:
        """The merged speaker the user means by a name, an alias or (unambiguous) surname."""
        entries = self._matching(speaker)
        return entries[0] if entries else None

    def _matching(self, speaker: str) -> list[dict[str, Any]]:
        wanted = speaker.lower().strip()
        found = []
        for entry in self._merged():
            aliases = [a.lower() for a in entry["aliases"]]
            if wanted in aliases or any(a.split()[-1] == wanted for a in aliases if a.split()):
                found.append(entry)
        # an exact name first, then the most quoted
        found.sort(key=lambda e: (wanted not in [a.lower() for a in e["aliases"]], -e["count"]))
        return found

    def _aliases(self, speaker: str) -> list[str]:
        """Every stored name of the speaker the user means: a name, an alias or a surname."""
        names: list[str] = []
        for entry in self._matching(speaker):
            names += entry["aliases"]
        return names or [speaker]

    def speaker_count(self) -> int:
        """Number of speakers once aliases are merged."""
        return len(self._merged())

    def speakers(self, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Speakers across the corpus, aliases merged, most quoted first."""
        return [dict(e) for e in self._merged()[offset : offset + limit]]

    def get(self, prefix: str) -> Analysis:
        """One stored analysis by full id or a unique prefix (with or without ``sha256:``)."""
        digits = prefix.strip().removeprefix("sha256:").lower()
        if not _HEX.fullmatch(digits):
            # also keeps LIKE wildcards (% and _) and other junk out of the lookup below
            raise NotFoundError(
                f"{prefix[:80]!r} is not an article id: give its hex digits (at least one, "
                "as `wirelens search` or `export` print them)"
            )
        key = "sha256:" + digits
        # a range on the primary key (LIKE would scan every row); ids are lowercase hex
        upper = key[:-1] + chr(ord(key[-1]) + 1)
        rows = self._execute(
            "SELECT record FROM articles WHERE id >= ? AND id < ? LIMIT 2", (key, upper)
        ).fetchall()
        if not rows:
            raise NotFoundError(f"no stored article with id {prefix!r}")
        if len(rows) > 1:
            raise QueryError(f"id prefix {prefix!r} is ambiguous: give more characters")
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
