"""The corpus schema as append-only, named migrations.

Each migration is applied once, in order, and recorded in ``migrations``; an applied migration
is never edited - a change is a new migration at the end of the list.
"""

from __future__ import annotations

__all__ = ["POSTGRES_MIGRATIONS", "SQLITE_MIGRATIONS"]

SQLITE_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles_and_attributions",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,            -- sha256:<hex> of the normalised text
            title TEXT, outlet TEXT, agency TEXT, published TEXT, url TEXT, source TEXT,
            language TEXT,
            body TEXT NOT NULL,
            record TEXT NOT NULL,           -- the whole Analysis as JSON
            component TEXT NOT NULL,        -- what made the derived rows, e.g. attribute.rules@1
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE TABLE attributions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, speaker TEXT, mention TEXT, role TEXT, cue TEXT,
            quote TEXT NOT NULL, quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL,
            chain TEXT NOT NULL,            -- JSON list of hops
            confidence REAL NOT NULL,
            component TEXT NOT NULL
        );
        CREATE INDEX attributions_article ON attributions(article_id);
        CREATE INDEX attributions_speaker ON attributions(speaker);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE TABLE failures (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL, error TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='rowid'
        );
        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            quote, speaker, content='attributions', content_rowid='id'
        );
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
        END;
        CREATE TRIGGER quotes_fts_insert AFTER INSERT ON attributions BEGIN
            INSERT INTO quotes_fts(rowid, quote, speaker) VALUES (new.id, new.quote, new.speaker);
        END;
        """,
    ),
    (
        "0004_link_traces",
        """
        CREATE TABLE IF NOT EXISTS traces (
            id INTEGER PRIMARY KEY,
            first_attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
            first_article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            speaker TEXT,                   -- the first appearance's speaker
            quote TEXT NOT NULL,            -- the statement as first reported
            size INTEGER NOT NULL,          -- appearances, the first included
            component TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS trace_members (
            trace_id INTEGER NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
            attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,      -- 0 for the first appearance, then in time order
            text TEXT NOT NULL,             -- this appearance's words of the statement
            altered INTEGER NOT NULL,       -- 1 when the wording differs from the first
            diff TEXT NOT NULL,             -- JSON word diff against the first appearance
            similarity REAL NOT NULL,       -- content-word containment against the first
            speaker_agrees INTEGER NOT NULL,
            novel INTEGER NOT NULL,         -- 1 when the attribution brings a statement first
            PRIMARY KEY (trace_id, attribution_id)
        );
        CREATE INDEX IF NOT EXISTS trace_members_attribution ON trace_members(attribution_id);
        CREATE INDEX IF NOT EXISTS trace_members_article ON trace_members(article_id);
        """,
    ),
)

POSTGRES_MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_articles_and_attributions",
        """
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
        CREATE TABLE articles (
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
        CREATE INDEX articles_tsv ON articles USING GIN (tsv);
        CREATE INDEX articles_title_trgm ON articles USING GIN (title gin_trgm_ops);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE TABLE attributions (
            id BIGSERIAL PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            kind TEXT NOT NULL, speaker TEXT, mention TEXT, role TEXT, cue TEXT,
            quote TEXT NOT NULL, quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL,
            chain TEXT NOT NULL,
            confidence REAL NOT NULL,
            component TEXT NOT NULL
        );
        CREATE INDEX attributions_article ON attributions(article_id);
        CREATE INDEX attributions_speaker ON attributions(speaker);
        CREATE INDEX attributions_speaker_trgm ON attributions USING GIN (speaker gin_trgm_ops);
        CREATE TABLE failures (
            id BIGSERIAL PRIMARY KEY,
            source TEXT NOT NULL, error TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        """,
    ),
    (
        "0004_link_traces",
        """
        CREATE TABLE IF NOT EXISTS traces (
            id BIGINT PRIMARY KEY,
            first_attribution_id BIGINT NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
            first_article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            speaker TEXT,                   -- the first appearance's speaker
            quote TEXT NOT NULL,            -- the statement as first reported
            size INTEGER NOT NULL,          -- appearances, the first included
            component TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS trace_members (
            trace_id BIGINT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
            attribution_id BIGINT NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,      -- 0 for the first appearance, then in time order
            text TEXT NOT NULL,             -- this appearance's words of the statement
            altered INTEGER NOT NULL,       -- 1 when the wording differs from the first
            diff TEXT NOT NULL,             -- JSON word diff against the first appearance
            similarity REAL NOT NULL,       -- content-word containment against the first
            speaker_agrees INTEGER NOT NULL,
            novel INTEGER NOT NULL,         -- 1 when the attribution brings a statement first
            PRIMARY KEY (trace_id, attribution_id)
        );
        CREATE INDEX IF NOT EXISTS trace_members_attribution ON trace_members(attribution_id);
        CREATE INDEX IF NOT EXISTS trace_members_article ON trace_members(article_id);
        """,
    ),
)
