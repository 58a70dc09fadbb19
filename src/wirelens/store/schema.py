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
        "0003_link_copies",
        """
        CREATE TABLE IF NOT EXISTS signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            shingles INTEGER NOT NULL,      -- distinct word shingles in the clean body
            linked INTEGER NOT NULL DEFAULT 0,  -- 0 until its bands were joined
            component TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS signatures_pending ON signatures(linked) WHERE linked = 0;
        CREATE TABLE IF NOT EXISTS bands (
            band INTEGER NOT NULL,          -- which slice of the MinHash signature
            band_hash BIGINT NOT NULL,      -- hash of that slice (63 bits)
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX IF NOT EXISTS bands_bucket ON bands(band, band_hash, article_id);
        CREATE INDEX IF NOT EXISTS bands_article ON bands(article_id);
        CREATE TABLE IF NOT EXISTS copy_groups (
            id INTEGER PRIMARY KEY,
            origin_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            rule TEXT NOT NULL,             -- the origin rule that decided: wire credit, ...
            reason TEXT NOT NULL,           -- one line: why this origin, how ties break
            size INTEGER NOT NULL,
            component TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS copy_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL REFERENCES copy_groups(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,       -- Jaccard of shingles with the origin
            containment REAL NOT NULL,      -- shared shingles / the smaller article's
            changes TEXT NOT NULL           -- JSON word diff against the origin
        );
        CREATE INDEX IF NOT EXISTS copy_members_group ON copy_members(group_id);
        CREATE INDEX IF NOT EXISTS copy_groups_origin ON copy_groups(origin_id);
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
    (
        "0007_band_keys",
        # the band index keys articles by a small integer (signatures.key) instead of the
        # 71-character article id: a band row shrinks from ~230 to ~40 bytes over its table and
        # two indexes, which is what makes signing a million articles fit in minutes. Existing
        # signatures keep their linked flag (keys follow article id order); bands are copied.
        """
        CREATE TABLE IF NOT EXISTS signatures_0007 (
            key INTEGER PRIMARY KEY,        -- the article's number in the band index
            article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
            shingles INTEGER NOT NULL,      -- distinct word shingles in the clean body
            linked INTEGER NOT NULL DEFAULT 0,  -- 0 until its bands were joined
            component TEXT NOT NULL
        );
        INSERT INTO signatures_0007(article_id, shingles, linked, component)
            SELECT article_id, shingles, linked, component FROM signatures ORDER BY article_id;
        CREATE TABLE IF NOT EXISTS bands_0007 (
            band INTEGER NOT NULL,          -- which slice of the MinHash signature
            band_hash BIGINT NOT NULL,      -- hash of that slice (63 bits)
            key INTEGER NOT NULL REFERENCES signatures_0007(key) ON DELETE CASCADE
        );
        INSERT INTO bands_0007(band, band_hash, key)
            SELECT b.band, b.band_hash, s.key FROM bands b
            JOIN signatures_0007 s ON s.article_id = b.article_id;
        DROP TABLE bands;
        DROP TABLE signatures;
        ALTER TABLE signatures_0007 RENAME TO signatures;
        ALTER TABLE bands_0007 RENAME TO bands;
        CREATE INDEX IF NOT EXISTS signatures_pending ON signatures(linked) WHERE linked = 0;
        CREATE INDEX IF NOT EXISTS bands_bucket ON bands(band, band_hash, key);
        CREATE INDEX IF NOT EXISTS bands_key ON bands(key);
        """,
    ),
    (
        "0008_search_indexes",
        """
        -- search filters: the articles of an outlet (any case) are read from this index, then
        -- intersected with the full-text matches (dates are checked on each match instead)
        CREATE INDEX IF NOT EXISTS articles_outlet_nocase ON articles(lower(outlet));
        -- search facets: the speakers of the best matches, read from the index alone
        CREATE INDEX IF NOT EXISTS attributions_article_speaker
            ON attributions(article_id, speaker);
        """,
    ),
    (
        "0009_trace_incremental",
        # the quote-trace index (wirelens.link.trace_index): attributions the traces step has
        # read, the content words of their statements and how many attributions have each word,
        # so that a link run reads only the new attributions and the traces they touch
        """
        CREATE TABLE IF NOT EXISTS trace_seen (
            attribution_id INTEGER PRIMARY KEY REFERENCES attributions(id) ON DELETE CASCADE,
            statements TEXT NOT NULL        -- JSON: the content words of each statement
        );
        CREATE TABLE IF NOT EXISTS trace_words (
            word TEXT NOT NULL,
            attribution_id INTEGER NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
            PRIMARY KEY (word, attribution_id)
        );
        CREATE INDEX IF NOT EXISTS trace_words_attribution ON trace_words(attribution_id);
        CREATE TABLE IF NOT EXISTS trace_df (word TEXT PRIMARY KEY, df INTEGER NOT NULL);
        """,
    ),
    (
        "0010_articles_newest",
        # the article listings (home page, /articles, `Store.articles`) are newest first: this
        # index gives them in that order, so a page reads its 20 rows instead of sorting the
        # corpus (187 ms -> 0.1 ms on 100,000 articles)
        """
        CREATE INDEX IF NOT EXISTS articles_newest ON articles(published DESC, id);
        """,
    ),
    (
        "0011_story_linked",
        # when each story was last clustered (the linked corpus size then), so that a link run
        # clusters again the stories clustered when the corpus was half its size or less
        """
        CREATE TABLE IF NOT EXISTS story_linked (
            story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            corpus_size INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS story_linked_size ON story_linked(corpus_size);
        """,
    ),
    (
        "0012_story_moves",
        # where a removed story's id now leads: re-clustering (wirelens.link.stories) may merge
        # a story into another, and a cited /stories/ID then answers with the story that holds
        # most of its articles. Chains are collapsed (new_id is always a stored story); no
        # foreign key on new_id: a cascade would drop a move before relinking re-points it.
        """
        CREATE TABLE IF NOT EXISTS story_moves (
            old_id INTEGER PRIMARY KEY,     -- a story id that no longer exists
            new_id INTEGER NOT NULL,        -- the story holding most of its articles
            moved_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        CREATE INDEX IF NOT EXISTS story_moves_new ON story_moves(new_id);
        """,
    ),
    (
        "0013_search_columns",
        # what search filters and facets read, in narrow rows keyed by the article's rowid (the
        # full-text rowid), kept by triggers: each article's outlet and publication day, and
        # the distinct speaker names of its attributions. A filtered search checks each
        # full-text match there instead of in the article's wide row (0.8 -> 0.3 µs per match
        # on 100,000 articles); a speaker's articles come from an index alone, and the facets
        # of 200 matches from two small reads instead of 200 article rows and an index keyed by
        # the 71-character article id
        """
        CREATE TABLE IF NOT EXISTS search_columns (
            rid INTEGER PRIMARY KEY,        -- articles.rowid, the rowid of articles_fts
            outlet TEXT,                    -- articles.outlet
            day TEXT                        -- substr(articles.published, 1, 10)
        );
        INSERT OR REPLACE INTO search_columns(rid, outlet, day)
            SELECT rowid, outlet, substr(published, 1, 10) FROM articles;
        CREATE TABLE IF NOT EXISTS search_speakers (
            rid INTEGER NOT NULL,           -- articles.rowid
            speaker TEXT NOT NULL,          -- a speaker of one of its attributions
            PRIMARY KEY (rid, speaker)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS search_speakers_speaker ON search_speakers(speaker, rid);
        INSERT OR IGNORE INTO search_speakers(rid, speaker)
            SELECT a.rowid, t.speaker FROM attributions t JOIN articles a ON a.id = t.article_id
            WHERE t.speaker IS NOT NULL;
        CREATE TRIGGER IF NOT EXISTS search_columns_insert AFTER INSERT ON articles BEGIN
            INSERT OR REPLACE INTO search_columns(rid, outlet, day)
                VALUES (new.rowid, new.outlet, substr(new.published, 1, 10));
        END;
        CREATE TRIGGER IF NOT EXISTS search_columns_update
            AFTER UPDATE OF outlet, published ON articles BEGIN
            UPDATE search_columns SET outlet = new.outlet, day = substr(new.published, 1, 10)
                WHERE rid = new.rowid;
        END;
        CREATE TRIGGER IF NOT EXISTS search_columns_delete AFTER DELETE ON articles BEGIN
            DELETE FROM search_columns WHERE rid = old.rowid;
            DELETE FROM search_speakers WHERE rid = old.rowid;
        END;
        CREATE TRIGGER IF NOT EXISTS search_speakers_insert AFTER INSERT ON attributions
            WHEN new.speaker IS NOT NULL BEGIN
            INSERT OR IGNORE INTO search_speakers(rid, speaker)
                SELECT rowid, new.speaker FROM articles WHERE id = new.article_id;
        END;
        CREATE TRIGGER IF NOT EXISTS search_speakers_delete AFTER DELETE ON attributions
            WHEN old.speaker IS NOT NULL BEGIN
            DELETE FROM search_speakers WHERE speaker = old.speaker
                AND rid = (SELECT rowid FROM articles WHERE id = old.article_id)
                AND NOT EXISTS (SELECT 1 FROM attributions
                                WHERE article_id = old.article_id AND speaker = old.speaker);
        END;
        CREATE TRIGGER IF NOT EXISTS search_speakers_update
            AFTER UPDATE OF speaker, article_id ON attributions BEGIN
            DELETE FROM search_speakers WHERE speaker = old.speaker
                AND rid = (SELECT rowid FROM articles WHERE id = old.article_id)
                AND NOT EXISTS (SELECT 1 FROM attributions
                                WHERE article_id = old.article_id AND speaker = old.speaker);
            INSERT OR IGNORE INTO search_speakers(rid, speaker)
                SELECT rowid, new.speaker FROM articles
                WHERE id = new.article_id AND new.speaker IS NOT NULL;
        END;
        """,
    ),
    (
        "0014_search_log",
        # the text index (store/textindex.py, a Tantivy index beside the file) learns what
        # changed from this log: the rowid of every article whose title, body, outlet,
        # publication date or set of speakers changed, in commit order (AUTOINCREMENT: a
        # position is never reused, even after the log is trimmed). The index records the last
        # position it applied and the corpus id below, so an index of another file is refused.
        """
        CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT OR IGNORE INTO search_meta(key, value) VALUES ('corpus', lower(hex(randomblob(16))));
        CREATE TABLE IF NOT EXISTS search_log (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            rid INTEGER NOT NULL            -- articles.rowid to index again (or drop)
        );
        CREATE TRIGGER IF NOT EXISTS search_log_insert AFTER INSERT ON articles BEGIN
            INSERT INTO search_log(rid) VALUES (new.rowid);
        END;
        CREATE TRIGGER IF NOT EXISTS search_log_update
            AFTER UPDATE OF title, body, outlet, published ON articles BEGIN
            INSERT INTO search_log(rid) VALUES (old.rowid);
            INSERT INTO search_log(rid) SELECT new.rowid WHERE new.rowid <> old.rowid;
        END;
        CREATE TRIGGER IF NOT EXISTS search_log_delete AFTER DELETE ON articles BEGIN
            INSERT INTO search_log(rid) VALUES (old.rowid);
        END;
        CREATE TRIGGER IF NOT EXISTS search_log_speaker_insert AFTER INSERT ON search_speakers
        BEGIN
            INSERT INTO search_log(rid) VALUES (new.rid);
        END;
        CREATE TRIGGER IF NOT EXISTS search_log_speaker_delete AFTER DELETE ON search_speakers
        BEGIN
            INSERT INTO search_log(rid) VALUES (old.rid);
        END;
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
        "0003_link_copies",
        """
        CREATE TABLE IF NOT EXISTS signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            shingles INTEGER NOT NULL,      -- distinct word shingles in the clean body
            linked INTEGER NOT NULL DEFAULT 0,  -- 0 until its bands were joined
            component TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS signatures_pending ON signatures(linked) WHERE linked = 0;
        CREATE TABLE IF NOT EXISTS bands (
            band INTEGER NOT NULL,          -- which slice of the MinHash signature
            band_hash BIGINT NOT NULL,      -- hash of that slice (63 bits)
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX IF NOT EXISTS bands_bucket ON bands(band, band_hash, article_id);
        CREATE INDEX IF NOT EXISTS bands_article ON bands(article_id);
        CREATE TABLE IF NOT EXISTS copy_groups (
            id BIGSERIAL PRIMARY KEY,
            origin_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            rule TEXT NOT NULL,             -- the origin rule that decided: wire credit, ...
            reason TEXT NOT NULL,           -- one line: why this origin, how ties break
            size INTEGER NOT NULL,
            component TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS copy_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            group_id BIGINT NOT NULL REFERENCES copy_groups(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,       -- Jaccard of shingles with the origin
            containment REAL NOT NULL,      -- shared shingles / the smaller article's
            changes TEXT NOT NULL           -- JSON word diff against the origin
        );
        CREATE INDEX IF NOT EXISTS copy_members_group ON copy_members(group_id);
        CREATE INDEX IF NOT EXISTS copy_groups_origin ON copy_groups(origin_id);
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
    (
        "0007_band_keys",
        """
        CREATE TABLE IF NOT EXISTS signatures_0007 (
            key BIGINT PRIMARY KEY,         -- the article's number in the band index
            article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
            shingles INTEGER NOT NULL,      -- distinct word shingles in the clean body
            linked INTEGER NOT NULL DEFAULT 0,  -- 0 until its bands were joined
            component TEXT NOT NULL
        );
        INSERT INTO signatures_0007(key, article_id, shingles, linked, component)
            SELECT row_number() OVER (ORDER BY article_id), article_id, shingles, linked,
                   component
            FROM signatures;
        CREATE TABLE IF NOT EXISTS bands_0007 (
            band INTEGER NOT NULL,          -- which slice of the MinHash signature
            band_hash BIGINT NOT NULL,      -- hash of that slice (63 bits)
            key BIGINT NOT NULL REFERENCES signatures_0007(key) ON DELETE CASCADE
        );
        INSERT INTO bands_0007(band, band_hash, key)
            SELECT b.band, b.band_hash, s.key FROM bands b
            JOIN signatures_0007 s ON s.article_id = b.article_id;
        DROP TABLE bands;
        DROP TABLE signatures;
        ALTER TABLE signatures_0007 RENAME TO signatures;
        ALTER TABLE bands_0007 RENAME TO bands;
        ALTER INDEX IF EXISTS signatures_0007_pkey RENAME TO signatures_pkey;
        ALTER INDEX IF EXISTS signatures_0007_article_id_key RENAME TO signatures_article_id_key;
        CREATE INDEX IF NOT EXISTS signatures_pending ON signatures(linked) WHERE linked = 0;
        CREATE INDEX IF NOT EXISTS bands_bucket ON bands(band, band_hash, key);
        CREATE INDEX IF NOT EXISTS bands_key ON bands(key);
        """,
    ),
    (
        "0008_search_indexes",
        """
        -- search filters: the articles of an outlet (any case) are read from this index, then
        -- intersected with the full-text matches (dates are checked on each match instead)
        CREATE INDEX IF NOT EXISTS articles_outlet_nocase ON articles(lower(outlet));
        -- search facets: the speakers of the best matches, read from the index alone
        CREATE INDEX IF NOT EXISTS attributions_article_speaker
            ON attributions(article_id, speaker);
        """,
    ),
    (
        "0009_trace_incremental",
        # the quote-trace index (wirelens.link.trace_index): attributions the traces step has
        # read, the content words of their statements and how many attributions have each word,
        # so that a link run reads only the new attributions and the traces they touch
        """
        CREATE TABLE IF NOT EXISTS trace_seen (
            attribution_id BIGINT PRIMARY KEY REFERENCES attributions(id) ON DELETE CASCADE,
            statements TEXT NOT NULL        -- JSON: the content words of each statement
        );
        CREATE TABLE IF NOT EXISTS trace_words (
            word TEXT NOT NULL,
            attribution_id BIGINT NOT NULL REFERENCES attributions(id) ON DELETE CASCADE,
            PRIMARY KEY (word, attribution_id)
        );
        CREATE INDEX IF NOT EXISTS trace_words_attribution ON trace_words(attribution_id);
        CREATE TABLE IF NOT EXISTS trace_df (word TEXT PRIMARY KEY, df INTEGER NOT NULL);
        """,
    ),
    (
        "0010_articles_newest",
        # the article listings (home page, /articles, `Store.articles`) are newest first: this
        # index gives them in that order, so a page reads its 20 rows instead of sorting the
        # corpus (187 ms -> 0.1 ms on 100,000 articles)
        """
        CREATE INDEX IF NOT EXISTS articles_newest ON articles(published DESC NULLS LAST, id);
        """,
    ),
    (
        "0011_story_linked",
        # when each story was last clustered (the linked corpus size then), so that a link run
        # clusters again the stories clustered when the corpus was half its size or less
        """
        CREATE TABLE IF NOT EXISTS story_linked (
            story_id BIGINT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
            corpus_size BIGINT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS story_linked_size ON story_linked(corpus_size);
        """,
    ),
    (
        "0012_story_moves",
        # where a removed story's id now leads: re-clustering (wirelens.link.stories) may merge
        # a story into another, and a cited /stories/ID then answers with the story that holds
        # most of its articles. Chains are collapsed (new_id is always a stored story); no
        # foreign key on new_id: a cascade would drop a move before relinking re-points it.
        """
        CREATE TABLE IF NOT EXISTS story_moves (
            old_id BIGINT PRIMARY KEY,     -- a story id that no longer exists
            new_id BIGINT NOT NULL,        -- the story holding most of its articles
            moved_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS story_moves_new ON story_moves(new_id);
        """,
    ),
    (
        "0013_search_columns",
        # nothing here: the SQLite store's narrow search tables serve its ranking walk over the
        # full-text index; PostgreSQL ranks every match with its filters as conditions on
        # articles (tsvector GIN index, 0008's lower(outlet) index). Recorded so that both
        # stores list the same migrations.
        """
        SELECT 1;
        """,
    ),
    (
        "0014_search_log",
        # nothing here: the SQLite store's text index (a Tantivy directory beside the file)
        # follows this log; PostgreSQL ranks with its own text search. Recorded so that both
        # stores list the same migrations.
        """
        SELECT 1;
        """,
    ),
)
