"""Scraped plain text: one decoded Document per input.

Read whole (within ``max-bytes``) and only decoded here; separating the story from site
boilerplate ("Also Read", share widgets, disclaimers) is :mod:`wirelens.clean`'s job. Plain text
has no in-band charset declaration, so only an HTTP ``Content-Type`` charset is considered.
"""

from __future__ import annotations

from wirelens.errors import InputError
from wirelens.model import Document, DocumentKind
from wirelens.readers.decode import declared_charset, decode

__all__ = ["decoded_document", "read_text"]


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
