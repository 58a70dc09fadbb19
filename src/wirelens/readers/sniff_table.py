"""Data for the sniffer: magic numbers of binary formats and markers of text formats.

Kept as plain tables so a new format is one line, not a new branch in :mod:`sniff`.
"""

from __future__ import annotations

__all__ = ["BINARY_MAGIC", "FEED_ROOTS", "HTML_MARKERS", "XML_HTML_ROOTS"]

#: (offset, magic bytes, human name) of formats that are never news text or markup.
BINARY_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"\x00\x00\x01\x00", "ICO image"),
    (8, b"WEBP", "WebP image"),
    (4, b"ftypavif", "AVIF image"),
    (4, b"ftypheic", "HEIC image"),
    (4, b"ftyp", "MP4/QuickTime video"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive (or DOCX/EPUB/ODT)"),
    (0, b"PK\x05\x06", "ZIP archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"BZh", "bzip2 data"),
    (0, b"\xfd7zXZ\x00", "xz data"),
    (0, b"\x28\xb5\x2f\xfd", "Zstandard data"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office (OLE) document"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (0, b"\x7fELF", "ELF executable"),
    (0, b"MZ", "Windows executable"),
    (0, b"OggS", "Ogg audio/video"),
    (0, b"ID3", "MP3 audio"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (0, b"wOFF", "WOFF font"),
    (0, b"wOF2", "WOFF2 font"),
    (0, b"PAR1", "Parquet file"),
)

#: Root elements (lower-cased, without ``<``) that make an XML document a feed.
FEED_ROOTS: tuple[str, ...] = ("rss", "feed", "rdf:rdf", "channel")

#: Root elements of XML documents that are really (X)HTML pages.
XML_HTML_ROOTS: tuple[str, ...] = ("html",)

#: Lower-cased byte markers whose presence near the start makes a document HTML.
HTML_MARKERS: tuple[bytes, ...] = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta ",
    b"<title>",
    b"<article",
    b"<div",
    b"<p>",
    b"<p ",
)
