"""The bounded stream helpers: multi-member gzip, trailing garbage, capped reads, peeking."""

from __future__ import annotations

import gzip
import io

import pytest

from wirelens.errors import InputError
from wirelens.readers.streams import GzipStream, PeekStream, TruncatedGzipError, read_capped


def _gunzip(data: bytes, cap: int = 10_000) -> bytes:
    return read_capped(GzipStream(io.BytesIO(data), "t"), "t", cap)  # type: ignore[arg-type]


def test_multi_member_gzip_is_read_whole() -> None:
    assert _gunzip(gzip.compress(b"first ") + gzip.compress(b"second")) == b"first second"


def test_trailing_garbage_after_last_member_is_ignored() -> None:
    assert _gunzip(gzip.compress(b"story") + b"\x00\x00junk") == b"story"


def test_truncated_member_raises_after_serving_output() -> None:
    data = gzip.compress(bytes(range(256)) * 64)
    stream = GzipStream(io.BytesIO(data[:-20]), "t")
    got = b""
    with pytest.raises(TruncatedGzipError):
        while chunk := stream.read(1024):
            got += chunk
    assert got == (bytes(range(256)) * 64)[: len(got)]


def test_read_capped_refuses_one_byte_over() -> None:
    assert read_capped(io.BytesIO(b"x" * 10), "t", 10) == b"x" * 10
    with pytest.raises(InputError, match="larger than max-bytes"):
        read_capped(io.BytesIO(b"x" * 11), "t", 10)


def test_peek_serves_head_again_then_rest() -> None:
    peek = PeekStream.open(io.BytesIO(b"abcdef"), size=3)
    assert peek.head == b"abc"
    assert io.BufferedReader(peek).read() == b"abcdef"
