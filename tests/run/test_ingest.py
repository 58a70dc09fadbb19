"""The local runner: stored content hashes are not analysed again; reanalyze updates old ones.

Runs on SQLite and PostgreSQL (``store_url``); the documents are fictional (conftest.py).
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.run.conftest import DOCS
from wirelens.attribute import component_id
from wirelens.cli import main
from wirelens.run import ingest
from wirelens.run.options import Options
from wirelens.run.reanalyze import reanalyze
from wirelens.store import open_store


def _rows(url: str, what: str) -> list[dict[str, Any]]:
    with open_store(url) as store:
        rows = [
            {k: v for k, v in r.items() if k not in {"id", "ingested_at"} or what == "articles"}
            for r in store.rows(what)
        ]
    for row in rows:
        row.pop("ingested_at", None)
    return sorted(rows, key=repr)


def test_rerun_does_no_analysis(store_url: str) -> None:
    with open_store(store_url) as store:
        first = ingest(DOCS, store, batch_size=2)
        assert (first.read, first.new, first.analyzed) == (3, 3, 3)
        second = ingest([*DOCS, DOCS[0]], store, batch_size=2)
    # every content hash was already stored: nothing parsed, nothing added
    assert (second.read, second.new, second.existing, second.analyzed) == (4, 0, 4, 0)


def test_duplicate_within_one_run_is_analysed_once(store_url: str) -> None:
    with open_store(store_url) as store:
        report = ingest([DOCS[0], DOCS[1], DOCS[0]], store, batch_size=8)
        assert (report.new, report.existing, report.analyzed) == (2, 1, 2)
        assert store.count() == 2


def test_duplicate_of_an_article_still_on_its_way_is_analysed_once(tmp_path: Any) -> None:
    """Batches [D0], [D1, D0], [D2]: a batch is checked against the store while the one before
    is still being attributed, so the articles in flight count as stored."""
    with open_store(str(tmp_path / "d.db")) as store:
        report = ingest([DOCS[0], DOCS[1], DOCS[0], DOCS[2]], store, batch_size=2)
        assert (report.read, report.new, report.existing, report.analyzed) == (4, 3, 1, 3)
        assert store.count() == 3


def test_cli_rerun_says_analysed_0(store_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import ROOT

    folder = str(ROOT / "examples" / "corpus" / "nws-port-strike.txt")
    assert main(["ingest", folder, "--db", store_url, "--workers", "1"]) == 0
    assert "analysed 1," in capsys.readouterr().out
    assert main(["ingest", folder, "--db", store_url, "--workers", "1"]) == 0
    assert "new 0, already present 1, failed 0, analysed 0," in capsys.readouterr().out


def test_reanalyze_updates_only_other_versions(store_url: str) -> None:
    with open_store(store_url) as store:
        ingest(DOCS, store)
    before = (_rows(store_url, "articles"), _rows(store_url, "attributions"))
    with open_store(store_url) as store:
        # an article and its attributions as an older attribute component left them
        old = DOCS[0]
        store._execute(
            "UPDATE articles SET component = 'attribute.rules@0' WHERE source = ?", (old.source,)
        )
        store._execute(
            "DELETE FROM attributions WHERE article_id IN "
            "(SELECT id FROM articles WHERE source = ?)",
            (old.source,),
        )
        if hasattr(store, "_db") and hasattr(store._db, "commit"):
            store._db.commit()
        report = reanalyze(store, Options.resolve())
        assert (report.updated, report.failed) == (1, [])
        assert reanalyze(store, Options.resolve()).updated == 0
        options = Options.resolve()
        assert store.stale(component_id(options.scope, options.model)) == []
        assert store.verify() == []
    assert (_rows(store_url, "articles"), _rows(store_url, "attributions")) == before


def test_two_workers_with_entity_windows_store_what_full_ner_does(tmp_path: Any) -> None:
    """The pool (one numerical thread per worker, startup timed apart) with the default entity
    windows stores the attributions one process with NER over every token stores."""
    fast, full = str(tmp_path / "fast.db"), str(tmp_path / "full.db")
    with open_store(fast) as store:
        report = ingest(DOCS, store, workers=2, options=Options.resolve())
    with open_store(full) as store:
        ingest(DOCS, store, workers=1, options=Options.resolve({"entities": "full"}))
    assert report.new == len(DOCS)
    assert report.startup_seconds > 0.1  # two processes spawned and their models loaded
    assert _rows(fast, "attributions")
    assert _rows(fast, "attributions") == _rows(full, "attributions")


def test_worker_thread_variables_are_set_only_while_starting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    from wirelens.run.pool import _one_thread_each

    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # the user's own choice is kept
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with _one_thread_each():
        assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
        assert os.environ["OMP_NUM_THREADS"] == "3"
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "3"


@pytest.mark.timeout(60)
def test_workers_that_cannot_load_the_model_stop_the_ingest_before_any_work(
    tmp_path: Any,
) -> None:
    """A pool would start a new worker for each one whose setup raised, forever: the ingest
    says why the workers could not start, and stores and records nothing."""
    from wirelens.errors import ModelError

    url = str(tmp_path / "c.db")
    options = Options.resolve({"model": "en_core_web_no_such_pipeline"})
    with open_store(url) as store, pytest.raises(ModelError, match="worker process could not"):
        ingest(DOCS, store, workers=2, options=options)
    with open_store(url) as store:
        assert store.count() == 0 and store.failures() == []


def test_many_batches_through_the_pool_keep_their_order_and_count(tmp_path: Any) -> None:
    """Batches of one document each: every batch's cleaning, attribution and storing overlaps
    the next ones', and each document is stored once, with the analysis of its own text."""
    url = str(tmp_path / "p.db")
    progress: list[int] = []
    with open_store(url) as store:
        report = ingest(
            DOCS, store, workers=2, batch_size=1, progress=lambda r: progress.append(r.read)
        )
    assert (report.read, report.new, report.analyzed) == (len(DOCS), len(DOCS), len(DOCS))
    assert progress == list(range(1, len(DOCS) + 1))
    single = str(tmp_path / "s.db")
    with open_store(single) as store:
        ingest(DOCS, store, workers=1)
    assert _rows(url, "attributions") == _rows(single, "attributions")


def test_the_ingesting_process_does_not_import_spacy() -> None:
    """Only the workers parse: resolving the options and importing the CLI and the runner in
    the process that reads and stores imports no spaCy (0.65 s before the pool could start)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from wirelens.run.options import Options\n"
        "Options.resolve({'parse': 'all', 'entities': 'full'})\n"
        "import wirelens.cli, wirelens.run, wirelens.readers, wirelens.store\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.timeout(120)
def test_a_worker_that_dies_stops_the_ingest_and_keeps_what_was_stored(tmp_path: Any) -> None:
    """A worker killed mid-run (as by the kernel when memory runs out): an EngineError, not a
    run waiting forever for the piece it had; the batches stored before it stay, and the same
    ingest run again adds the rest."""
    import multiprocessing
    import signal
    import time

    from wirelens.errors import EngineError

    url = str(tmp_path / "k.db")

    def kill_a_worker(report: Any) -> None:
        if report.read == 1:
            worker = multiprocessing.active_children()[0]
            os.kill(worker.pid, signal.SIGKILL)
            worker.join(10)
            time.sleep(0.5)  # the pool sees its worker gone

    with open_store(url) as store, pytest.raises(EngineError, match="worker process stopped"):
        ingest(DOCS, store, workers=2, batch_size=1, progress=kill_a_worker)
    assert multiprocessing.active_children() == []  # the other worker was stopped too
    with open_store(url) as store:
        kept = store.count()
        assert kept >= 1
        again = ingest(DOCS, store, workers=1)
        assert (again.existing, again.new) == (kept, len(DOCS) - kept)
