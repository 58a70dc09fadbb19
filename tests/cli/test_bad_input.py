"""Issue 13 at the command line: one line per bad input, every other source read, quiet pipes.

Each test is named after the defect it pins and says what the bad input gets. The articles and
the feed are fictional, written here. Subprocess tests run ``python -m wirelens`` so that stderr
and stdout are real pipes, as in a shell.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from wirelens.cli import main

BAD_URLS = ["http://999.1.1.1/", "http://0177.0.0.1/", "http://[::1/", "http://１２７.0.0.1/"]


def _story(path: Path, title: str) -> str:
    path.write_text(
        f"{title}\n\nThe fictional Fjord Council met on Monday, its chair, Eirik Solberg, said.\n",
        encoding="utf-8",
    )
    return str(path)


def _wirelens(*args: str, stdout: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m wirelens ARGS`` with this checkout's code, stderr captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "wirelens", *args],
        check=False,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        timeout=120,
    )


def test_read_reads_every_source_around_malformed_urls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`read a.txt BAD... b.txt`: before, a traceback at the first bad URL and b.txt never read;
    now one warning line per bad URL, both files read, exit 1."""
    a, b = _story(tmp_path / "a.txt", "Story A"), _story(tmp_path / "b.txt", "Story B")
    assert main(["read", a, *BAD_URLS, b, "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["source"] for line in out.splitlines()] == [a, b]
    lines = err.splitlines()
    assert [line.split(": malformed URL")[0] for line in lines[:-1]] == [
        f"wirelens: warning: {url}" for url in BAD_URLS
    ]
    assert lines[-1] == "wirelens: warning: 4 input(s) could not be read; 2 article(s) read"


def test_single_malformed_url_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", "http://[::1/"]) == 2
    assert capsys.readouterr().err == (
        "wirelens: error: http://[::1/: malformed URL (Invalid IPv6 URL); check it\n"
    )


FEED = """<?xml version="1.0" encoding="utf-8"?>
<!-- FICTIONAL fixture for wirelens tests -->
<rss version="2.0"><channel><title>Fjord Herald</title>
<item><title>Link with a bad address</title><link>http://999.1.1.1/ferry</link>
<description>A fictional summary only.</description></item>
<item><title>Full story</title><link>https://herald.example.no/full</link>
<description>Summary.</description>
<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[
<p>OSLO (NTB) - The fictional Fjord Council approved night ferries on Monday, its chair,
Eirik Solberg, said.</p>]]></content:encoded></item>
</channel></rss>
"""


def test_feed_with_a_malformed_link_and_follow_links_does_not_abort(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, the entry's malformed <link> raised httpx.InvalidURL and aborted the run; now the
    entry gets one warning line and the other entry is read, exit 1."""
    feed = tmp_path / "herald.rss"
    feed.write_text(FEED, encoding="utf-8")
    assert main(["read", str(feed), "--follow-links", "--format", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert [json.loads(line)["title"] for line in out.splitlines()] == ["Full story"]
    lines = err.splitlines()
    assert lines[0].startswith(
        f"wirelens: warning: {feed}#entry=1 (http://999.1.1.1/ferry): http://999.1.1.1/ferry: "
        "malformed URL"
    )
    assert len(lines) == 2


def test_ingest_error_is_not_preceded_by_a_progress_line(tmp_path: Path) -> None:
    """A single source that fails during ingest (an archive cut inside its first record):
    before, stderr held the last progress line and then the error (2 lines); now exactly the
    one error line, exit 2."""
    archive = tmp_path / "cut.warc"
    archive.write_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Record-ID: <urn:uuid:1>\r\nWA")
    done = _wirelens("ingest", str(archive), "--workers", "1", "--db", str(tmp_path / "c.db"))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"wirelens: error: {archive}: archive is truncated or corrupt after 0 HTML record(s); "
        "the records before were read, re-download the file for the rest"
    ]


def test_export_to_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """`export | head` where the reader has gone: before, "wirelens: error: cannot write None:
    Broken pipe" and exit 2; now nothing on stderr (exit status 1, as click gives for EPIPE)."""
    db = str(tmp_path / "c.db")
    source = tmp_path / "items.jsonl"
    source.write_text(
        "\n".join(
            json.dumps(
                {
                    "text": f"Item {i}\n\nThe fictional council approved item {i}, "
                    f"its chair, Eirik Solberg, said."
                }
            )
            for i in range(3)
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(source), "--db", db, "--workers", "1"]) == 0
    for fmt in ("csv", "jsonl"):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone before the first write
        try:
            done = _wirelens(
                "export", "--db", db, "--what", "articles", "--format", fmt, stdout=write_end
            )
        finally:
            os.close(write_end)
        assert (done.returncode, done.stderr) == (1, "")
