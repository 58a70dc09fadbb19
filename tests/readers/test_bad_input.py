"""Each bad input from issue 2 and what it gets: a one-line InputError, data before it intact.

Memory-bound tests use tracemalloc: the peak of Python allocations while refusing a 50 MB or
100 MB input under a 1 MB cap stays within a few MB, i.e. nothing was read whole.
"""

from __future__ import annotations

import gzip
import io
import os
import random
import re
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.readers.builders import PNG_HEADER, big_middle_warc, gzip_bomb, warc
from wirelens.errors import FetchError, InputError, RecordError, WirelensError
from wirelens.readers import read_documents, read_text

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


class _Errors(list[tuple[str, WirelensError]]):
    """An ``on_error`` handler that keeps what it is told."""

    def __call__(self, name: str, error: WirelensError) -> None:
        self.append((name, error))


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
    """A bad line is reported (a RecordError naming it) and skipped; the good ones are read."""
    path = tmp_path / "records.jsonl"
    path.write_bytes(b'{"text": "good first record"}\n' + line + b'\n{"text": "good third"}\n')
    errors = _Errors()
    docs = list(read_documents(path, on_error=errors))
    assert [d.content for d in docs] == ["good first record", "good third"]
    [(name, error)] = errors
    assert name == str(path) and isinstance(error, RecordError)
    assert error.position == "line 2" and re.search(message, str(error))
    assert "\n" not in str(error)


def test_jsonl_line_over_cap(tmp_path: Path) -> None:
    """An over-long line is skipped without being held; the next line is still read."""
    path = tmp_path / "long.jsonl"
    path.write_bytes(b'{"text": "' + b"a" * 5000 + b'"}\n{"text": "short one"}\n')
    errors = _Errors()
    docs = list(read_documents(path, max_bytes=1000, on_error=errors))
    assert [d.content for d in docs] == ["short one"]
    assert [str(e) for _, e in errors] == [
        f"{path}, line 1: larger than max-bytes (1,000 bytes); raise it with --max-bytes "
        "or WIRELENS_MAX_BYTES if the input is trusted"
    ]


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


# --- issue 13: each test is named after its defect and says what the bad input gets ---------


def test_warc_video_record_over_the_cap_does_not_stop_the_archive(tmp_path: Path) -> None:
    """HTML, a 25 MB video, HTML under the default 20 MB cap: before, the video's size stopped
    the archive (the third record lost); now the video is skipped by its content type without
    being read, and both pages come out."""
    path = tmp_path / "crawl.warc"
    path.write_bytes(big_middle_warc(25 * MB))
    errors = _Errors()
    docs: list[object] = []
    peak = _peak(lambda: docs.extend(read_documents(path, on_error=errors)))
    assert [d.url for d in docs] == [  # type: ignore[attr-defined]
        "https://fjord.example.no/news/0",
        "https://fjord.example.no/news/2",
    ]
    assert errors == [] and peak < 4 * MB  # the video's payload was never held


def test_warc_html_record_over_the_cap_is_reported_and_the_archive_goes_on(
    tmp_path: Path,
) -> None:
    """An HTML record over max-bytes between two good ones gets one RecordError naming its
    record number and URL; the records after it are still read."""
    path = tmp_path / "crawl.warc"
    path.write_bytes(big_middle_warc(300_000, ctype="text/html"))
    errors = _Errors()
    docs = list(read_documents(path, max_bytes=100_000, on_error=errors))
    assert [d.url for d in docs] == [
        "https://fjord.example.no/news/0",
        "https://fjord.example.no/news/2",
    ]
    [(_, error)] = errors
    assert isinstance(error, RecordError) and error.position == "record 2"
    assert str(error).startswith(
        f"{path}, record 2: https://fjord.example.no/news/1: HTML payload larger than max-bytes"
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://999.1.1.1/",
        "http://0177.0.0.1/",
        "http://[::1/",
        "http://１２７.0.0.1/",
        "http://news.example:99999/",
    ],
)
def test_malformed_url_is_one_line_and_other_sources_are_read(tmp_path: Path, url: str) -> None:
    """Before, each raised a ValueError/httpx.InvalidURL traceback and the sources after it were
    never read; now each is a one-line FetchError "URL: malformed URL (...)" and b.txt is read.
    No packet is sent: the URL is refused before any connection."""
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Story A\n\nThe fictional council met on Monday.\n", encoding="utf-8")
    b.write_text("Story B\n\nThe fictional harbour reopened on Tuesday.\n", encoding="utf-8")
    errors = _Errors()
    docs = list(read_documents([str(a), url, str(b)], on_error=errors))
    assert [d.source for d in docs] == [str(a), str(b)]
    [(name, error)] = errors
    assert name == url and isinstance(error, FetchError)
    assert str(error).startswith(f"{url}: malformed URL (") and "\n" not in str(error)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_as_text(tmp_path: Path, codec: str) -> None:
    """Before: "looks binary (contains NUL bytes)"; now detected and decoded like UTF-16 with a
    BOM, curly quotes and accents intact."""
    text = (
        "Fictional harbour story\n\nThe harbour master, Zoë Brandt, said the quay was "
        "“safe again” on Monday. — The council will vote in spring.\n"
    )
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(codec))
    [doc] = read_documents(path)
    assert doc.content == text and doc.encoding == codec


def test_binary_with_scattered_nuls_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError, match="looks binary"):
        list(read_documents(path))


def test_warc_truncated_at_100_bytes_is_a_clear_line(tmp_path: Path) -> None:
    """Before: "not a readable WARC/ARC archive ('DecompressingBufferedReader' object has no
    attribute 'limit')"; now the truncation message, on one line, with no internal name."""
    path = tmp_path / "cut.warc"
    path.write_bytes(warc(2)[:100])
    with pytest.raises(InputError) as exc:
        list(read_documents(path))
    assert _one_line(exc) == (
        f"{path}: archive is truncated or corrupt after 0 HTML record(s); the records before "
        "were read, re-download the file for the rest"
    )


def test_large_text_memory_is_bounded_by_pieces(tmp_path: Path) -> None:
    """A text many times ``text-piece-chars`` is read as pieces cut at paragraph breaks: every
    character is kept, no piece is over the limit, and the reader never holds the whole text
    (before: one Document of the whole file, and about 20x its size to clean it)."""
    para = 'OSLO (NTB) - The fictional council met. "We go on," its chair said.\n\n'
    text = "Fictional long dump\n\n" + para * 30_000  # about 2.1 MB
    path = tmp_path / "dump.txt"
    path.write_text(text, encoding="utf-8")
    sizes: list[int] = []
    pieces: list[str] = []

    def read() -> None:
        for doc in read_documents(path, text_piece_chars=100_000):
            sizes.append(len(doc.content))
            if len(pieces) < 2:
                pieces.append(doc.content)

    peak = _peak(read)
    assert sum(sizes) == len(text) and max(sizes) <= 100_000 and len(sizes) > 20
    assert pieces[0].startswith("Fictional long dump") and pieces[1].startswith("OSLO (NTB)")
    assert peak < 1 * MB  # a few pieces, never the 2.1 MB text


def test_text_under_the_piece_limit_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Story\n\n" + "A fictional paragraph.\n\n" * 100, encoding="utf-8")
    [doc] = read_documents(path, text_piece_chars=100_000)
    assert doc.source == str(path)


# --- found by fuzzing the readers (mutated fixtures; session 11) -------------------------------


def _feed_with(title: str, namespace: str = "") -> bytes:
    """A fictional two-item RSS feed whose first item's title is ``title`` (raw XML)."""
    extra = f'<x:note xmlns:x="{namespace}">a note</x:note>' if namespace else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!-- FICTIONAL fixture for wirelens tests -->\n'
        '<rss version="2.0"><channel><title>Fjord Gazette</title>'
        f"<item><title>{title}</title>{extra}<link>https://fjord.example.no/a</link>"
        "<description>The fictional ferry board met on Monday.</description></item>"
        "<item><title>Second story</title><link>https://fjord.example.no/b</link>"
        "<description>The fictional harbour reopened.</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("ref", ["&#x110000;", "&#xD800;", "&#99999999999999999999;", "&#1114112"])
def test_feed_charref_to_no_character_becomes_a_replacement_character(ref: str) -> None:
    """Before, feedparser's lenient parser raised ValueError (chr() out of range),
    OverflowError or UnicodeEncodeError (a surrogate) and the whole feed was lost; now the
    reference reads as U+FFFD and both items are kept."""
    docs = list(read_documents(_feed_with(f"Ferry fares {ref} rise")))
    assert [d.title for d in docs] == ["Ferry fares \ufffd rise", "Second story"]


def test_feed_namespace_uri_with_unicode_spaces_is_read() -> None:
    """A namespace URI with two no-break spaces (a byte order mark decoded as cp1125, from a
    damaged file) made feedparser's strict parser raise ValueError (too many values to unpack):
    expat hands it "uri name" and Python splits on every Unicode space. Now both items read."""
    docs = list(read_documents(_feed_with("Ferry fares rise", "urn:a\xa0b\xa0c")))
    assert [d.title for d in docs] == ["Ferry fares rise", "Second story"]


def test_source_name_over_the_system_limit_is_one_line(tmp_path: Path) -> None:
    """Before, a name over NAME_MAX (a pasted headline taken for a path) raised OSError
    (ENAMETOOLONG) from Path.is_dir and stopped the sources after it; now it is an InputError
    and the next file is read."""
    story = tmp_path / "story.txt"
    story.write_text("Story\n\nThe fictional council met on Monday.\n", encoding="utf-8")
    errors = _Errors()
    docs = list(read_documents(["x" * 300, str(story)], on_error=errors))
    assert [d.source for d in docs] == [str(story)]
    [(name, error)] = errors
    assert name == "x" * 300
    assert isinstance(error, InputError) and "cannot open" in str(error)
    with pytest.raises(InputError, match="cannot open") as exc:
        list(read_documents("x" * 300))
    _one_line(exc)


@pytest.mark.parametrize("bad", ["\udcff", "\ud800"])
def test_article_text_with_a_lone_surrogate_is_read(bad: str) -> None:
    """Before, text holding a lone surrogate (``\\udcff`` is how Python hands over a
    non-UTF-8 byte of a command-line argument: ``wirelens read $'...\\xff...'``) raised
    UnicodeEncodeError; now it is read, the byte given back (or "?") and decoded as usual."""
    text = f"Pier {bad} opens\n\nThe fictional pier opened on Friday, its owner said.\n"
    for docs in (list(read_documents(text)), list(read_text(text))):
        [doc] = docs
        assert doc.content.startswith("Pier ") and "opened on Friday" in doc.content
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in doc.content)


def test_folder_that_cannot_be_listed_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    """Before, one sub-folder that could not be listed (here its path is over PATH_MAX; also
    no permission, or removed meanwhile) raised InputError out of the whole walk: z.txt,
    sorted after it, was never read. Now it is reported and the walk goes on."""
    for name, story in (("a.txt", "The council met."), ("z.txt", "The harbour reopened.")):
        (tmp_path / name).write_text(f"Story\n\nThe fictional {story}\n", encoding="utf-8")
    (tmp_path / "m").mkdir()
    fd = os.open(tmp_path / "m", os.O_RDONLY)
    for _ in range(20):  # 20 levels of 250 characters: built relative to a folder handle
        os.mkdir("d" * 250, dir_fd=fd)
        fd, old = os.open("d" * 250, os.O_RDONLY, dir_fd=fd), fd
        os.close(old)
    os.close(fd)
    errors = _Errors()
    docs = list(read_documents(tmp_path, on_error=errors))
    assert [Path(d.source).name for d in docs] == ["a.txt", "z.txt"]
    [(name, error)] = errors
    assert name.startswith(str(tmp_path / "m"))
    assert isinstance(error, InputError) and "cannot list folder" in str(error)


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_source_name_is_an_error_not_the_working_folder(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, ``wirelens read ""`` (an unset shell variable) read Path(""), the working
    folder, every file in it; now it is a one-line InputError."""
    (tmp_path / "a.txt").write_text("Story\n\nThe fictional council met.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="empty source name") as exc:
        list(read_documents(name))
    _one_line(exc)


_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_SPLICES = [
    b"&#x110000;",
    b"&#xD800;",
    b"\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<![CDATA[",
    b"]]>",
    b"<item>",
    b"</entry>",
    b'xmlns:x="a\xc2\xa0b\xc2\xa0c"',
    b'<meta charset="bogus-99">',
    b"Content-Length: 99999\r\n",
    b'{"text": 5, "title": ["x"], "published": {}}\n',
    b"\x1f\x8b",
]


def _mutant(rng: random.Random, data: bytes) -> bytes:
    """``data`` with a few random byte flips, cuts, splices of known troublemakers and gzip."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        roll = rng.random()
        if roll < 0.3 and out:
            for _ in range(rng.randint(1, 8)):
                out[rng.randrange(len(out))] = rng.randrange(256)
        elif roll < 0.5:
            out = out[:at]
        elif roll < 0.9:
            out[at:at] = rng.choice(_SPLICES)
        else:
            out = bytearray(gzip.compress(bytes(out)))[: rng.randint(10, len(out) + 40)]
    return bytes(out)


def test_mutated_fixtures_never_raise_anything_but_wirelens_errors() -> None:
    """Seeded fuzz (the search that found the three defects above): 150 mutants of the reader
    fixtures and a WARC, read together; every failure is a WirelensError, raised or reported,
    one line each, and reading goes on."""
    inputs = [p.read_bytes() for p in sorted((_FIXTURES / "readers").iterdir()) if p.is_file()]
    inputs += [
        (_FIXTURES / "articles" / name).read_bytes()
        for name in ("atom-lakeside-observer.xml", "rss-coastline-courier.xml")
    ]
    inputs.append(warc(2))
    rng = random.Random(11)
    read = failed = 0
    for _ in range(150):
        errors = _Errors()
        try:
            read += sum(
                1 for _ in read_documents([_mutant(rng, rng.choice(inputs))], on_error=errors)
            )
        except WirelensError as exc:  # a single source raises; anything else fails the test
            errors.append(("<bytes>", exc))
        for _, error in errors:
            assert isinstance(error, WirelensError) and "\n" not in str(error)
        failed += len(errors)
    assert read > 100 and failed > 0  # the mutants are neither all fine nor all refused
