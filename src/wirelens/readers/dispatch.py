"""Route one input (stream, path, URL, stdin, bytes, text) to the reader its bytes call for.

The first 64 KiB are peeked (decompressed first if they are gzip) and sniffed; the stream is
then handed on without having been read twice or read whole. Whole-document kinds (text,
HTML, feeds) are read within ``max-bytes``; record kinds (WARC, JSONL) stream and cap each
record instead, because archives are routinely larger than any one article.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from wirelens.errors import InputError
from wirelens.model import Document
from wirelens.readers.context import Context, utc_now
from wirelens.readers.feed import read_feed
from wirelens.readers.jsonl import read_jsonl
from wirelens.readers.markup import read_html
from wirelens.readers.plain import read_text_stream
from wirelens.readers.sniff import is_gzip, sniff
from wirelens.readers.streams import GzipStream, PeekStream, read_capped
from wirelens.readers.warc import read_warc

__all__ = ["is_url", "read_bytes", "read_path", "read_stdin", "read_stream", "read_url"]


def read_stream(
    raw: BinaryIO,
    name: str,
    ctx: Context,
    *,
    url: str | None = None,
    content_type: str | None = None,
    fetched: str | None = None,
) -> Iterator[Document]:
    """Sniff ``raw`` and yield the Documents of whatever it turns out to be."""
    peek = PeekStream.open(raw)
    if not peek.head:
        raise InputError(f"{name}: empty input (0 bytes)")
    stream: BinaryIO = io.BufferedReader(peek)
    if is_gzip(peek.head):
        # Unbuffered, so output decoded before a truncation error reaches the peek.
        peek = PeekStream.open(GzipStream(stream, name))  # type: ignore[arg-type]
        if not peek.head:
            raise InputError(f"{name}: empty input (gzip of 0 bytes)")
        stream = io.BufferedReader(peek)
    kind = sniff(peek.head, name)
    if kind == "warc":
        yield from read_warc(peek, name, ctx)  # type: ignore[arg-type]
        return
    if kind == "jsonl":
        yield from read_jsonl(stream, name, ctx)
        return
    if kind == "text":
        yield from read_text_stream(
            stream, name, ctx.options, url=url, content_type=content_type, fetched=fetched
        )
        return
    data = read_capped(stream, name, ctx.options.max_bytes)
    if kind == "feed":
        yield from read_feed(data, name, ctx, url=url, content_type=content_type)
        return
    yield read_html(data, name, url=url, content_type=content_type, fetched=fetched)


def read_path(path: Path, ctx: Context) -> Iterator[Document]:
    """Read a file (a directory is handled by :mod:`wirelens.readers.directory`)."""
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"{name}: cannot open ({exc.strerror or exc})") from exc
    with handle:
        try:
            yield from read_stream(handle, name, ctx)
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc


def read_stdin(ctx: Context) -> Iterator[Document]:
    """Read standard input (``-``) as any supported kind."""
    yield from read_stream(sys.stdin.buffer, "<stdin>", ctx)


def read_bytes(data: bytes, name: str, ctx: Context) -> Iterator[Document]:
    """Read bytes already in memory (within the cap) as any supported kind."""
    yield from read_stream(io.BytesIO(data), name, ctx)


def read_url(url: str, ctx: Context) -> Iterator[Document]:
    """Fetch ``url`` through the guarded fetcher and read what comes back."""
    fetched = ctx.fetcher.fetch(url)
    yield from read_stream(
        io.BytesIO(fetched.body),
        url,
        ctx,
        url=fetched.url,
        content_type=fetched.content_type,
        fetched=utc_now(),
    )


def is_url(text: str) -> bool:
    """True for strings that look like an http(s) URL."""
    return text[:8].lower().startswith(("http://", "https://"))
