"""The corpus on both backends: idempotent ingest, queries, speakers, export, bad databases.

Every test taking ``store_url`` runs against SQLite and PostgreSQL (a fresh schema per test;
the PostgreSQL run skips locally without a server and fails in CI). Documents are fictional
one-paragraph items written here.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wirelens.cli import main
from wirelens.errors import StoreError
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.store.speakers import merge_speakers

DOCS = [
    Document(
        content=(
            "Lake council approves ferry subsidy\n\n"
            "Council leader Marta Jensen said on Monday that the ferry subsidy would be paid "
            'from April. "Islanders should not pay for our delays," Jensen told reporters.\n'
        ),
        kind="text",
        source="fiction-1",
        outlet="Lake Gazette",
    ),
    Document(
        content=(
            "Ferry operator welcomes subsidy\n\n"
            "Operator chief Paul Smith said the subsidy would keep three routes open. "
            'Transport analyst Anna Smith said the plan was "a sticking plaster".\n'
        ),
        kind="text",
        source="fiction-2",
        outlet="Harbour Post",
    ),
]


@pytest.fixture
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        report = ingest(DOCS, store, batch_size=1)
    assert (report.new, report.existing) == (2, 0)
    return store_url


def test_second_ingest_is_a_no_op(db: str) -> None:
    with open_store(db) as store:
        report = ingest(DOCS, store)
        assert (report.read, report.new, report.existing) == (2, 0, 2)
        assert store.count() == 2
        assert store.verify() == []


def test_quotes_by_surname_and_search(db: str) -> None:
    with open_store(db) as store:
        quotes = store.quotes(speaker="Jensen")
        assert {q["speaker"] for q in quotes} == {"Marta Jensen"}
        assert any("Islanders should not pay" in q["quote"] for q in quotes)
        hits = store.search("subsidy")
        assert len(hits) == 2 and all("[subsidy" in h["snippet"].lower() for h in hits)
        assert store.get(hits[0]["id"][7:20]).article.id == hits[0]["id"]


def test_search_filters(db: str) -> None:
    with open_store(db) as store:
        assert len(store.search("subsidy", speaker="Jensen")) == 1
        assert len(store.search("subsidy", speaker="Anna Smith")) == 1
        assert store.search("subsidy", outlet="Lake Gazette")[0]["outlet"] == "Lake Gazette"
        # the fictional items carry no publication date: a date filter keeps none of them
        assert store.search("subsidy", since="2026-01-01") == []


def test_two_smiths_are_not_merged(db: str) -> None:
    with open_store(db) as store:
        names = {s["name"] for s in store.speakers()}
    assert {"Paul Smith", "Anna Smith"} <= names


def test_merge_rules() -> None:
    rows = [
        ("Ali Khamenei", 3, "Supreme Leader", "ANI"),
        ("Khamenei", 2, None, "Reuters"),
        ("Iran's Supreme Leader Ali Khamenei", 1, None, "AP"),
        ("Smith", 1, None, "X"),
        ("Paul Smith", 1, None, "X"),
        ("Anna Smith", 1, None, "Y"),
    ]
    merged = {e["name"]: e for e in merge_speakers(rows)}
    assert merged["Ali Khamenei"]["count"] == 6
    assert set(merged["Ali Khamenei"]["outlets"]) == {"ANI", "Reuters", "AP"}
    assert "Smith" in merged  # two full names share the surname: the bare one stays apart


def test_bad_search_syntax_is_a_store_error(db: str) -> None:
    with open_store(db) as store:
        assert store.search('"unclosed') == []  # plain text (the default) never fails
        if db.startswith("postgresql"):
            # websearch_to_tsquery accepts any text: an odd quote is read as a phrase start
            assert store.search('"unclosed', syntax="fts") == []
            return
        with pytest.raises(StoreError, match="bad search query"):
            store.search('"unclosed', syntax="fts")


def test_non_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a SQLite database"):
        open_store(str(path))
    assert path.read_bytes() == before


def test_locked_sqlite_database_waits_then_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import wirelens.store.sqlite as backend

    monkeypatch.setattr(backend, "BUSY_TIMEOUT_MS", 200)
    db = str(tmp_path / "locked.db")
    open_store(db).close()
    holder = sqlite3.connect(db)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        with open_store(db) as store, pytest.raises(StoreError, match="cannot write"):
            ingest(
                [Document(content="Fresh item\n\nA new fictional story.", kind="text", source="n")],
                store,
            )
    finally:
        holder.rollback()
        holder.close()


def test_unreachable_postgresql_is_one_clear_error() -> None:
    # a closed port on loopback: refused at once, the password never shown
    with pytest.raises(StoreError, match=r"cannot use postgresql://127\.0\.0\.1:9/") as info:
        open_store("postgresql://someone:secret@127.0.0.1:9/wirelens")
    assert "secret" not in str(info.value)


def test_cli_ingest_quotes_speakers_export(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = store_url
    corpus = str(ROOT / "examples" / "corpus")
    assert main(["ingest", corpus, "--db", db]) == 0
    summary = capsys.readouterr().out
    assert re.search(r"new (\d+)", summary) and int(re.search(r"new (\d+)", summary)[1]) >= 40
    assert "wirelens:wirelens@" not in summary  # a database password is never printed
    assert main(["ingest", corpus, "--db", db]) == 0
    assert "nothing new" in capsys.readouterr().out
    assert main(["speakers", "--db", db, "--limit", "3"]) == 0
    assert "Ilse Varga" in capsys.readouterr().out
    out = tmp_path / "attributions.jsonl"
    assert main(["export", "--db", db, "--what", "attributions", "--output", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and {"speaker", "quote", "chain", "component"} <= set(rows[0])
    parquet = tmp_path / "speakers.parquet"
    assert (
        main(
            [
                "export",
                "--db",
                db,
                "--what",
                "speakers",
                "--format",
                "parquet",
                "--output",
                str(parquet),
            ]
        )
        == 0
    )
    assert parquet.stat().st_size > 0


def test_cli_ingest_with_two_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "pool.db")
    assert main(["ingest", str(ROOT / "examples" / "corpus"), "--db", db, "--workers", "2"]) == 0
    assert "already present 0" in capsys.readouterr().out
    with open_store(db) as store:
        assert store.count() >= 40 and store.verify() == []


def test_cli_export_to_unwritable_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(ROOT / "examples" / "corpus"), "--db", db]) == 0
    capsys.readouterr()
    target = tmp_path / "no-such-dir" / "out.csv"
    assert main(["export", "--db", db, "--format", "csv", "--output", str(target)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("wirelens: error: cannot write")
