"""WARC and ARC web archives, gzipped or not: one Document per HTML response record.

Archives are streamed record by record, so their total size is unbounded; ``max-bytes`` caps
each record's payload. The URL comes from ``WARC-Target-URI`` and the retrieval time from
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

from wirelens.errors import InputError
from wirelens.model import Document
from wirelens.readers.context import Context
from wirelens.readers.markup import read_html
from wirelens.readers.sniff import sniff
from wirelens.readers.streams import CHUNK, TruncatedGzipError, read_capped

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


def _is_html(record: Any, head: bytes, name: str) -> bool:
    ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if ctype:
        return "html" in ctype.lower()
    try:
        return sniff(head, name) == "html"
    except InputError:
        return False


def read_warc(stream: BinaryIO, name: str, ctx: Context) -> Iterator[Document]:
    """Yield the HTML response records of a WARC/ARC stream (unbuffered, already gunzipped)."""
    count = 0
    guarded = _ErrorAtEnd(stream)
    try:
        iterator = ArchiveIterator(io.BufferedReader(guarded), arc2warc=True)
        for record in iterator:
            if record.rec_type != "response":
                _drain(record)
                if record.raw_stream.limit:
                    raise _truncated(name, count)
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{url}" if url else f"{name}#offset={iterator.get_record_offset()}"
            payload = read_capped(record.content_stream(), where, ctx.options.max_bytes)
            _drain(record)
            if record.raw_stream.limit:
                raise _truncated(name, count)
            if not payload.strip() or not _is_html(record, payload[:4096], where):
                continue
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
            try:
                doc = read_html(
                    payload,
                    where,
                    url=url,
                    content_type=ctype,
                    fetched=record.rec_headers.get_header("WARC-Date"),
                )
            except InputError:
                continue
            count += 1
            yield doc
        if guarded.error is not None or (iterator.next_line and iterator.next_line.strip()):
            raise _truncated(name, count)
    except TruncatedGzipError as exc:
        raise _truncated(name, count) from exc
    except (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        EOFError,
        ValueError,
        AttributeError,
    ) as exc:
        # warcio fails in assorted ways on a record cut inside its headers.
        if count:
            raise _truncated(name, count) from exc
        raise InputError(f"{name}: not a readable WARC/ARC archive ({exc})") from exc
