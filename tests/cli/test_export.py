"""Issue 13, defect 6: ``export --output FILE`` is atomic and replaces a file only with --force.

The failure is real, not simulated: the export runs as its own process under a file-size limit
(``RLIMIT_FSIZE``; Python ignores SIGXFSZ, so a write past the limit fails with EFBIG, as it
would with ENOSPC on a full disk) part-way through the rows. Runs on both store backends (the
``db`` fixture of tests/store: two fictional articles).
"""

from __future__ import annotations

import csv
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.store.test_store import db  # noqa: F401 (fixtures)

#: Bytes a file may grow to in the limited export: less than the export, more than nothing.
LIMIT = 512
OLD = "previous export: keep me\n"


def _export(url: str, output: Path, *extra: str, limit: int | None = None) -> tuple[int, str]:
    """Run ``wirelens export`` (articles as CSV) in a process of its own; (status, stderr)."""

    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run(
        [
            *(sys.executable, "-m", "wirelens", "export", "--db", url, "--what", "articles"),
            *("--format", "csv", "--output", str(output), *extra),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limited,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    return done.returncode, done.stderr


def _keep_sqlite_side_files(url: str) -> sqlite3.Connection | None:
    """Hold a connection so SQLite's -shm file exists (the limited process must not grow it)."""
    if url.startswith("postgresql"):
        return None
    holder = sqlite3.connect(url)
    holder.execute("SELECT count(*) FROM articles").fetchone()
    return holder


def test_export_is_not_atomic(db: str, tmp_path: Path) -> None:  # noqa: F811
    holder = _keep_sqlite_side_files(db)
    out = tmp_path / "out" / "articles.csv"
    out.parent.mkdir()
    try:
        # a new file that cannot be completed is not left half-written
        status, err = _export(db, out, limit=LIMIT)
        assert status == 2, err
        assert err.strip().splitlines() == [f"wirelens: error: cannot write {out}: File too large"]
        assert list(out.parent.iterdir()) == []

        # an existing file is not replaced without --force, and the error names it
        out.write_text(OLD, encoding="utf-8")
        status, err = _export(db, out)
        assert status == 2
        assert err.strip().splitlines() == [
            f"wirelens: error: {out} already exists; add --force to replace it (left untouched)"
        ]
        assert out.read_text(encoding="utf-8") == OLD

        # --force, but the write fails part-way: the old file is intact, no temporary is left
        status, err = _export(db, out, "--force", limit=LIMIT)
        assert status == 2, err
        assert err.strip().splitlines() == [f"wirelens: error: cannot write {out}: File too large"]
        assert out.read_text(encoding="utf-8") == OLD
        assert [p.name for p in out.parent.iterdir()] == [out.name]

        # --force with room to write: replaced whole
        out.chmod(0o640)
        status, err = _export(db, out, "--force")
        assert (status, err) == (0, "")
        with out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == 2 and all(row["body"] for row in rows)
        assert len(out.read_bytes()) > LIMIT  # so the limited runs did fail part-way
        assert out.stat().st_mode & 0o777 == 0o640
        assert [p.name for p in out.parent.iterdir()] == [out.name]
    finally:
        if holder is not None:
            holder.close()


def test_export_parquet_over_existing_file_needs_force(
    db: str,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "out" / "articles.parquet"
    out.parent.mkdir()
    out.write_text(OLD, encoding="utf-8")
    args = ["export", "--db", db, "--what", "articles", "--format", "parquet", "--output"]
    from wirelens.cli import main

    assert main([*args, str(out)]) == 2
    assert out.read_text(encoding="utf-8") == OLD
    assert main([*args, str(out), "--force"]) == 0
    assert out.read_bytes()[:4] == b"PAR1"
    assert [p.name for p in out.parent.iterdir()] == [out.name]
