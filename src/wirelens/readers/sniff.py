"""Decide what an input is from its first bytes, never from its file name.

Scraped news arrives with wrong or missing extensions (``.html`` that is a feed, ``.txt`` that
is a PNG, ``.gz`` with no hint of what is inside), so every reader is chosen by sniffing. The
sniffer also refuses binary input early, naming what it looks like, so a user who pointed at
the wrong folder gets "looks binary (PNG image)" rather than mojibake.
"""

from __future__ import annotations

import re
from typing import Literal

from wirelens.errors import InputError
from wirelens.readers.decode import bomless_utf16
from wirelens.readers.sniff_table import (
    BINARY_MAGIC,
    FEED_ROOTS,
    HTML_MARKERS,
    XML_HTML_ROOTS,
)

__all__ = ["Kind", "binary_kind", "is_gzip", "sniff"]

Kind = Literal["warc", "feed", "html", "jsonl", "text"]

#: Control bytes that plain text may contain; any other byte below 0x20 counts as binary.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_CONTROL_RATIO = 0.05
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SKIP_PROLOG = re.compile(rb"\s*(?:<!--.*?-->|<\?.*?\?>|<!doctype(?!\s+html)[^>]*>)", re.S | re.I)
_ROOT = re.compile(rb"<([a-zA-Z][\w:.-]*)")


def is_gzip(head: bytes) -> bool:
    """True when the bytes start with the gzip magic number."""
    return head.startswith(b"\x1f\x8b")


def _utf16_text(head: bytes) -> str | None:
    """Decode a UTF-16/32 head (with a BOM, or UTF-16 without one) to sniff it like ASCII."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            usable = head[len(bom) :]
            unit = 4 if "32" in codec else 2
            usable = usable[: len(usable) - len(usable) % unit]
            return usable.decode(codec, errors="replace")
    wide = bomless_utf16(head)
    if wide is not None:
        return head[: len(head) - len(head) % 2].decode(wide, errors="replace")
    return None


def binary_kind(head: bytes) -> str | None:
    """Name the binary format ``head`` looks like, or None when it may be text."""
    for offset, magic, name in BINARY_MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return name
    if _utf16_text(head) is not None:
        return None
    if b"\x00" in head:
        return "contains NUL bytes"
    sample = head[:8192]
    if sample:
        controls = sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS)
        if controls / len(sample) > _CONTROL_RATIO:
            return "many control characters"
    return None


def _ascii_head(head: bytes) -> bytes:
    """The head as bytes a regex can scan: BOM removed, UTF-16/32 re-encoded."""
    wide = _utf16_text(head)
    if wide is not None:
        return wide.encode("utf-8", errors="replace")
    for bom in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :]
    return head


def _root_element(head: bytes) -> str | None:
    pos = 0
    while True:
        match = _SKIP_PROLOG.match(head, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
    rest = head[pos:].lstrip()
    root = _ROOT.match(rest)
    return root.group(1).decode("ascii", errors="replace").lower() if root else None


def sniff(head: bytes, name: str) -> Kind:
    """Classify an input from its first bytes (already decompressed if it was gzip).

    Raises :class:`InputError` for empty or binary input.
    """
    if head.lstrip().startswith((b"WARC/", b"filedesc://")):
        return "warc"  # archives may hold images: check before the binary test
    what = binary_kind(head)
    if what is not None:
        raise InputError(f"{name}: looks binary ({what}), not news text or markup")
    data = _ascii_head(head)
    stripped = data.lstrip()
    if not stripped:
        raise InputError(f"{name}: empty input (nothing but whitespace)")
    if stripped.startswith(b"<?xml"):
        root = _root_element(stripped)
        if root not in FEED_ROOTS and root not in XML_HTML_ROOTS:
            raise InputError(
                f"{name}: XML document with root <{root}> is neither a feed nor an HTML page"
            )
    if stripped.startswith(b"<"):
        root = _root_element(stripped)
        if root in FEED_ROOTS:
            return "feed"
        if root in XML_HTML_ROOTS:
            return "html"
    lowered = data[:16384].lower()
    if stripped.startswith(b"<") and any(m in lowered for m in HTML_MARKERS):
        return "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    if any(m in lowered for m in HTML_MARKERS[:4]):
        return "html"
    return "text"
