"""Bytes to text: detect the encoding, then repair mojibake.

Order of evidence, strongest first: a byte-order mark; the NUL pattern of UTF-16 without a
BOM (what some Windows tools write); valid UTF-8 (a legacy encoding almost
never produces valid multi-byte UTF-8 by chance, and servers often *declare* ISO-8859-1 for
UTF-8 pages); UTF-8 with a few corrupt bytes (kept as UTF-8, each bad byte becomes U+FFFD, so
one stray byte does not turn a whole article into mojibake); the declared charset (HTTP header,
``<meta charset>``, XML declaration); charset-normalizer's guess. Then ftfy repairs text that was
already mojibake before it reached us (``â€œ`` -> ``“``), with the options that change meaning
(uncurling quotes, unescaping HTML, width folding) switched off: quotes are what wirelens is for.
"""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

__all__ = ["bomless_utf16", "declared_charset", "decode", "repair"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_ENCODING = re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
#: Corrupt UTF-8 stays UTF-8 when its invalid bytes are at most this many per valid
#: multi-byte character (legacy 8-bit text has almost no valid multi-byte sequences).
_MAX_BAD_SHARE = 1.0
_FIXER = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    normalization=None,
    explain=False,
)


def _codec(label: str | None) -> str | None:
    """Normalise a charset label to a Python codec name; unknown labels count as absent."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    # WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252.
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def declared_charset(head: bytes, content_type: str | None = None) -> str | None:
    """The charset an HTTP ``Content-Type`` or the document itself declares, if any."""
    if content_type:
        match = _HTTP_CHARSET.search(content_type)
        if match:
            return match.group(1)
    found = _XML_ENCODING.search(head[:1024]) or _META_CHARSET.search(head[:16384])
    return found.group(1).decode("ascii", errors="replace") if found else None


#: BOM-less UTF-16: at least this share of the high bytes is NUL (Latin text, a few curly
#: quotes or dashes) and at most ``_UTF16_LOW_NULS`` of the low bytes.
_UTF16_HIGH_NULS = 0.8
_UTF16_LOW_NULS = 0.02


def bomless_utf16(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``head`` looks like UTF-16 written without a BOM.

    Text in a Latin script stored as UTF-16 has a NUL in (nearly) every high byte and almost
    never in a low byte; binary data has NULs scattered over both. Text in other scripts has
    few NULs and is not recognised here (charset detection may still read it).
    """
    sample = head[:8192]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= _UTF16_HIGH_NULS and nul_even <= _UTF16_LOW_NULS:
        return "utf-16-le"
    if nul_even >= _UTF16_HIGH_NULS and nul_odd <= _UTF16_LOW_NULS:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """Decode corrupt UTF-8 with replacement when it is clearly UTF-8 with a few bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good and bad <= good * _MAX_BAD_SHARE:
        return text
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)`` where encoding says how it was read.

    Never raises: input that no detector recognises is read as UTF-8 with replacement
    characters (``encoding`` then ends in ``+replace``), which keeps every readable word.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return repair(data[len(bom) :].decode(codec, errors="replace")), codec
    wide = bomless_utf16(data)
    if wide is not None:
        return repair(data.decode(wide, errors="replace")), wide
    try:
        return repair(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return repair(mostly), "utf-8+replace"
    label = _codec(declared)
    if label:
        try:
            return repair(data.decode(label)), label
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        try:
            return repair(data.decode(best.encoding)), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return repair(data.decode("utf-8", errors="replace")), "utf-8+replace"


def repair(text: str) -> str:
    """Fix mojibake and stray control characters without touching quotes or markup."""
    if text.isascii() and "\x1b" not in text:
        return text
    return ftfy.fix_text(text, _FIXER)
