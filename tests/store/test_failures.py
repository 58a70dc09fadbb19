"""Issue 13: one bad record never costs the good ones, and every failure reaches the corpus.

Each test is named after the defect it pins and says what each bad input gets. Every test
taking ``store_url`` runs on SQLite and PostgreSQL. The records are fictional one-paragraph
council items written here; WARC archives are built in the test (tests/readers/builders.py).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.readers.builders import big_middle_warc, warc
from wirelens.cli import main
from wirelens.readers import read_documents
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.store.schema import SQLITE_MIGRATIONS


def _line(i: int) -> str:
    return json.dumps(
        {
            "text": f"Fictional ferry item {i}\n\nCouncil leader Marta Jensen said on Monday that "
            f'item {i} of the ferry plan was approved. "We move ahead," Jensen said.',
            "url": f"https://lake.example.org/ferry/{i}",
        }
    )


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _count(url: str) -> int:
    with open_store(url) as store:
        return store.count()


def test_ingest_keeps_good_records_around_a_bad_jsonl_line(
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two good lines then one that is not JSON: before, exit 2 and 0 stored; now the bad line
    gets one warning and a failures row (source, "line 3", reason), the two good ones are
    stored, exit 1. 100 good, 1 bad, 10 good: before, 64 stored; now 110."""
    small = _jsonl(tmp_path / "small.jsonl", [_line(1), _line(2), "{not json"])
    assert main(["ingest", str(small), "--db", store_url, "--workers", "2"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"wirelens: warning: {small}, line 3: not valid JSON")
    assert _count(store_url) == 2

    big = _jsonl(
        tmp_path / "big.jsonl",
        [_line(i) for i in range(100, 200)]
        + ['{"title": "no text"}']
        + [_line(i) for i in range(200, 210)],
    )
    assert main(["ingest", str(big), "--db", store_url, "--workers", "1"]) == 1
    assert _count(store_url) == 2 + 110
    with open_store(store_url) as store:
        failures = store.failures()
    assert [(f["source"], f["position"]) for f in failures] == [
        (str(small), "line 3"),
        (str(big), "line 101"),
    ]
    assert failures[0]["error"].startswith("not valid JSON")
    assert failures[1]["error"] == "needs a non-empty 'text' or 'html' field"


def test_ingest_keeps_good_records_around_an_oversized_warc_record(
    store_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An HTML record over max-bytes between two good ones: before, the archive stopped at it
    (exit 2, the third page lost); now it gets one warning and a failures row with its record
    number, both other pages are stored, exit 1."""
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(big_middle_warc(300_000, ctype="text/html"))
    monkeypatch.setenv("WIRELENS_MAX_BYTES", "100000")
    assert main(["ingest", str(archive), "--db", store_url, "--workers", "1"]) == 1
    assert (
        "record 2: https://fjord.example.no/news/1: HTML payload larger" in capsys.readouterr().err
    )
    assert _count(store_url) == 2
    with open_store(store_url) as store:
        [failure] = store.failures()
    assert (failure["source"], failure["position"]) == (str(archive), "record 2")


def test_ingest_stores_the_records_read_before_a_source_fails(
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A WARC cut short after two pages: exit 2 with one error line, as before, but the two
    pages read before the cut are stored and the failure is recorded."""
    archive = tmp_path / "cut.warc"
    whole = warc(3, extras=False)
    archive.write_bytes(whole[: len(whole) - 600])
    assert main(["ingest", str(archive), "--db", store_url, "--workers", "1"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "truncated or corrupt after 2 HTML record(s)" in err[0]
    assert _count(store_url) == 2
    with open_store(store_url) as store:
        [failure] = store.failures()
    assert failure["source"] == str(archive) and failure["position"] is None


def test_failures_command_lists_source_position_and_reason(
    store_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_store(store_url) as store:
        store.record_failure("feed.jsonl", "not valid JSON", "line 7")
        store.record_failure("page.html", "ValueError: no text")
    assert main(["failures", "--db", store_url, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["source"], r["position"], r["error"]) for r in rows] == [
        ("feed.jsonl", "line 7", "not valid JSON"),
        ("page.html", None, "ValueError: no text"),
    ]
    assert all(r["at"][:2] == "20" for r in rows)  # an ISO timestamp on both backends


def test_failure_position_migration_upgrades_an_old_corpus(tmp_path: Path) -> None:
    """A corpus made before 0002_failure_position gains the column and keeps its rows."""
    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    name, sql = SQLITE_MIGRATIONS[0]
    con.executescript(sql)
    con.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
    con.execute("INSERT INTO failures(source, error) VALUES ('old.txt', 'old reason')")
    con.commit()
    con.close()
    with open_store(str(path)) as store:
        store.record_failure("new.jsonl", "bad line", "line 2")
        rows = [(f["source"], f["position"]) for f in store.failures()]
    assert rows == [("old.txt", None), ("new.jsonl", "line 2")]


def test_show_percent_is_not_a_like_wildcard(
    store_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`show '%'` (or '_') on a one-article corpus: before, it printed that article (LIKE
    wildcard); now one error line saying an id is hex digits, exit 2."""
    source = _jsonl(tmp_path / "one.jsonl", [_line(1)])
    assert main(["ingest", str(source), "--db", store_url, "--workers", "1"]) == 0
    capsys.readouterr()
    for bad in ("%", "_", "sha256:%"):
        assert main(["show", bad, "--db", store_url]) == 2
        out, err = capsys.readouterr()
        assert out == "" and err.startswith(f"wirelens: error: {bad!r} is not an article id")
    with open_store(store_url) as store:
        [hit] = store.search("ferry")
    assert main(["show", hit["id"][7:19].upper(), "--db", store_url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["id"] == hit["id"]


@pytest.mark.parametrize(
    "command",
    [["search", "ferry"], ["quotes"], ["speakers"], ["show", "abc"], ["export"], ["failures"]],
)
def test_read_only_commands_refuse_a_missing_db(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --db path that does not exist: before, an empty corpus was created there and the
    command answered "nothing"; now one error line, exit 2, and no file is created."""
    missing = tmp_path / "typo.db"
    assert main([*command, "--db", str(missing)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"wirelens: error: {missing}: no such corpus database; check --db (or WIRELENS_DB), "
        "or create it with `wirelens ingest SOURCE --db PATH`"
    ]
    assert not missing.exists()


def test_nul_in_a_json_line_is_dropped_not_a_failed_ingest(store_url: str, tmp_path: Path) -> None:
    """A NUL (``\\u0000``) in a line's title, outlet, URL, date or text: before, PostgreSQL
    refused the batch's write ("text fields cannot contain NUL") and the ingest stopped with a
    StoreError, nothing of the file stored; now the NUL is dropped and every line is stored,
    the same on both backends. Found by fuzzing the web ingest."""
    lines = [_line(1)]
    for i, key in enumerate(("title", "outlet", "url", "published", "text"), 2):
        record = json.loads(_line(i))
        record[key] = f"{record.get(key, 'Ferry')}\u0000x"
        lines.append(json.dumps(record))
    path = _jsonl(tmp_path / "nul.jsonl", [*lines, _line(9)])
    with open_store(store_url) as store:
        report = ingest(read_documents(path), store)
        titles = [row["title"] or "" for row in store.articles(limit=10)]
    assert (report.new, report.failed) == (7, [])
    assert not any("\x00" in title for title in titles)
    assert "Ferryx" in titles


def test_failure_with_a_nul_in_its_source_is_recorded(store_url: str) -> None:
    """A failed document's source is the sender's text (a web ingest's ``source``): before, a
    NUL in it made the failure row unwritable on PostgreSQL and stopped the ingest."""
    with open_store(store_url) as store:
        store.record_failure("api\x00:3", "no article body", "line \udcff")
        [row] = store.failures()
    assert (row["source"], row["position"]) == ("api\ufffd:3", "line \ufffd")
