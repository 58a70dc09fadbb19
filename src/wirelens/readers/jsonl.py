"""JSON Lines: one article per line, as exported by scrapers and news APIs.

Each line is an object with ``text`` (scraped text) or ``html`` (markup), and optionally
``url``, ``published``, ``outlet``, ``title`` and ``authors`` (a string or a list of strings).
Invalid UTF-8 bytes become U+FFFD (as for plain text). Lines are streamed, so a file may
be any size; ``max-bytes`` caps each line. A bad line (no JSON, no text, over the cap) is
reported through the context as a :class:`RecordError` naming its line number, and every other
line is still read: one bad record must not cost a scraper's whole export.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import msgspec

from wirelens.errors import InputError, RecordError
from wirelens.model import Document, DocumentKind
from wirelens.readers.context import Context
from wirelens.readers.decode import repair
from wirelens.readers.streams import CHUNK

__all__ = ["read_jsonl"]

_OPTIONAL = ("url", "published", "outlet", "title")


class _BadLine(Exception):
    """Why one line is not a record (becomes a :class:`RecordError` with the line number)."""


def _field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _BadLine(f"field {key!r} must be a string, got {type(value).__name__}")
    return value.strip() or None


def _authors(obj: dict[str, Any]) -> tuple[str, ...]:
    value = obj.get("authors", obj.get("author"))
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise _BadLine("field 'authors' must be a string or a list of strings")


def _decode_repaired(line: bytes) -> Any:
    try:
        return msgspec.json.decode(line.decode("utf-8", errors="replace"))
    except msgspec.DecodeError as exc:
        raise _BadLine(f"not valid JSON ({exc})") from exc


def _document(line: bytes, name: str, number: int) -> Document:
    try:
        obj = msgspec.json.decode(line)
    except (UnicodeDecodeError, msgspec.DecodeError):
        # Same policy as plain text: invalid UTF-8 bytes become U+FFFD, the record is kept; a
        # line that is still no JSON after that gets the error. (msgspec < 0.23 raises
        # UnicodeDecodeError for bad bytes, later versions DecodeError.)
        obj = _decode_repaired(line)
    if not isinstance(obj, dict):
        raise _BadLine(f"expected a JSON object, got {type(obj).__name__}")
    kind: DocumentKind = "html" if obj.get("text") is None and "html" in obj else "text"
    content = _field(obj, kind)
    if content is None:
        raise _BadLine("needs a non-empty 'text' or 'html' field")
    meta = {key: _field(obj, key) for key in _OPTIONAL}
    return Document(
        content=repair(content),
        kind=kind,
        source=f"{name}#line={number}",
        authors=_authors(obj),
        encoding="utf-8",
        **meta,
    )


def _skip_rest_of_line(stream: BinaryIO) -> None:
    """Read past the end of an over-long line without holding it."""
    while (piece := stream.readline(CHUNK)) and not piece.endswith(b"\n"):
        pass


def read_jsonl(stream: BinaryIO, name: str, ctx: Context) -> Iterator[Document]:
    """Yield one Document per good non-blank line; report each bad line and go on."""
    max_bytes = ctx.options.max_bytes
    number = 0
    lines = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        number += 1
        if not line.strip():
            continue
        lines += 1
        try:
            if len(line) > max_bytes:
                if not line.endswith(b"\n"):
                    _skip_rest_of_line(stream)
                raise _BadLine(
                    f"larger than max-bytes ({max_bytes:,} bytes); raise it with --max-bytes "
                    "or WIRELENS_MAX_BYTES if the input is trusted"
                )
            document = _document(line, name, number)
        except _BadLine as exc:
            ctx.report(name, RecordError(name, f"line {number}", str(exc)))
            continue
        yield document
    if lines == 0:
        raise InputError(f"{name}: empty input (no JSON lines)")
