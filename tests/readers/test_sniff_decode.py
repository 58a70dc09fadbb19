"""Sniffing decides kinds from bytes; decoding detects encodings and repairs mojibake."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.readers.builders import PNG_HEADER, arc, warc
from wirelens.errors import InputError
from wirelens.readers.decode import declared_charset, decode
from wirelens.readers.sniff import sniff

READERS = FIXTURES / "readers"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("wire-story", "text"),
        ("broadsheet.html", "html"),
        ("herald.rss", "feed"),
        ("bulletin.atom", "feed"),
        ("articles.jsonl", "jsonl"),
    ],
)
def test_fixture_kinds_are_sniffed_from_bytes(name: str, kind: str) -> None:
    assert sniff((READERS / name).read_bytes(), name) == kind


def test_archives_are_sniffed_even_with_binary_records() -> None:
    assert sniff(warc(2)[:65536], "x") == "warc"
    assert sniff(arc(1), "x") == "warc"


@pytest.mark.parametrize(
    ("head", "named"),
    [
        (PNG_HEADER, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"plain words\x00then a NUL", "NUL bytes"),
        (bytes(range(1, 32)) * 20, "control characters"),
    ],
)
def test_binary_input_is_refused_with_what_it_looks_like(head: bytes, named: str) -> None:
    with pytest.raises(InputError, match=r"looks binary \(.*" + named):
        sniff(head, "photo.txt")


def test_utf16_html_with_bom_is_not_binary() -> None:
    data = "\ufeff<html><body><p>Fictional text</p></body></html>".encode("utf-16-le")
    assert sniff(data, "page") == "html"


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(InputError, match="empty input"):
        sniff(b" \n\t\n", "blank.txt")


def test_xml_that_is_not_a_feed_is_refused() -> None:
    with pytest.raises(InputError, match="neither a feed nor an HTML page"):
        sniff(b'<?xml version="1.0"?><urlset><url/></urlset>', "sitemap.xml")


def test_utf8_is_read_as_utf8_even_when_declared_latin1() -> None:
    data = "Zürich mayor said “no”".encode()
    text, encoding = decode(data, "iso-8859-1")
    assert (text, encoding) == ("Zürich mayor said “no”", "utf-8")


def test_declared_legacy_charset_is_used_when_bytes_are_not_utf8() -> None:
    data = '<meta charset="iso-8859-1"><p>Caf\xe9 owner said</p>'.encode("latin-1")
    assert declared_charset(data) == "iso-8859-1"
    text, encoding = decode(data, declared_charset(data))
    assert "Café owner" in text
    assert encoding == "cp1252"


def test_undeclared_legacy_text_is_detected() -> None:
    data = ("Le maire de la ville fictive a déclaré: « Nous étudierons le dossier ». " * 5).encode(
        "cp1252"
    )
    text, _ = decode(data)
    assert "déclaré" in text


def test_invalid_utf8_bytes_become_replacement_characters() -> None:
    """Decision: mostly-valid UTF-8 stays UTF-8, each bad byte becomes U+FFFD (tested)."""
    data = "Minister Ana Lópes said “we will act”.".encode() + b" \xff\xfe broken " + "é".encode()
    text, encoding = decode(data)
    assert encoding == "utf-8+replace"
    assert "Ana Lópes said “we will act”." in text
    assert "\ufffd" in text


def test_bom_wins() -> None:
    text, encoding = decode("\ufeffHello".encode("utf-16"))
    assert text == "Hello"
    assert encoding.startswith("utf-16")


def test_mojibake_is_repaired_but_curly_quotes_kept() -> None:
    broken = "The mayor said â€œwe will not yieldâ€\x9d on Tuesday".encode()
    text, _ = decode(broken)
    assert text == "The mayor said “we will not yield” on Tuesday"


def test_html_entities_are_not_unescaped_by_repair() -> None:
    text, _ = decode("<p>Fish &amp; chips — “quoted”</p>".encode())
    assert "&amp;" in text
