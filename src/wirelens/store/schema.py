"""The corpus schema as append-only, named migrations.

Each migration is applied once, in order, and recorded in ``migrations``; an applied migration
is never edited - a change is a new migration at the end of the list. (0001's steps gained
``IF NOT EXISTS`` later; that changes no schema it creates.)

Migrations run one process at a time: the SQLite store holds the write lock (``BEGIN
IMMEDIATE``) and the PostgreSQL store an advisory lock from reading the applied list to
recording the last step, so a step may assume it runs alone, even one with no ``IF NOT EXISTS``
form (SQLite's ``ALTER TABLE ... ADD COLUMN``). Steps still say ``IF NOT EXISTS`` where they can.
"""

from __future__ import annotations

__all__ = ["POSTGRES_MIGRATIONS", "SQLITE_MIGRATIONS"]

SQLITE_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles_and_attributions",
        """
        CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,            -- sha256:<hex> of the normalised text
            title TEXT, outlet TEXT, agency TEXT, published TEXT, url TEXT, source TEXT,
            language TEXT,
            body TEXT NOT NULL,
            record TEXT NOT NULL,           -- the whole Analysis as JSON
            component TEXT NOT NULL,        -- what made the derived rows, e.g. attribute.rules@1
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE IF NOT EXISTS attributions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, speaker TEXT, mention TEXT, role TEXT, cue TEXT,
            quote TEXT NOT NULL, quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL,
            chain TEXT NOT NULL,            -- JSON list of hops
            confidence REAL NOT NULL,
            component TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article_id);
        CREATE INDEX IF NOT EXISTS attributions_speaker ON attributions(speaker);
        CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
        CREATE TABLE IF NOT EXISTS failures (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL, error TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
            title, body, content='articles', content_rowid='rowid'
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
            quote, speaker, content='attributions', content_rowid='id'
        );
        CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
        END;
        CREATE TRIGGER IF NOT EXISTS quotes_fts_insert AFTER INSERT ON attributions BEGIN
            INSERT INTO quotes_fts(rowid, quote, speaker) VALUES (new.id, new.quote, new.speaker);
        END;
        """,
    ),
    (
        "0002_failure_position",
        # where in its source a failed record was (``line 3``, ``record 2``); NULL for a whole
        # source. SQLite has no ADD COLUMN IF NOT EXISTS: the migrations table guards it.
        """
        ALTER TABLE failures ADD COLUMN position TEXT;
        """,
    ),
    (
        "0006_speaker_registry",
        # the speaker registry: every stored speaker name (alias) and the speaker it belongs to,
        # with the rule that joined them; and the user's merge/split decisions, applied in
        # order after the rules every time the registry is rebuilt (so re-ingest keeps them)
        """
        CREATE TABLE IF NOT EXISTS speaker_aliases (
            alias TEXT PRIMARY KEY, speaker TEXT NOT NULL, rule TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS speaker_aliases_speaker ON speaker_aliases(speaker);
        CREATE TABLE IF NOT EXISTS speaker_decisions (
            id INTEGER PRIMARY KEY,
            action TEXT NOT NULL, name TEXT NOT NULL, other TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        """,
    ),
)

POSTGRES_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles_and_attributions",
        """
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
        CREATE TABLE IF NOT EXISTS articles (
            id TEXT PRIMARY KEY,
            title TEXT, outlet TEXT, agency TEXT, published TEXT, url TEXT, source TEXT,
            language TEXT,
            body TEXT NOT NULL,
            record TEXT NOT NULL,
            component TEXT NOT NULL,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            tsv tsvector GENERATED ALWAYS AS (
                to_tsvector('english', coalesce(title, '') || ' ' || body)
            ) STORED
        );
        CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv);
        CREATE INDEX IF NOT EXISTS articles_title_trgm ON articles USING GIN (title gin_trgm_ops);
        CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
        CREATE TABLE IF NOT EXISTS attributions (
            id BIGSERIAL PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, speaker TEXT, mention TEXT, role TEXT, cue TEXT,
            quote TEXT NOT NULL, quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL,
            chain TEXT NOT NULL,
            confidence REAL NOT NULL,
            component TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article_id);
        CREATE INDEX IF NOT EXISTS attributions_speaker ON attributions(speaker);
        CREATE INDEX IF NOT EXISTS attributions_speaker_trgm
            ON attributions USING GIN (speaker gin_trgm_ops);
        CREATE TABLE IF NOT EXISTS failures (
            id BIGSERIAL PRIMARY KEY,
            source TEXT NOT NULL, error TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """,
    ),
    (
        "0002_failure_position",
        """
        ALTER TABLE failures ADD COLUMN IF NOT EXISTS position TEXT;
        """,
    ),
    (
        "0006_speaker_registry",
        """
        CREATE TABLE IF NOT EXISTS speaker_aliases (
            alias TEXT PRIMARY KEY, speaker TEXT NOT NULL, rule TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS speaker_aliases_speaker ON speaker_aliases(speaker);
        CREATE TABLE IF NOT EXISTS speaker_decisions (
            id BIGSERIAL PRIMARY KEY,
            action TEXT NOT NULL, name TEXT NOT NULL, other TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """,
    ),
)
