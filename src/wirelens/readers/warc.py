"""WARC and ARC web archives, gzipped or not: one Document per HTML response record.

Archives are streamed record by record, so their total size is unbounded; ``max-bytes`` caps
each record's payload. The content type is checked before the cap, so a large video or image
record is skipped unread; an HTML record over the cap (or one that is not a readable page) is
reported through the context as a :class:`RecordError` naming its record number, and the archive
goes on. The URL comes from ``WARC-Target-URI`` and the retrieval time from
``WARC-Date`` (kept as ``Document.fetched``; a crawl date is not a publication date).

warcio silently stops at a truncated file, so truncation is detected here: a record whose
block is shorter than its ``Content-Length``, a record header cut off at the end, or a gzip
stream that ends mid-member (warcio's own exceptions on a cut header count too). Records before
the cut are yielded; then :class:`InputError`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from wirelens.errors import InputError, RecordError
from wirelens.model import Document
from wirelens.readers.context import Context
from wirelens.readers.markup import read_html
from wirelens.readers.sniff import sniff
from wirelens.readers.streams import CHUNK, TruncatedGzipError

__all__ = ["read_warc"]


class _ErrorAtEnd(io.RawIOBase):
    """Turn a read error (a gzip cut short) into end-of-stream, remembered in ``error``.

    warcio reads through buffers that drop data already read when a later read raises; ending
    the stream instead lets it parse every complete record first, and the error is raised after.
    """

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.error: InputError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self.error is not None:
            return 0
        view = memoryview(buffer).cast("B")
        try:
            data = self._raw.read(len(view))
        except InputError as exc:
            self.error = exc
            return 0
        view[: len(data)] = data
        return len(data)


def _drain(record: Any) -> None:
    while record.raw_stream.read(CHUNK):
        pass


def _truncated(name: str, count: int) -> InputError:
    return InputError(
        f"{name}: archive is truncated or corrupt after {count} HTML record(s); "
        "the records before were read, re-download the file for the rest"
    )


def _content_type(record: Any) -> str | None:
    return record.http_headers.get_header("Content-Type") if record.http_headers else None


def _is_html(record: Any, head: bytes, name: str) -> bool:
    ctype = _content_type(record)
    if ctype:
        return "html" in ctype.lower()
    try:
        return sniff(head, name) == "html"
    except InputError:
        return False


def _payload(record: Any, max_bytes: int) -> tuple[bytes, bool]:
    """The record's payload (at most one byte past ``max_bytes``) and whether that was all."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(CHUNK, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            return b"".join(chunks), False
    return b"".join(chunks), True


def _cut(record: Any) -> bool:
    """True when the record's block ended before its ``Content-Length``, or its header was cut
    before ``Content-Length`` (warcio then gives a stream with no limit at all)."""
    limit = getattr(record.raw_stream, "limit", None)
    return limit is None or limit > 0


def _documents(
    iterator: ArchiveIterator, name: str, ctx: Context, count: list[int]
) -> Iterator[Document]:
    """The archive's HTML pages; ``count[0]`` counts them for the truncation message."""
    for index, record in enumerate(iterator, 1):
        ctype = _content_type(record)
        if record.rec_type != "response" or (ctype and "html" not in ctype.lower()):
            _drain(record)  # not a page (request, metadata, image, video): never read whole
            if _cut(record):
                raise _truncated(name, count[0])
            continue
        url = record.rec_headers.get_header("WARC-Target-URI")
        where = f"{name}#{url}" if url else f"{name}#offset={iterator.get_record_offset()}"
        payload, whole = _payload(record, ctx.options.max_bytes)
        _drain(record)
        if _cut(record):
            raise _truncated(name, count[0])
        if not payload.strip() or not _is_html(record, payload[:4096], where):
            continue
        found = _page(record, payload if whole else None, where, ctx.options.max_bytes)
        if isinstance(found, str):
            reason = f"{url or 'no URL'}: {found}"
            ctx.report(name, RecordError(name, f"record {index}", reason))
            continue
        count[0] += 1
        yield found


def _page(record: Any, payload: bytes | None, where: str, max_bytes: int) -> Document | str:
    """The record's page, or why it cannot be one (``payload`` None: it was over the cap)."""
    if payload is None:
        return (
            f"HTML payload larger than max-bytes ({max_bytes:,} bytes), skipped; "
            "raise it with --max-bytes if the archive is trusted"
        )
    try:
        return read_html(
            payload,
            where,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            content_type=_content_type(record),
            fetched=record.rec_headers.get_header("WARC-Date"),
        )
    except InputError as exc:
        return str(exc).removeprefix(where).lstrip(": ")


def read_warc(stream: BinaryIO, name: str, ctx: Context) -> Iterator[Document]:
    """Yield the HTML response records of a WARC/ARC stream (unbuffered, already gunzipped)."""
    count = [0]
    guarded = _ErrorAtEnd(stream)
    try:
        iterator = ArchiveIterator(io.BufferedReader(guarded), arc2warc=True)
        yield from _documents(iterator, name, ctx, count)
        if guarded.error is not None or (iterator.next_line and iterator.next_line.strip()):
            raise _truncated(name, count[0])
    except TruncatedGzipError as exc:
        raise _truncated(name, count[0]) from exc
    except (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        EOFError,
        ValueError,
        AttributeError,
    ) as exc:
        # warcio fails in assorted ways on a record cut inside its headers.
        if count[0]:
            raise _truncated(name, count[0]) from exc
        raise InputError(f"{name}: not a readable WARC/ARC archive ({exc})") from exc
