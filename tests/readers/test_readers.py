"""Every reader on small fictional fixtures: text, HTML, feeds, JSONL, WARC/ARC, folders, stdin."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.readers.builders import PNG_HEADER, arc, warc
from wirelens.errors import InputError, WirelensError
from wirelens.model import Document
from wirelens.readers import ReadWarning, read_documents

READERS = FIXTURES / "readers"


def test_scraped_text_file_without_extension() -> None:
    [doc] = read_documents(READERS / "wire-story")
    assert doc.kind == "text"
    assert doc.content.startswith("LISBON, Nov 4 (Reuters) - ")
    assert doc.source == str(READERS / "wire-story")
    assert doc.encoding == "utf-8"


def test_html_full_of_scripts_and_iframes_reads_fine() -> None:
    """Reading keeps the markup (clean/ removes scripts); it must not choke on them."""
    [doc] = read_documents(READERS / "broadsheet.html")
    assert doc.kind == "html"
    assert "<script>" in doc.content
    assert "“overdue by a decade”" in doc.content


def test_rss_entries_with_full_content_or_summary() -> None:
    first, second = read_documents(READERS / "herald.rss")
    assert first.title == "Council delays tram vote"
    assert first.url == "https://herald.example.org/2025/11/tram-vote"
    assert first.published == "2025-11-04T10:00:00Z"
    assert first.authors == ("Pavel Novak",)
    assert first.outlet == "The Example Herald"
    assert first.kind == "html"
    assert "another month" in first.content  # content:encoded, not the description
    assert first.source.endswith("herald.rss#entry=1")
    assert second.content.startswith("Dock workers at the fictional port")  # summary only
    assert second.url == "https://herald.example.org/2025/11/port-strike"
    assert second.published == "2025-11-05T06:15:00Z"
    assert second.authors == ("Lena Hoffmann",)
    assert second.kind == "text"


def test_atom_entry_uses_content_over_summary() -> None:
    [doc] = read_documents(READERS / "bulletin.atom")
    assert doc.title == "Dam inspection finds no cracks"
    assert "Llyn Garw dam" in doc.content
    assert doc.published == "2025-11-06T08:00:00Z"
    assert doc.authors == ("Owen Price",)
    assert doc.url == "https://bulletin.example.com/dam-inspection"


def test_jsonl_text_and_html_records() -> None:
    first, second = read_documents(READERS / "articles.jsonl")
    assert (first.kind, first.title) == ("text", "Mvua Labs raises funds")
    assert first.outlet == "Example Wire"
    assert first.url == "https://example.net/mvua"
    assert first.published == "2025-11-07"
    assert first.source.endswith("articles.jsonl#line=1")
    assert second.kind == "html"
    assert second.authors == ("Rosa Quintero",)
    assert second.source.endswith("#line=3")  # blank line 2 skipped, numbering kept


@pytest.mark.parametrize("compressed", [False, True])
def test_warc_yields_html_responses_only(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / "crawl.bin"
    path.write_bytes(warc(3, gzip=compressed))
    docs = list(read_documents(path))
    assert [d.url for d in docs] == [f"https://fjord.example.no/news/{n}" for n in range(3)]
    assert all(d.kind == "html" and d.fetched for d in docs)
    assert "session 1" in docs[1].content
    assert docs[0].published is None  # a crawl date is not a publication date


def test_arc_file() -> None:
    docs = list(read_documents(arc(2)))
    assert [d.url for d in docs] == [
        "https://fjord.example.no/arc/0",
        "https://fjord.example.no/arc/1",
    ]
    assert docs[0].fetched == "2025-11-04T10:00:00Z"


def test_gzipped_text_is_sniffed_inside(tmp_path: Path) -> None:
    path = tmp_path / "story.dat"
    path.write_bytes(gzip.compress((READERS / "broadsheet.html").read_bytes()))
    [doc] = read_documents(path)
    assert doc.kind == "html"


def test_str_with_newline_is_article_text() -> None:
    [doc] = read_documents("PARIS (AFP) - A fictional mayor said.\nSecond line.")
    assert (doc.kind, doc.source) == ("text", "<text>")


def test_single_line_str_that_is_no_path_is_an_error() -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_documents("does-not-exist.txt"))


def test_unsupported_scheme() -> None:
    with pytest.raises(InputError, match="unsupported URL scheme 'ftp'"):
        list(read_documents("ftp://example.org/news.txt"))


def test_document_passes_through() -> None:
    doc = Document(content="x", kind="text", source="mine")
    assert list(read_documents(doc)) == [doc]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (READERS / "wire-story").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [doc] = read_documents("-")
    assert doc.source == "<stdin>"
    assert doc.content.startswith("LISBON")


def _mixed_folder(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a.txt").write_bytes((READERS / "broadsheet.html").read_bytes())  # html named .txt
    (root / "b" / "feed.dat").write_bytes((READERS / "herald.rss").read_bytes())
    (root / "b" / "photo.txt").write_bytes(PNG_HEADER)
    (root / "c.gz").write_bytes(gzip.compress((READERS / "wire-story").read_bytes()))
    (root / "d-empty.txt").write_bytes(b"")
    (root / ".hidden").write_bytes(PNG_HEADER)


def test_directory_sniffs_each_file_and_reports_bad_ones(tmp_path: Path) -> None:
    _mixed_folder(tmp_path)
    errors: list[tuple[str, WirelensError]] = []
    docs = list(read_documents(tmp_path, on_error=lambda n, e: errors.append((n, e))))
    assert [d.kind for d in docs] == ["html", "html", "text", "text"]  # a.txt, feed x2, c.gz
    assert docs[0].source.endswith("a.txt")
    assert docs[3].content.startswith("LISBON")
    reported = {Path(n).name: str(e) for n, e in errors}
    assert set(reported) == {"photo.txt", "d-empty.txt"}  # .hidden skipped
    assert "looks binary (PNG image)" in reported["photo.txt"]
    assert "empty input" in reported["d-empty.txt"]


def test_directory_without_callback_warns(tmp_path: Path) -> None:
    _mixed_folder(tmp_path)
    with pytest.warns(ReadWarning) as caught:
        docs = list(read_documents(tmp_path))
    assert len(docs) == 4
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 2
    assert "looks binary (PNG image)" in messages[0]
    assert "d-empty.txt: empty input" in messages[1]


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no files"):
        list(read_documents(tmp_path))


def test_several_sources_with_callback_continue(tmp_path: Path) -> None:
    errors: list[str] = []
    sources = [READERS / "wire-story", "missing-file", READERS / "bulletin.atom"]
    docs = list(read_documents(sources, on_error=lambda n, e: errors.append(n)))
    assert len(docs) == 2
    assert errors == ["missing-file"]


def test_several_sources_without_callback_raise() -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_documents([READERS / "wire-story", "missing-file"]))


def test_options_are_validated_before_reading() -> None:
    with pytest.raises(WirelensError, match="unknown setting"):
        read_documents(READERS / "wire-story", no_such_option=1)


def test_utf16_file_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "page"
    path.write_bytes("<html><body><p>Fictional “quoted” café</p></body></html>".encode("utf-16"))
    [doc] = read_documents(path)
    assert doc.kind == "html"
    assert "“quoted” café" in doc.content


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dump.gz"
    path.write_bytes(gzip.compress((READERS / "articles.jsonl").read_bytes()))
    assert [d.title for d in read_documents(path)] == [
        "Mvua Labs raises funds",
        "Andes Rail resumes trains",
    ]


def test_warc_record_over_cap_names_the_record(tmp_path: Path) -> None:
    """Each page over the cap is reported with its record number and URL; none stops the rest."""
    path = tmp_path / "big.warc"
    path.write_bytes(warc(2, extras=False))
    errors: list[str] = []
    docs = list(read_documents(path, max_bytes=500, on_error=lambda _, e: errors.append(str(e))))
    assert docs == []
    assert [e.split(": HTML payload larger than max-bytes (500 bytes)")[0] for e in errors] == [
        f"{path}, record 1: https://fjord.example.no/news/0",
        f"{path}, record 2: https://fjord.example.no/news/1",
    ]


def test_max_bytes_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRELENS_MAX_BYTES", "100")
    with pytest.raises(InputError, match=r"larger than max-bytes \(100 bytes\)"):
        list(read_documents(READERS / "wire-story"))
