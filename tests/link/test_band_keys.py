"""Migration 0007_band_keys and the bulk signing path, on both backends.

The band index names articles by an integer ``signatures.key`` since 0007. A corpus signed
before it (bands keyed by the article id) must upgrade in place: signatures keep their linked
flag, bands are carried over, and a new copy of an article signed under the old schema still
finds it through the carried bands. Articles are the fictional ones of tests/link/conftest.py.
"""

from __future__ import annotations

import pytest

from tests.link.conftest import WIRE, aggregator_copy, analysis
from wirelens.link import LinkOptions, link
from wirelens.link import signatures as signing
from wirelens.link.banding import SCAN_SQL
from wirelens.link.db import query
from wirelens.link.shingles import shingle_hashes
from wirelens.link.signatures import band_hashes, minhash, sign_new
from wirelens.store import open_store
from wirelens.store import postgres as pg_store
from wirelens.store import sqlite as sqlite_store
from wirelens.store.schema import POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS

BEFORE = "0006_speaker_registry"


def _old_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """Open stores as the code before 0007 did (migrations up to 0006 only)."""
    for module, full in ((sqlite_store, SQLITE_MIGRATIONS), (pg_store, POSTGRES_MIGRATIONS)):
        names = [name for name, _ in full]
        attr = "SQLITE_MIGRATIONS" if module is sqlite_store else "POSTGRES_MIGRATIONS"
        monkeypatch.setattr(module, attr, full[: names.index(BEFORE) + 1])


def test_a_corpus_signed_before_band_keys_upgrades_and_stays_incremental(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = LinkOptions()
    with monkeypatch.context() as patch:
        _old_schema(patch)
        with open_store(store_url) as store:
            assert store.has_table("bands")
            assert "key" not in [c[0] for c in store._execute("SELECT * FROM bands").description]
            store.add(
                [analysis(WIRE, "wire.txt"), analysis(aggregator_copy("Sc", cut=3), "sc.txt")]
            )
            rows = query(store, "SELECT id, body FROM articles ORDER BY id")
            with store._transaction():
                for article_id, body in rows:
                    sets = shingle_hashes(body, options.shingle)
                    store._execute(
                        "INSERT INTO signatures(article_id, shingles, linked, component) "
                        "VALUES (?, ?, 1, ?)",
                        (article_id, len(sets), options.component),
                    )
                    for band, value in enumerate(band_hashes(minhash(sets, options), options)):
                        store._execute(
                            "INSERT INTO bands(band, band_hash, article_id) VALUES (?, ?, ?)",
                            (band, value, article_id),
                        )
    with open_store(store_url) as store:  # migration 0007 runs here
        keyed = query(store, "SELECT key, article_id, linked FROM signatures ORDER BY key")
        assert keyed == [(i + 1, r[0], 1) for i, r in enumerate(rows)]
        assert query(store, "SELECT count(*), count(DISTINCT key) FROM bands") == [
            (2 * options.bands, 2)
        ]
        store.add([analysis(aggregator_copy("NewsBeam"), "nb.txt")])
        report = link(store)
        assert report.copies.signed == 1  # the old articles were not signed again
        group = query(
            store,
            "SELECT a.source FROM copy_members m JOIN articles a ON a.id = m.article_id "
            "ORDER BY a.source",
        )
        # found through the carried bands only: the old articles have no new ones
        assert ("nb.txt",) in group and len(group) >= 2


def test_bulk_and_pooled_signing_give_the_same_bands_and_pairs_as_row_by_row(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Signing with the bucket index dropped and rebuilt (the bulk path), and signing in two
    worker processes, store the same band rows and candidate pairs as inserting into the
    index in this process, and leave the index."""
    texts = [
        (WIRE, "wire.txt"),
        (aggregator_copy("NewsBeam"), "nb.txt"),
        (aggregator_copy("Scoopline", cut=3), "sc.txt"),
    ]
    results = []
    with open_store(store_url) as store:
        store.add(analysis(text, source) for text, source in texts)
        indexes = (
            "SELECT indexname FROM pg_indexes WHERE tablename = 'bands' "
            "AND schemaname = current_schema()"
            if isinstance(store, pg_store.PostgresStore)
            else "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bands'"
        )
        monkeypatch.setattr(signing, "POOL_MIN", 1)
        for bulk_min, workers in ((1, 1), (10**9, 1), (1, 2)):
            monkeypatch.setattr(signing, "BULK_MIN", bulk_min)
            with store._transaction():
                store._execute("DELETE FROM signatures")  # bands go with them (cascade)
            assert sign_new(store, LinkOptions(workers=workers, batch=2)) == 3
            bands = query(store, "SELECT band, band_hash, key FROM bands ORDER BY 1, 2, 3")
            results.append((bands, sorted(query(store, SCAN_SQL))))
            assert "bands_bucket" in [row[0] for row in query(store, indexes)]
    assert results[0] == results[1] == results[2]
    assert len(results[0][0]) == 3 * LinkOptions().bands and len(results[0][1]) == 2
