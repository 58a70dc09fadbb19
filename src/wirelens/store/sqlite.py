"""The embedded corpus: SQLite in WAL mode, FTS5 over bodies and quotes.

Articles are keyed by their content hash, so adding the same article twice is a no-op that is
counted as "already present". Each batch is one transaction: an interrupted ingest leaves every
committed batch whole and nothing half-written. A file that is not a SQLite database is refused
before anything is written to it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirelens.errors import StoreError
from wirelens.model import Analysis, from_json, to_json
from wirelens.store.schema import MIGRATIONS
from wirelens.store.speakers import merge_speakers

__all__ = ["AddResult", "SQLiteStore"]

_HEADER = b"SQLite format 3\x00"
#: How long a writer waits for another writer's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 5_000


@dataclass(frozen=True)
class AddResult:
    """How many analyses a batch added and how many were already stored."""

    new: int
    existing: int


def _check_file(path: Path) -> None:
    """Refuse (without touching it) a file that exists but is not a SQLite database."""
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(len(_HEADER)) != _HEADER:
                raise StoreError(f"{path} is not a SQLite database (left untouched)")


class SQLiteStore:
    """A wirelens corpus in one SQLite file."""

    def __init__(self, path: Path) -> None:
        _check_file(path)
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {path}: {exc}") from exc

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT "
            "NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
        )
        done = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            # the schema change and its record commit together or not at all
            record = f"INSERT INTO migrations(name) VALUES ('{name}');"
            self._db.executescript("BEGIN;" + sql + ";" + record + "COMMIT;")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, analyses: Iterable[Analysis]) -> AddResult:
        """Store a batch in one transaction; articles already stored are skipped."""
        new = existing = 0
        try:
            with self._db:
                for analysis in analyses:
                    if self._insert(analysis):
                        new += 1
                    else:
                        existing += 1
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        return AddResult(new, existing)

    def _insert(self, analysis: Analysis) -> bool:
        a = analysis.article
        component = analysis.components.get("attribute", "")
        cursor = self._db.execute(
            "INSERT OR IGNORE INTO articles(id, title, outlet, agency, published, url, source, "
            "language, body, record, component) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
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
        self._db.executemany(
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
        with self._db:
            self._db.execute("INSERT INTO failures(source, error) VALUES (?, ?)", (source, error))

    def count(self) -> int:
        """Number of stored articles."""
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

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
        """Full-text search over titles, bodies and quotes, best first, with snippets.

        ``speaker`` keeps articles quoting that speaker (any alias or surname); ``since`` and
        ``until`` compare ISO dates with the article's publication date, inclusive.
        """
        sql = (
            "SELECT a.id, a.title, a.outlet, a.published, "
            "snippet(articles_fts, 1, '[', ']', '…', 12), bm25(articles_fts) AS score "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ?"
        )
        params: list[Any] = [query]
        if outlet:
            sql += " AND a.outlet = ?"
            params.append(outlet)
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
        sql += " ORDER BY score LIMIT ?"
        params.append(limit)
        try:
            rows = self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"bad search query {query!r}: {exc}") from exc
        keys = ("id", "title", "outlet", "published", "snippet", "score")
        return [dict(zip(keys, row, strict=True)) for row in rows]

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
        rows = [dict(zip(keys, row, strict=True)) for row in self._db.execute(sql, params)]
        for row in rows:
            row["chain"] = json.loads(row["chain"])
        return rows

    def _speaker_rows(self) -> list[tuple[str, int, str | None, str | None]]:
        return list(
            self._db.execute(
                "SELECT t.speaker, count(*), max(t.role), group_concat(DISTINCT a.outlet) "
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
        key = prefix if prefix.startswith("sha256:") else "sha256:" + prefix
        rows = self._db.execute(
            "SELECT record FROM articles WHERE id LIKE ? LIMIT 2", (key + "%",)
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
        cursor = self._db.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield {k: v for k, v in zip(names, row, strict=True) if k != "record"}

    def verify(self) -> list[str]:
        """Integrity problems (empty when the database is sound)."""
        problems = [r[0] for r in self._db.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {r}" for r in self._db.execute("PRAGMA foreign_key_check")]
        return problems
