"""The text index: a Tantivy index beside a SQLite corpus that ranks its plain searches.

FTS5's ``bm25()`` costs about 3 µs per match, so the SQLite store ranked only the newest 2,000
matches of a query (``RANK_WINDOW``) and still spent 6-16 ms per search page on 100,000
articles. Tantivy scores BM25 with block-max WAND over *every* match in about a millisecond.
The index lives in a directory beside the database file, ``corpus.db`` -> ``corpus.db.search/``
(:func:`index_dir`), and holds per article: its rowid, title and body (one field with
positions, so phrases work; see ``_BETWEEN``), lower-cased outlet, publication day and
distinct speaker names (``search_speakers``).

Match sets equal FTS5's because both sides see the same tokens:
:class:`~wirelens.store.tokens.Tokens` asks SQLite's own ``unicode61`` tokenizer (the one
``articles_fts`` uses) how it splits and folds each character, once per character per process,
and text is indexed pre-split on spaces.

Freshness: migration ``0014_search_log`` logs the rowid of every article whose indexed fields
change (triggers); the index records the corpus id and the last log position it applied in
``wirelens-index.json``, written after each Tantivy commit. Before ranking, one SELECT says
whether the index is current; a small backlog is applied there and then (re-applying an entry
is harmless: the rowid's document is deleted and re-added if the article exists). An index that
is missing, far behind, of another corpus, damaged, locked by another writer or not writable
answers ``None``: the store then ranks with FTS5 (same match set), never fails or waits.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tantivy

from wirelens.store.params import marks
from wirelens.store.tokens import Tokens

__all__ = ["CATCH_UP_MAX", "INDEX_SUFFIX", "TextIndex", "Tokens", "index_dir", "text_index"]

log = logging.getLogger("wirelens.store")

#: The index of ``corpus.db`` is the directory ``corpus.db.search``.
INDEX_SUFFIX = ".search"
#: Log entries a search applies before ranking; a longer backlog is left to ``wirelens index``,
#: ``serve`` or the next ingest, and searches rank with FTS5 meanwhile.
CATCH_UP_MAX = 2_000
#: What ``wirelens-index.json`` says; another version is rebuilt.
FORMAT = 2
_META = "wirelens-index.json"
#: Tantivy's writer memory (bytes): its minimum is 15 MB per thread; one thread.
_WRITER_HEAP = 64_000_000
#: Articles read per SQL statement while indexing.
_CHUNK = 500
_DAY = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
#: Errors of the Tantivy binding and of the directory (a lock held elsewhere is a ValueError).
_INDEX_ERRORS = (OSError, ValueError, RuntimeError)

Read = Callable[[str, Sequence[Any]], list[Any]]
Progress = Callable[[str], None]


def index_dir(db_path: Path) -> Path:
    """Where the text index of the SQLite file ``db_path`` lives."""
    return db_path.with_name(db_path.name + INDEX_SUFFIX)


_TOKENS = Tokens()


def day_key(day: str | None) -> int | None:
    """An ISO day (YYYY, YYYY-MM or YYYY-MM-DD) as an integer in the same order as the text.

    ``2026-03`` -> 20260300, below every day of March as ``'2026-03' < '2026-03-01'``; months
    and days must be 1 or more (as :func:`wirelens.store.base.iso_date` asks of a filter), so
    the order holds. None for anything else: those articles are marked ``odd`` and a date
    filter over an index that has any is left to FTS5 (SQL compares them as text).
    """
    if day is None:
        return None
    match = _DAY.fullmatch(day)
    if match is None:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    if (match.group(2) and parts[1] < 1) or (match.group(3) and parts[2] < 1):
        return None
    return parts[0] * 10_000 + parts[1] * 100 + parts[2]


def _ascii_lower(text: str) -> str:
    """SQLite's ``lower()`` (without ICU): ASCII letters only, as the outlet filter compares."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("rid", stored=True, indexed=True, fast=True)
    builder.add_text_field("text", tokenizer_name="whitespace", index_option="position")
    builder.add_text_field("outlet", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("speaker", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", indexed=True, fast=True)
    builder.add_integer_field("odd", indexed=True)
    return builder.build()


_SCHEMA = _schema()
#: Title and body are one field, this token between them: no phrase can span it, as no FTS5
#: phrase spans two columns (``\x01`` is a separator, so no query token holds it). One field
#: ranks 40% faster than two (1.0 against 1.6 ms of CPU per query on 100,000 articles), and
#: scores the row as one document, as FTS5's bm25() does (its length is the whole row's).
_BETWEEN = "\x01"


@dataclass(frozen=True)
class Article:
    """What the index holds of one article (``day`` as in ``search_columns``)."""

    rid: int
    title: str | None
    body: str | None
    outlet: str | None
    day: str | None
    speakers: tuple[str, ...]

    def document(self) -> tantivy.Document:
        title, body = (" ".join(_TOKENS.split(part)) for part in (self.title, self.body))
        doc = tantivy.Document(rid=self.rid, text=f"{title} {_BETWEEN} {body}")
        if self.outlet is not None:
            doc.add_text("outlet", _ascii_lower(self.outlet))
        for speaker in self.speakers:
            doc.add_text("speaker", speaker)
        key = day_key(self.day)
        if key is not None:
            doc.add_integer("day", key)
        elif self.day is not None:
            doc.add_integer("odd", 1)
        return doc


_ARTICLES = (
    "SELECT a.rowid, a.title, a.body, a.outlet, substr(a.published, 1, 10) FROM articles a "
    "WHERE a.rowid {where} ORDER BY a.rowid"
)


def _articles(read: Read, where: str, params: Sequence[Any]) -> list[Article]:
    """The articles whose rowid passes ``where`` (``IN (...)`` or ``BETWEEN ? AND ?``)."""
    rows = read(_ARTICLES.format(where=where), params)
    if not rows:
        return []
    speakers: dict[int, list[str]] = {}
    for rid, name in read(
        "SELECT rid, speaker FROM search_speakers WHERE rid BETWEEN ? AND ?",
        (rows[0][0], rows[-1][0]),
    ):
        speakers.setdefault(rid, []).append(name)
    return [
        Article(rid, title, body, outlet, day, tuple(speakers.get(rid, ())))
        for rid, title, body, outlet, day in rows
    ]


def _state(read: Read) -> tuple[str, int]:
    """The corpus id and its log's last position: the one cheap check before ranking."""
    row = read(
        "SELECT (SELECT value FROM search_meta WHERE key = 'corpus'), "
        "(SELECT seq FROM sqlite_sequence WHERE name = 'search_log')",
        (),
    )[0]
    return str(row[0]), int(row[1] or 0)


class Stale(Exception):
    """The index cannot answer now (missing, behind, foreign, damaged, locked, read-only)."""


class TextIndex:
    """The text index of one SQLite file, shared by every thread of a process.

    Searching takes Tantivy's current searcher (thread-safe); catching up or rebuilding is one
    thread at a time here and one process at a time through Tantivy's writer lock (the loser
    just reads, or lets FTS5 answer).
    """

    def __init__(self, db_path: Path) -> None:
        self.dir = index_dir(db_path)
        self._lock = threading.Lock()
        self._index: tantivy.Index | None = None
        self._corpus = ""
        self._applied = -1
        #: the record's stamp when reading the index last failed (None: not failed)
        self._broken: int | None = None

    @property
    def applied(self) -> int:
        """The last log position the index holds (-1 when there is no usable index)."""
        return self._applied

    # --- searching -------------------------------------------------------------------------

    def rank(
        self, read: Read, phrases: Sequence[str], filters: Mapping[str, Any], limit: int
    ) -> list[tuple[int, float]] | None:
        """``(rowid, -score)`` of the ``limit`` best matches of ``phrases`` (all of them, as
        FTS5 reads a plain query) passing ``filters`` (``outlet``; ``speakers``, any of the
        names; ``since``/``until`` as ISO days), best first; None when FTS5 must answer.

        The score is Tantivy's BM25 negated, so that lower is better as with FTS5's bm25().
        An index that fails to read (a damaged file can make Tantivy panic) is not tried again
        in this process until its record changes (``wirelens index --rebuild``).
        """
        try:
            index = self._current(read)
            searcher = index.searcher()
            query = _query(searcher, phrases, filters)
            if query is None:
                return None
            return _top(searcher, query, limit)
        except Stale as exc:
            log.debug("text index %s not used: %s", self.dir, exc)
            return None
        except BaseException as exc:
            if not _failed(exc):
                raise
            log.warning("text index %s not used (damaged? run wirelens index): %s", self.dir, exc)
            with self._lock:
                self._broken = _stamp(self.dir)
                self._forget()
            return None

    def _current(self, read: Read) -> tantivy.Index:
        """The index, brought up to the corpus' log (small backlogs only), or :class:`Stale`."""
        corpus, head = _state(read)
        with self._lock:
            if self._index is not None and self._corpus == corpus and self._applied == head:
                return self._index
            if self._broken is not None and self._broken == _stamp(self.dir):
                raise Stale("it failed to read; its record has not changed since")
            self._open()
            index = self._index
            assert index is not None
            if self._corpus != corpus:
                raise Stale("it belongs to another corpus")
            if self._applied > head:
                raise Stale("it is ahead of the corpus (restored from a backup?)")
            if head - self._applied > CATCH_UP_MAX:
                raise Stale(f"{head - self._applied} changes behind: run wirelens index")
            if self._applied < head:
                try:
                    self._catch_up(read, head)
                except BaseException as exc:
                    if _failed(exc):  # locked by another writer, or not writable: read later
                        raise Stale(f"cannot catch up now ({exc})") from exc
                    raise
            return index

    def _open(self) -> None:
        """(Re)read the meta file and open or reload the index it describes."""
        meta = _read_meta(self.dir)
        if meta is None:
            self._forget()
            raise Stale("there is none (or its record is unreadable)")
        if self._index is None:
            self._index = tantivy.Index.open(str(self.dir))
        elif meta["applied"] != self._applied:
            self._index.reload()
        self._corpus, self._applied = meta["corpus"], meta["applied"]
        self._broken = None

    def _forget(self) -> None:
        self._index, self._corpus, self._applied = None, "", -1

    def _catch_up(self, read: Read, head: int) -> None:
        """Apply the log entries after the applied position up to ``head``, then reload.

        Log positions are contiguous (AUTOINCREMENT, and a rolled-back insert takes its number
        back), so a first entry other than the next position means entries this index needs
        were dropped (a log trimmed by another index's refresh during our rebuild): Stale.
        """
        assert self._index is not None
        first = read("SELECT min(seq) FROM search_log WHERE seq > ?", (self._applied,))[0][0]
        if first != self._applied + 1:
            raise Stale("log entries it has not applied were dropped: rebuild it")
        rids = [row[0] for row in read(_LOG_RIDS, (self._applied, head))]
        _apply(self._index, read, rids)
        _write_meta(self.dir, self._corpus, head)
        self._index.reload()
        self._applied = head

    # --- building --------------------------------------------------------------------------

    def refresh(
        self, read: Read, *, build: bool, rebuild: bool = False, progress: Progress | None = None
    ) -> str:
        """Bring the index up to date with the corpus, however far behind; what was done.

        Without ``build``, a corpus without an index is left without one (searches rank with
        FTS5): ingest keeps an existing index current, ``serve`` and ``wirelens index`` build
        one. An index of another corpus, ahead of it, or failing a test read is rebuilt, as is
        any with ``rebuild``. A lock held by another writer, or a directory that cannot be
        written, is reported, not raised: searches rank with FTS5 until the index is current.
        """
        say = progress or (lambda _: None)
        with self._lock:
            try:
                corpus, head = _state(read)
                usable = not rebuild and self._usable(read, corpus, head)
                if usable and self._applied == head:
                    return "current"
                if usable:
                    say(f"text index: applying {head - self._applied:,} logged changes")
                    try:
                        self._catch_up(read, head)
                        return "caught up"
                    except Stale:
                        pass  # what it needs of the log is gone: build it again
                if not build and not self.dir.exists():
                    return "none"
                self._rebuild(read, corpus, say)
                return "built"
            except BaseException as exc:
                if not _failed(exc):
                    raise
                self._forget()
                return f"not updated ({exc}); searches use FTS5 meanwhile"

    def _usable(self, read: Read, corpus: str, head: int) -> bool:
        """Whether the index on disk can be caught up: readable, of this corpus, not ahead."""
        try:
            self._open()
            assert self._index is not None
            if self._corpus != corpus or not 0 <= self._applied <= head:
                return False
            _check(self._index, read)
        except Stale:
            return False
        except BaseException as exc:
            if not _failed(exc):
                raise
            log.warning("text index %s is damaged (%s): building it again", self.dir, exc)
            self._forget()
            return False
        return True

    def _rebuild(self, read: Read, corpus: str, say: Progress) -> None:
        """Build a new index in a sibling directory, then put it in place of the old one.

        The log position is read before the articles, so any change made while building is
        applied again later (harmless). Processes holding the old index keep reading it until
        they see the new record.
        """
        head = _state(read)[1]
        total = int(read("SELECT count(*) FROM articles", ())[0][0])
        fresh = self.dir.with_name(f"{self.dir.name}.new-{os.getpid()}")
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            fresh.mkdir(parents=True)
            done = _fill(fresh, read, lambda n: say(f"text index: {n:,} of {total:,} articles"))
            _write_meta(fresh, corpus, head)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        old = self.dir.with_name(f"{self.dir.name}.old-{os.getpid()}")
        if self.dir.exists():
            self.dir.rename(old)
        fresh.rename(self.dir)
        shutil.rmtree(old, ignore_errors=True)
        self._forget()
        self._open()
        say(f"text index: {done:,} articles in {self.dir}")


def _failed(exc: BaseException) -> bool:
    """Whether ``exc`` is the index failing, not the program: Tantivy's errors, the
    directory's, and a panic of Tantivy's Rust code (a BaseException) on a damaged file."""
    return isinstance(exc, _INDEX_ERRORS) or type(exc).__name__ == "PanicException"


def _stamp(folder: Path) -> int:
    """When the index's record last changed (0 if it has none): a rebuild changes it."""
    try:
        return (folder / _META).stat().st_mtime_ns
    except OSError:
        return 0


def _top(searcher: tantivy.Searcher, query: tantivy.Query, limit: int) -> list[tuple[int, float]]:
    """``(rowid, -score)`` of the ``limit`` best documents for ``query``."""
    if limit <= 0:
        return []
    found = searcher.search(query, limit, count=False).hits
    rids = searcher.fast_field_values("rid", [at for _, at in found])
    ranked = [(int(rid or 0), -float(score)) for rid, (score, _) in zip(rids, found, strict=True)]
    return sorted(ranked, key=lambda hit: (hit[1], -hit[0]))  # ties newest first, as FTS5's


def _check(index: tantivy.Index, read: Read) -> None:
    """A test read of every part of the index (terms, positions, lengths, rowids): the title of
    the first article searched as a phrase must find that article. Raises when it does not."""
    rows = read("SELECT rowid, title FROM articles ORDER BY rowid LIMIT 1", ())
    searcher = index.searcher()
    if not rows:
        return
    rid, title = rows[0]
    words = _TOKENS.split(title)
    query = _phrase(words) if words else tantivy.Query.term_query(_SCHEMA, "rid", rid)
    if rid not in {found for found, _ in _top(searcher, query, 100_000)}:
        raise ValueError("a test search did not find the article it should")


_LOG_RIDS = "SELECT DISTINCT rid FROM search_log WHERE seq > ? AND seq <= ?"


def _fill(folder: Path, read: Read, progress: Callable[[int], None]) -> int:
    """Index every article into a new index in ``folder``; how many."""
    # documents newest first: Tantivy keeps the first documents among equal scores, so a
    # query with more tied matches than it returns keeps the newest (within one segment:
    # articles indexed since the last build are in segments of their own until a merge)
    index = tantivy.Index(
        _SCHEMA, path=str(folder), reuse=False, sort_by_field="rid", sort_order=tantivy.Order.Desc
    )
    writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)
    done = 0
    for articles in _all_articles(read):
        for article in articles:
            writer.add_document(article.document())
        done += len(articles)
        if done % 20_000 < _CHUNK:
            progress(done)
    writer.commit()
    writer.wait_merging_threads()
    return done


_NEXT_RIDS = "SELECT rowid FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?"


def _all_articles(read: Read) -> Iterator[list[Article]]:
    """Every article, ``_CHUNK`` at a time, in rowid order."""
    last = -(2**63)
    while True:
        rows = read(_NEXT_RIDS, (last, _CHUNK))
        if not rows:
            return
        yield _articles(read, "BETWEEN ? AND ?", (rows[0][0], rows[-1][0]))
        last = rows[-1][0]


def _apply(index: tantivy.Index, read: Read, rids: list[int]) -> None:
    """Delete the documents of ``rids`` and add those articles that still exist; one commit.

    Raises ValueError when another process holds the writer lock (the caller falls back)."""
    writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)
    try:
        for start in range(0, len(rids), _CHUNK):
            part = rids[start : start + _CHUNK]
            for rid in part:
                writer.delete_documents_by_term("rid", rid)
            for article in _articles(read, f"IN ({marks(part)})", part):
                writer.add_document(article.document())
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()
        raise


def _read_meta(folder: Path) -> dict[str, Any] | None:
    """The index's record (corpus id, applied log position), or None if missing or odd."""
    try:
        meta = json.loads((folder / _META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = (
        isinstance(meta, dict)
        and meta.get("format") == FORMAT
        and isinstance(meta.get("corpus"), str)
        and isinstance(meta.get("applied"), int)
    )
    return meta if ok else None


def _write_meta(folder: Path, corpus: str, applied: int) -> None:
    """Write the record atomically (a reader sees the old one or the new one)."""
    meta = {"format": FORMAT, "corpus": corpus, "applied": applied}
    temporary = folder / f"{_META}.{os.getpid()}.{threading.get_ident()}"
    temporary.write_text(json.dumps(meta), encoding="utf-8")
    temporary.replace(folder / _META)


def _phrase(words: list[str]) -> tantivy.Query:
    if len(words) == 1:
        return tantivy.Query.term_query(_SCHEMA, "text", words[0])
    return tantivy.Query.phrase_query(_SCHEMA, "text", list[str | tuple[int, str]](words))


def _query(
    searcher: tantivy.Searcher, phrases: Sequence[str], filters: Mapping[str, Any]
) -> tantivy.Query | None:
    """Every phrase in the title or the body, and the filters; None when FTS5 must answer.

    A phrase with no token is ignored, as FTS5 ignores it in an AND (alone it matches nothing).
    FTS5 answers date filters over an index holding articles whose date is not an ISO day.
    """
    must = tantivy.Occur.Must
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for phrase in phrases:
        words = _TOKENS.split(phrase)
        if words:
            clauses.append((must, _phrase(words)))
    if not clauses:
        return tantivy.Query.empty_query()
    if filters.get("outlet"):
        outlet = _ascii_lower(str(filters["outlet"]))
        clauses.append((must, tantivy.Query.term_query(_SCHEMA, "outlet", outlet)))
    if "speakers" in filters:  # a speaker with no name stored matches nothing
        names = list(filters["speakers"])
        clauses.append((must, tantivy.Query.term_set_query(_SCHEMA, "speaker", names)))
    if filters.get("since") or filters.get("until"):
        if searcher.doc_freq("odd", 1):  # deleted ones too: FTS5 answers until a merge
            return None
        low, high = (day_key(filters.get(k)) for k in ("since", "until"))
        kind = tantivy.FieldType.Integer
        clauses.append((must, tantivy.Query.range_query(_SCHEMA, "day", kind, low, high)))
    return tantivy.Query.boolean_query(clauses)


_OPEN: dict[Path, TextIndex] = {}
_OPEN_LOCK = threading.Lock()


def text_index(db_path: Path) -> TextIndex:
    """The one :class:`TextIndex` of this process for the SQLite file ``db_path``."""
    key = db_path.resolve()
    with _OPEN_LOCK:
        found = _OPEN.get(key)
        if found is None:
            found = _OPEN[key] = TextIndex(key)
        return found
