"""Scraped plain text: one decoded Document per input.

Decoded here; separating the story from site boilerplate ("Also Read", share widgets,
disclaimers) is :mod:`wirelens.clean`'s job. Plain text has no in-band charset declaration, so
only an HTTP ``Content-Type`` charset is considered.

A text up to ``text-piece-chars`` is one Document. A longer one (a scraped dump, a log pasted
by mistake) is streamed and cut at paragraph breaks into Documents of at most that many
characters (``source#piece=N``): cleaning holds about twenty times its text in memory, so a
200 MB text read whole peaked at 3.5 GiB, while pieces keep memory bounded however long the file.
``max-bytes`` still caps the whole input; the pieces before the cap are read, then the error.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import BinaryIO

from wirelens.errors import InputError
from wirelens.model import Document, DocumentKind
from wirelens.readers.decode import declared_charset, decode, repair
from wirelens.readers.options import ReadOptions
from wirelens.readers.streams import CHUNK, cap_message

__all__ = ["decoded_document", "read_text", "read_text_stream"]


def decoded_document(
    data: bytes,
    name: str,
    kind: DocumentKind,
    *,
    declared: str | None,
    url: str | None = None,
    fetched: str | None = None,
) -> Document:
    """Decode ``data`` into a Document of ``kind``; refuse input with nothing but whitespace."""
    text, encoding = decode(data, declared)
    if not text.strip():
        raise InputError(f"{name}: empty input (nothing but whitespace)")
    return Document(
        content=text, kind=kind, source=name, url=url, encoding=encoding, fetched=fetched
    )


def read_text(
    data: bytes,
    name: str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    fetched: str | None = None,
) -> Document:
    """Read scraped plain text."""
    declared = declared_charset(b"", content_type)
    return decoded_document(data, name, "text", declared=declared, url=url, fetched=fetched)


def read_text_stream(
    stream: BinaryIO,
    name: str,
    options: ReadOptions,
    *,
    url: str | None = None,
    content_type: str | None = None,
    fetched: str | None = None,
) -> Iterator[Document]:
    """Read plain text from ``stream``: one Document, or pieces when it is longer than
    ``text-piece-chars`` (see the module docstring)."""
    limit = options.text_piece_chars
    head = stream.read(min(limit, options.max_bytes) + 1)
    if len(head) > options.max_bytes:
        raise InputError(cap_message(name, options.max_bytes))
    if len(head) <= limit:
        yield read_text(head, name, url=url, content_type=content_type, fetched=fetched)
        return
    _, encoding = decode(head, declared_charset(b"", content_type))
    decoder = codecs.getincrementaldecoder(encoding.removesuffix("+replace"))(errors="replace")
    pending, number, total, data = "", 0, 0, head
    while True:
        total += len(data)
        if total > options.max_bytes:
            raise InputError(cap_message(name, options.max_bytes))
        pending += decoder.decode(data, final=not data)
        while len(pending) > limit or (not data and pending):
            piece, pending = _cut(pending, limit) if len(pending) > limit else (pending, "")
            if piece.strip():
                number += 1
                text = repair(piece.lstrip("\ufeff"))
                yield Document(
                    content=text,
                    kind="text",
                    source=f"{name}#piece={number}",
                    url=url,
                    encoding=encoding,
                    fetched=fetched,
                )
        if not data:
            return
        data = stream.read(CHUNK)


def _cut(text: str, limit: int) -> tuple[str, str]:
    """Split ``text`` after its last paragraph break (else line break) within ``limit``."""
    for mark in ("\n\n", "\n"):
        at = text.rfind(mark, 0, limit)
        if at > 0:
            return text[: at + len(mark)], text[at + len(mark) :]
    return text[:limit], text[limit:]
