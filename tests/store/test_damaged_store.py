"""A damaged corpus gives one line from every command that reads it, never a driver traceback.

The store translates driver errors in one place (``Store._execute``, ``Store._transaction``),
including errors SQLite raises only while rows are read. The corpora are built from fictional
stored analyses (tests/store/test_speaker_registry.py's ``story``), then damaged on disk.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.store.test_speaker_registry import story
from wirelens.cli import main
from wirelens.errors import StoreError
from wirelens.store import open_store

READS = [
    ["search", "ferry"],
    ["quotes"],
    ["quotes", "--speaker", "Vera Lind"],
    ["quotes", "--text", "ferry"],
    ["speakers"],
    ["speakers", "show", "Vera Lind"],
    ["show", "ab"],
    ["export", "--what", "attributions"],
    ["export", "--what", "articles"],
    ["failures"],
]


def _corpus(path: Path) -> None:
    with open_store(str(path)) as store:
        store.add(
            [
                story(f"Ferry item {i}", "Lake Gazette", [("Vera Lind", f"Ferry {i} runs.")])
                for i in range(60)
            ]
        )
        store.record_failure("bad.txt", "not news")
    con = sqlite3.connect(path)  # fold the WAL into the file, so the damage below is all
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _garbage_in_the_data(path: Path) -> None:
    """Every page but the schema's and the migrations' overwritten: the corpus opens, and each
    table's rows are unreadable (the damage a query meets first, mid-read)."""
    con = sqlite3.connect(path)
    keep = {
        int(n)
        for (n,) in con.execute(
            "SELECT pageno FROM dbstat WHERE name IN ('sqlite_schema', 'sqlite_master', "
            "'migrations', 'sqlite_autoindex_migrations_1')"
        )
    }
    (size,) = con.execute("PRAGMA page_size").fetchone()
    con.close()
    data = bytearray(path.read_bytes())
    for number in range(2, len(data) // size + 1):
        if number not in keep:
            start = (number - 1) * size
            data[start : start + size] = bytes((i * 37 + 11) % 256 for i in range(size))
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    """The file cut after its first pages, as an interrupted copy leaves it."""
    data = path.read_bytes()
    page = int.from_bytes(data[16:18], "big")
    path.write_bytes(data[: page * 2])


@pytest.mark.parametrize("damage", [_garbage_in_the_data, _truncated])
@pytest.mark.parametrize("command", READS, ids="-".join)
def test_every_read_command_gives_one_line(
    damage: object, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "corpus.db"
    _corpus(db)
    assert callable(damage)
    damage(db)
    capsys.readouterr()
    assert main([*command, "--db", str(db)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith("wirelens: error: ")
    assert "Traceback" not in err[0] and "OperationalError" not in err[0]
    assert str(db) in err[0]


def test_damage_is_named_as_such(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    _corpus(db)
    _garbage_in_the_data(db)
    with open_store(str(db)) as store, pytest.raises(StoreError, match="is damaged") as info:
        store.quotes()
    assert isinstance(info.value.__cause__, sqlite3.DatabaseError)  # the cause is kept


@pytest.mark.parametrize(
    "command",
    [["quotes"], ["speakers"], ["speakers", "show", "Vera Lind"], ["export"]],
    ids="-".join,
)
def test_a_missing_table_is_one_line_on_both_backends(
    store_url: str,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A corpus someone altered by hand (``attributions`` dropped): driver errors from
    PostgreSQL are translated in the same place as SQLite's."""
    with open_store(store_url) as store:
        store.add([story("Ferry", "Lake Gazette", [("Vera Lind", "Ferry runs.")])])
        store._execute(
            "DROP TABLE attributions" + (" CASCADE" if "postgresql" in store_url else "")
        )
    capsys.readouterr()
    assert main([*command, "--db", store_url]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("wirelens: error: cannot read "), err
    assert "attributions" in err[0]
