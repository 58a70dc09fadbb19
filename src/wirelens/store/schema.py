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
        "0005_link_stories",
        """
        CREATE TABLE IF NOT EXISTS stories (
            id INTEGER PRIMARY KEY,
            title TEXT,                     -- the title of its earliest article
            first_published TEXT, last_published TEXT,
            size INTEGER NOT NULL,
            norm REAL NOT NULL DEFAULT 0,   -- length of its vector sum (how alike its members are)
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX IF NOT EXISTS stories_last_published ON stories(last_published);
        CREATE TABLE IF NOT EXISTS story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            similarity REAL                 -- mean cosine to the other members when it joined
        );
        CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);
        -- the story's sum of member vectors (its strongest terms), for incremental joins
        CREATE TABLE IF NOT EXISTS story_terms (
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            term TEXT NOT NULL, weight REAL NOT NULL,
            PRIMARY KEY (story_id, term)
        );
        CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms(term);
        -- document frequencies of the story terms over the linked articles (for IDF)
        CREATE TABLE IF NOT EXISTS story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
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
        "0005_link_stories",
        """
        CREATE TABLE IF NOT EXISTS stories (
            id BIGSERIAL PRIMARY KEY,
            title TEXT,                     -- the title of its earliest article
            first_published TEXT, last_published TEXT,
            size INTEGER NOT NULL,
            norm REAL NOT NULL DEFAULT 0,   -- length of its vector sum (how alike its members are)
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS stories_last_published ON stories(last_published);
        CREATE TABLE IF NOT EXISTS story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            similarity REAL                 -- mean cosine to the other members when it joined
        );
        CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story_id);
        -- the story's sum of member vectors (its strongest terms), for incremental joins
        CREATE TABLE IF NOT EXISTS story_terms (
            story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            term TEXT NOT NULL, weight REAL NOT NULL,
            PRIMARY KEY (story_id, term)
        );
        CREATE INDEX IF NOT EXISTS story_terms_term ON story_terms(term);
        -- document frequencies of the story terms over the linked articles (for IDF)
        CREATE TABLE IF NOT EXISTS story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
        """,
    ),
)
