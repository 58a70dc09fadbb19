"""JSON Lines: one article per line, as exported by scrapers and news APIs.

Each line is an object with ``text`` (scraped text) or ``html`` (markup), and optionally
``url``, ``published``, ``outlet``, ``title`` and ``authors`` (a string or a list of strings).
Invalid UTF-8 bytes become U+FFFD (as for plain text). Lines are streamed, so a file may
be any size; ``max-bytes`` caps each line. A bad line stops the file with an
:class:`InputError` naming the line number, after the lines before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import msgspec

from wirelens.errors import InputError
from wirelens.model import Document, DocumentKind
from wirelens.readers.decode import repair
from wirelens.readers.streams import cap_message

__all__ = ["read_jsonl"]

_OPTIONAL = ("url", "published", "outlet", "title")


def _field(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: field {key!r} must be a string, got {type(value).__name__}")
    return value.strip() or None


def _authors(obj: dict[str, Any], where: str) -> tuple[str, ...]:
    value = obj.get("authors", obj.get("author"))
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise InputError(f"{where}: field 'authors' must be a string or a list of strings")


def _decode_repaired(line: bytes, where: str) -> Any:
    try:
        return msgspec.json.decode(line.decode("utf-8", errors="replace"))
    except msgspec.DecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})") from exc


def _document(line: bytes, name: str, number: int) -> Document:
    where = f"{name}, line {number}"
    try:
        obj = msgspec.json.decode(line)
    except (UnicodeDecodeError, msgspec.DecodeError):
        # Same policy as plain text: invalid UTF-8 bytes become U+FFFD, the record is kept; a
        # line that is still no JSON after that gets the error. (msgspec < 0.23 raises
        # UnicodeDecodeError for bad bytes, later versions DecodeError.)
        obj = _decode_repaired(line, where)
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    kind: DocumentKind = "html" if obj.get("text") is None and "html" in obj else "text"
    content = _field(obj, kind, where)
    if content is None:
        raise InputError(f"{where}: needs a non-empty 'text' or 'html' field")
    meta = {key: _field(obj, key, where) for key in _OPTIONAL}
    return Document(
        content=repair(content),
        kind=kind,
        source=f"{name}#line={number}",
        authors=_authors(obj, where),
        encoding="utf-8",
        **meta,
    )


def read_jsonl(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Document]:
    """Yield one Document per non-blank line; raise on the first bad line."""
    number = 0
    count = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        number += 1
        if len(line) > max_bytes:
            raise InputError(cap_message(f"{name}, line {number}", max_bytes))
        if not line.strip():
            continue
        count += 1
        yield _document(line, name, number)
    if count == 0:
        raise InputError(f"{name}: empty input (no JSON lines)")
