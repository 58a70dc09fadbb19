"""Byte streams with bounds: capped reads, a peekable wrapper and a bounded gzip decoder.

Every input (file, stdin, HTTP body, gzip member) is read through these so that memory stays
bounded by the ``max-bytes`` setting: nothing is read whole before its size is checked, and a
gzip bomb is refused as soon as its *decompressed* output passes the cap, not after inflating it.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from wirelens.errors import InputError

__all__ = [
    "CHUNK",
    "GzipStream",
    "PeekStream",
    "TruncatedGzipError",
    "cap_message",
    "read_capped",
]

#: Size of each read from a file, pipe or decompressor.
CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"


class TruncatedGzipError(InputError):
    """A gzip stream ended before its last member was complete."""


def cap_message(name: str, max_bytes: int) -> str:
    """The one-line refusal for input over the size cap, saying how to raise it."""
    return (
        f"{name}: larger than max-bytes ({max_bytes:,} bytes); "
        "raise it with --max-bytes or WIRELENS_MAX_BYTES if the input is trusted"
    )


def read_capped(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read ``stream`` to the end, refusing as soon as more than ``max_bytes`` arrive."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(cap_message(name, max_bytes))
        chunks.append(chunk)


class PeekStream(io.RawIOBase):
    """A read-only stream whose first bytes were already read for sniffing, served again first."""

    def __init__(self, head: bytes, rest: BinaryIO, error: InputError | None = None) -> None:
        super().__init__()
        self._head = head
        self._pos = 0
        self._rest = rest
        self._error = error

    @classmethod
    def open(cls, stream: BinaryIO, size: int = CHUNK) -> PeekStream:
        """Read up to ``size`` bytes (several reads if a pipe returns less) for sniffing."""
        parts: list[bytes] = []
        got = 0
        error: InputError | None = None
        while got < size:
            try:
                part = stream.read(size - got)
            except InputError as exc:
                # e.g. a gzip cut short: serve what came out first, raise when it is consumed.
                error = exc
                break
            if not part:
                break
            parts.append(part)
            got += len(part)
        return cls(b"".join(parts), stream, error)

    @property
    def head(self) -> bytes:
        """The first bytes of the stream (what the sniffer looks at)."""
        return self._head

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        if self._pos < len(self._head):
            n = min(len(view), len(self._head) - self._pos)
            view[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        if self._error is not None:
            raise self._error
        data = self._rest.read(len(view))
        if not data:
            return 0
        view[: len(data)] = data
        return len(data)


class GzipStream(io.RawIOBase):
    """Decompress a gzip stream (all members) lazily, never producing more than asked for.

    ``zlib`` is asked for at most one buffer's worth of output per call (``max_length``), so a
    tiny compressed input that inflates to gigabytes costs no more memory than one chunk; the
    caller's :func:`read_capped` refuses it once the output passes ``max-bytes``. A stream that
    ends inside a member raises :class:`TruncatedGzipError` after serving what it could.
    """

    def __init__(self, raw: BinaryIO, name: str) -> None:
        super().__init__()
        self._raw = raw
        self._name = name
        self._z = zlib.decompressobj(31)
        self._started = False
        self._eof = False

    def readable(self) -> bool:
        return True

    def _inflate(self, data: bytes, limit: int) -> bytes:
        self._started = True
        try:
            return self._z.decompress(data, limit)
        except zlib.error as exc:
            raise InputError(f"{self._name}: corrupt gzip data ({exc})") from exc

    def _next_output(self, limit: int) -> bytes:
        while True:
            if self._z.unconsumed_tail:
                out = self._inflate(self._z.unconsumed_tail, limit)
            elif self._z.eof:
                data = self._z.unused_data or self._raw.read(CHUNK)
                if not data.startswith(GZIP_MAGIC):
                    # End, or trailing garbage after the last member (gzip(1) ignores it too).
                    self._eof = True
                    return b""
                self._z = zlib.decompressobj(31)
                out = self._inflate(data, limit)
            else:
                data = self._raw.read(CHUNK)
                if not data:
                    self._eof = True
                    if self._started:
                        raise TruncatedGzipError(
                            f"{self._name}: gzip data is truncated (the file ends mid-stream); "
                            "re-download or re-compress it"
                        )
                    return b""
                out = self._inflate(data, limit)
            if out:
                return out

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._eof:
            return 0
        view = memoryview(buffer).cast("B")
        out = self._next_output(len(view))
        view[: len(out)] = out
        return len(out)
