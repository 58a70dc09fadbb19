"""The linking commands end to end: link, copies, export --what groups, ingest, eval."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, require
from tests.link.conftest import WIRE, aggregator_copy, analysis
from wirelens.cli import main
from wirelens.link.db import query
from wirelens.store import open_store

ECB = SHARED / "data" / "stories" / "ecbplus_docs.jsonl"


@pytest.fixture
def linked(store_url: str) -> str:
    """A corpus with the wire story and two aggregator copies, not linked yet."""
    with open_store(store_url) as store:
        store.add(
            [
                analysis(WIRE, "wire.txt", outlet="Northern Wire Service"),
                analysis(aggregator_copy("DailyScroll"), "ds.txt", published="2026-04-02T10:00Z"),
                analysis(aggregator_copy("NewsBeam", cut=2), "nb.txt"),
            ]
        )
    return store_url


def test_link_then_copies_by_prefix(linked: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["link", "--db", linked]) == 0
    assert "1 copy group(s) updated" in capsys.readouterr().out
    with open_store(linked) as store:
        copy_id = query(store, "SELECT id FROM articles WHERE source = 'nb.txt'")[0][0]
    assert main(["copies", copy_id[7:19], "--db", linked]) == 0
    out = capsys.readouterr().out
    assert "origin" in out and "wire credit" in out and "Northern Wire Service" in out
    assert main(["copies", copy_id, "--json", "--db", linked]) == 0
    group = json.loads(capsys.readouterr().out)
    assert group["size"] == 3 and group["origin"]["source"] == "wire.txt"
    nb = next(m for m in group["members"] if m["source"] == "nb.txt")
    assert nb["changes"]["truncated"] and "cut" in nb["changes"]["kinds"]


def test_copies_of_unknown_or_ungrouped_article_is_one_line(
    linked: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["copies", "ffffffff", "--db", linked]) == 2
    assert (
        capsys.readouterr().err.strip() == "wirelens: error: no stored article with id 'ffffffff'"
    )
    with open_store(linked) as store:
        wire = query(store, "SELECT id FROM articles WHERE source = 'wire.txt'")[0][0]
    assert main(["copies", wire[7:19], "--db", linked]) == 2
    assert "not linked yet: run `wirelens link`" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_groups_names_articles_with_source_and_url(
    linked: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["link", "--db", linked]) == 0
    out = tmp_path / f"groups.{fmt}"
    assert (
        main(["export", "--what", "groups", "--format", fmt, "--output", str(out), "--db", linked])
        == 0
    )
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    else:
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    assert len(rows) == 3
    assert {r["source"] for r in rows} == {"wire.txt", "ds.txt", "nb.txt"}
    assert {r["origin_source"] for r in rows} == {"wire.txt"}
    assert all("url" in r and "origin_url" in r for r in rows)


def test_ingest_links_by_default_and_not_with_no_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "copy.txt").write_text(aggregator_copy("Scoopline"), encoding="utf-8")
    skipped, linked = tmp_path / "skip.db", tmp_path / "link.db"
    assert main(["ingest", str(folder), "--db", str(skipped), "--no-link", "--workers", "1"]) == 0
    with open_store(str(skipped)) as store:
        assert query(store, "SELECT count(*) FROM signatures") == [(0,)]
    assert main(["ingest", str(folder), "--db", str(linked), "--workers", "1"]) == 0
    assert "1 copy group(s) updated" in capsys.readouterr().out
    with open_store(str(linked)) as store:
        assert query(store, "SELECT count(*) FROM copy_members") == [(2,)]


def test_eval_syndication_on_three_ecb_topics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require(ECB.exists(), f"ECB+ not found at {ECB}")
    lines = [
        line
        for line in ECB.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["topic"] in {1, 2, 3}
    ]
    small = tmp_path / "ecb3.jsonl"
    small.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["eval", "syndication", str(small), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["originals"] > 30 and result["copies"] == 3 * result["originals"]
    assert result["pairs"]["precision"] >= 0.95 and result["pairs"]["recall"] >= 0.9
    assert set(result["per_kind"]) == {
        "wrapper", "time_shift", "also_read", "truncated", "lede", "reordered", "headline"
    }  # fmt: skip
    assert result["hard_negatives"]["pairs_same_story"] > 0
    assert main(["eval", "syndication", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_link_workers_sign_in_a_pool_with_the_same_groups(
    linked: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`link --workers 2` signs in worker processes (the pool threshold lowered to this tiny
    corpus) and finds the same group as one process; a worker count below 1 is refused."""
    from wirelens.link import signatures

    assert main(["link", "--db", linked, "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err
    monkeypatch.setattr(signatures, "POOL_MIN", 1)
    assert main(["link", "--db", linked, "--workers", "2"]) == 0
    assert "1 copy group(s) updated" in capsys.readouterr().out
    with open_store(linked) as store:
        sizes = query(store, "SELECT count(*) FROM copy_members GROUP BY group_id")
    assert sizes == [(3,)]


def test_python_m_wirelens_runs_nothing_when_a_spawned_worker_imports_it() -> None:
    """A spawned pool worker imports the parent's ``__main__`` as ``__mp_main__``: running the
    CLI there again would be a second `wirelens link` inside each worker."""
    import runpy

    runpy.run_module("wirelens.__main__", run_name="__mp_main__")  # no SystemExit
