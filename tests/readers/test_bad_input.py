"""Each bad input from issue 2 and what it gets: a one-line InputError, data before it intact.

Memory-bound tests use tracemalloc: the peak of Python allocations while refusing a 50 MB or
100 MB input under a 1 MB cap stays within a few MB, i.e. nothing was read whole.
"""

from __future__ import annotations

import gzip
import io
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.readers.builders import PNG_HEADER, gzip_bomb, warc
from wirelens.errors import InputError
from wirelens.readers import read_documents

CAP = 1_000_000
MB = 1 << 20


def _peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def _one_line(exc: pytest.ExceptionInfo[InputError]) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  "])
def test_empty_input(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="empty input") as exc:
        list(read_documents(path))
    assert str(path) in _one_line(exc)


def test_binary_png_named_like_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(PNG_HEADER + b"\x00" * 100)
    with pytest.raises(InputError, match=r"looks binary \(PNG image\)") as exc:
        list(read_documents(path))
    _one_line(exc)


def test_file_over_cap_is_refused_while_streaming(tmp_path: Path) -> None:
    """A 50 MB file (sparse after a text head) under a 1 MB cap: refused, memory bounded."""
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.write(b"BERLIN (dpa) - A fictional story that goes on and on. " * 2000)
        fh.truncate(50 * MB)

    def read() -> None:
        with pytest.raises(InputError, match="larger than max-bytes") as exc:
            list(read_documents(path, max_bytes=CAP))
        _one_line(exc)

    assert _peak(read) < 4 * MB


def test_stdin_over_cap_stops_reading_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """An endless pipe is refused after about the cap: we count the bytes actually pulled."""

    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
            view = memoryview(buffer).cast("B")
            view[:] = b"a" * len(view)
            Endless.served += len(view)
            return len(view)

    stream = io.BufferedReader(Endless())
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(stream))
    with pytest.raises(InputError, match="larger than max-bytes"):
        list(read_documents("-", max_bytes=CAP))
    assert Endless.served < CAP + MB


def test_gzip_bomb_is_refused_after_the_cap_not_after_inflating(tmp_path: Path) -> None:
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip_bomb(100 * MB))
    assert path.stat().st_size < 200_000

    def read() -> None:
        with pytest.raises(InputError, match="larger than max-bytes"):
            list(read_documents(path, max_bytes=CAP))

    assert _peak(read) < 4 * MB


def test_truncated_gzip(tmp_path: Path) -> None:
    data = gzip.compress(("LAGOS (Reuters) - A fictional port reopened. " * 500).encode())
    path = tmp_path / "story.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="gzip data is truncated") as exc:
        list(read_documents(path))
    _one_line(exc)


def test_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "bad.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 64)
    with pytest.raises(InputError, match="gzip"):
        list(read_documents(path))


@pytest.mark.parametrize("compressed", [False, True])
def test_truncated_warc_yields_records_before_the_cut(tmp_path: Path, compressed: bool) -> None:
    data = warc(3, gzip=compressed, extras=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: len(data) - 300])
    docs = []
    with pytest.raises(InputError, match="truncated or corrupt after 2 HTML record") as exc:
        for doc in read_documents(path):
            docs.append(doc)
    _one_line(exc)
    assert [d.url for d in docs] == [
        "https://fjord.example.no/news/0",
        "https://fjord.example.no/news/1",
    ]


def test_warc_cut_inside_a_record_header(tmp_path: Path) -> None:
    data = warc(3, extras=False)
    third = data.index(b"WARC/1.0", data.index(b"WARC/1.0", 10) + 10)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: third + 40])
    docs = []
    with pytest.raises(InputError, match="truncated or corrupt after 2"):
        docs.extend(read_documents(path))
    assert len(docs) == 2


def test_invalid_utf8_is_repaired_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "bad-utf8.txt"
    path.write_bytes("ROME (ANSA) - “Fictional” mayor Lucía Neri spoke.".encode() + b"\xc3\x28\xff")
    [doc] = read_documents(path)
    assert doc.encoding == "utf-8+replace"
    assert "Lucía Neri" in doc.content
    assert "\ufffd" in doc.content


def test_invalid_utf8_in_jsonl_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "fine line"}\n{"text": "bad \xff byte"}\n')
    docs = list(read_documents(path))
    assert [d.content for d in docs] == ["fine line", "bad \ufffd byte"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"{not json}", "line 2: not valid JSON"),
        (b"[1, 2]", "line 2: expected a JSON object"),
        (b'{"title": "no body"}', "line 2: needs a non-empty 'text' or 'html'"),
        (b'{"text": "x", "url": 5}', "line 2: field 'url' must be a string"),
    ],
)
def test_bad_jsonl_line_names_the_line(tmp_path: Path, line: bytes, message: str) -> None:
    path = tmp_path / "records.jsonl"
    path.write_bytes(b'{"text": "good first record"}\n' + line + b"\n")
    docs = []
    with pytest.raises(InputError, match=message):
        docs.extend(read_documents(path))
    assert len(docs) == 1


def test_jsonl_line_over_cap(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(b'{"text": "' + b"a" * 5000 + b'"}\n')
    with pytest.raises(InputError, match="line 1: larger than max-bytes"):
        list(read_documents(path, max_bytes=1000))


BROKEN_FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- FICTIONAL fixture for wirelens tests -->
<rss version="2.0"><channel><title>Broken Gazette</title>
<item><title>Bridge & tunnel plan unveiled</title><link>https://gazette.example.org/a</link>
<description>The fictional transport board unveiled a plan.</description></item>
<item><title>Second story</title><link>https://gazette.example.org/b</link>
<description>A fictional second story.</description></item>
<item><title>Cut off mid-entry"""


def test_broken_feed_xml_keeps_recovered_entries(tmp_path: Path) -> None:
    """Decision: entries the lenient parser recovers with text are returned; the cut one is not."""
    path = tmp_path / "broken.rss"
    path.write_bytes(BROKEN_FEED)
    docs = list(read_documents(path))
    assert [d.title for d in docs] == ["Bridge & tunnel plan unveiled", "Second story"]
    assert docs[0].outlet == "Broken Gazette"


def test_broken_feed_with_nothing_recoverable_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty & bro')
    with pytest.raises(InputError, match="broken feed XML") as exc:
        list(read_documents(path))
    _one_line(exc)
