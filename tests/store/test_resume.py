"""An ingest killed with SIGKILL mid-way leaves a consistent corpus; re-running finishes it
with no duplicates and nothing committed lost. Documents are generated fictional items."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from wirelens.store import open_store

N_DOCS = 240


def _write_docs(folder: Path) -> None:
    folder.mkdir()
    for i in range(N_DOCS):
        (folder / f"item-{i:04d}.txt").write_text(
            f"Fictional council item {i}\n\n"
            f"Councillor Dana Reyes said on Tuesday that item {i} of the budget would be "
            f'reviewed in week {i % 52}. "We will publish every line," Reyes said.\n',
            encoding="utf-8",
        )


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "WIRELENS_BATCH_SIZE": "8"}
    return subprocess.Popen(
        [sys.executable, "-m", "wirelens", "ingest", str(folder), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_then_rerun(tmp_path: Path) -> None:
    folder, db = tmp_path / "docs", tmp_path / "corpus.db"
    _write_docs(folder)
    proc = _ingest(folder, db)
    deadline = time.monotonic() + 120
    while _count(db) < 16 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    assert proc.poll() is None, "ingest finished before it could be killed: raise N_DOCS"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 16 <= partial < N_DOCS
    with open_store(str(db)) as store:
        assert store.verify() == []  # consistent after the kill
    rerun = _ingest(folder, db)
    assert rerun.wait(timeout=300) == 0
    with open_store(str(db)) as store:
        assert store.count() == N_DOCS
        assert store.verify() == []
    with sqlite3.connect(db) as con:
        ids = con.execute("SELECT count(DISTINCT id), count(*) FROM articles").fetchone()
        orphans = con.execute(
            "SELECT count(*) FROM attributions t LEFT JOIN articles a ON a.id = t.article_id "
            "WHERE a.id IS NULL"
        ).fetchone()[0]
        per_article = con.execute(
            "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM attributions t "
            "WHERE t.article_id = a.id) = 0"
        ).fetchone()[0]
    assert ids == (N_DOCS, N_DOCS)
    assert orphans == 0
    assert per_article == 0  # every article kept its attributions: no half-written batch
