"""Reading: any news input to decoded :class:`~wirelens.model.Document` records.

``read_documents`` accepts a path (file or folder), an http(s) URL, ``-`` for stdin, bytes,
a Document, article text (a ``str`` containing a newline), or an iterable of those. What a
file is gets decided by sniffing its bytes (:mod:`.sniff`); its encoding by :mod:`.decode`;
URLs go through the guarded, polite fetcher (:mod:`.fetch`). Input is never read whole
before its size is checked against ``max-bytes``.

Errors: a bad single source raises :class:`~wirelens.errors.InputError` or
:class:`~wirelens.errors.FetchError` with a one-line message. Inside a folder (or when several
sources are given) a bad input is passed to ``on_error(name, error)`` and the rest are read;
without ``on_error`` it is skipped with a :class:`ReadWarning`.

This package is ``readers``, not ``read``, so it never shadows the function ``wirelens.read``.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeAlias, cast

from wirelens.errors import InputError, WirelensError
from wirelens.model import Document
from wirelens.readers.context import Context, ErrorHandler, ReadWarning
from wirelens.readers.options import ReadOptions

__all__ = [
    "ErrorHandler",
    "ReadOptions",
    "ReadWarning",
    "Source",
    "read_documents",
    "read_text",
    "source_name",
]

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")

#: One input: a path, URL, ``-``, article text, raw bytes or an already-read Document.
Source: TypeAlias = str | os.PathLike[str] | bytes | Document


def source_name(source: Source) -> str:
    """How a source is named in messages and in ``Document.source``."""
    if isinstance(source, Document):
        return source.source
    if isinstance(source, bytes):
        return "<bytes>"
    if isinstance(source, str) and "\n" in source:
        return "<text>"
    if isinstance(source, str) and source == "-":
        return "<stdin>"
    return os.fspath(source)


def _encoded(text: str) -> bytes:
    """Article text given as ``str``, as bytes for the readers to sniff and decode.

    A command-line argument that is not UTF-8 reaches Python with its bad bytes as lone
    surrogates (``\\udcff``); ``encode("utf-8")`` raised UnicodeEncodeError, a traceback, on
    ``wirelens read $'\\xff...'``. Those bytes are given back as they were (the decoder then
    repairs them as for any file); any other lone surrogate becomes "?". Found by fuzzing.
    """
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace")


def _read_one(source: Source, ctx: Context) -> Iterator[Document]:
    # the readers (feeds, WARC, HTTP, encodings) are imported on the first read, not with the
    # package: ingest's worker processes import it for ReadOptions and never read (0.13 s of
    # CPU each at startup, python -X importtime)
    from wirelens.readers.directory import read_directory
    from wirelens.readers.dispatch import (
        is_url,
        read_bytes,
        read_path,
        read_stdin,
        read_stream,
        read_url,
    )

    if isinstance(source, Document):
        yield source
        return
    if isinstance(source, bytes):
        yield from read_bytes(source, "<bytes>", ctx)
        return
    if isinstance(source, str):
        if "\n" in source:
            yield from read_stream(io.BytesIO(_encoded(source)), "<text>", ctx)
            return
        if source == "-":
            yield from read_stdin(ctx)
            return
        if is_url(source):
            yield from read_url(source, ctx)
            return
        _check_name(source)
    path = Path(os.fspath(source))
    if _is_dir(path):
        yield from read_directory(path, ctx)
    elif path.exists():
        yield from read_path(path, ctx)
    else:
        raise InputError(f"{path}: no such file or directory")


def _check_name(source: str) -> None:
    """Refuse a name that is no path: empty, or a URL of a scheme other than http(s).

    ``Path("")`` is ".": an empty name (an unset shell variable) read the whole working folder
    (found by fuzzing the commands).
    """
    if not source.strip():
        raise InputError(f"{source!r}: empty source name; give a path, URL, - or text")
    scheme = _SCHEME.match(source)
    if scheme and not os.path.lexists(source):
        raise InputError(f"{source}: unsupported URL scheme {scheme.group(1)!r}; use http or https")


def _is_dir(path: Path) -> bool:
    """``path.is_dir()``, or an InputError where the name cannot even be looked up.

    ``Path.is_dir`` (and ``exists``) swallow "no such file" but raise OSError for a name over
    the system's limit (ENAMETOOLONG: a pasted article taken for a path, or a long "URL" sent
    to the web ingest) or a permission error on a parent folder. Checked once here, so the
    ``exists`` after it cannot raise for the same reason. Found by fuzzing the web ingest.
    """
    try:
        return path.is_dir()
    except OSError as exc:
        raise InputError(f"{str(path)[:200]}: cannot open ({exc.strerror or exc})") from exc


def _is_single(sources: Any) -> bool:
    return isinstance(sources, str | bytes | os.PathLike | Document)


def read_documents(
    source_or_sources: Source | Iterable[Source],
    *,
    on_error: ErrorHandler | None = None,
    resolved: ReadOptions | None = None,
    **options: Any,
) -> Iterator[Document]:
    """Read one source or several, yielding Documents lazily.

    ``options`` are settings overrides (``max_bytes=1_000_000``, ``allow_private=True``,
    ``fetch_timeout=5``) plus ``follow_links`` (fetch feed entries that carry only a summary).
    Settings are resolved now, so a bad option raises before anything is read. ``resolved``
    passes options already resolved at the edge (a pipeline's ``Options.read``) instead.
    """
    ctx = Context(resolved or ReadOptions.resolve(options), on_error)
    return _generate(source_or_sources, ctx)


def read_text(
    text: str, *, on_error: ErrorHandler | None = None, resolved: ReadOptions | None = None
) -> Iterator[Document]:
    """Read ``text`` as article content (plain or markup), never as a path, even on one line."""
    ctx = Context(resolved or ReadOptions.resolve({}), on_error)

    def generate() -> Iterator[Document]:
        from wirelens.readers.dispatch import read_stream  # on the first read (see _read_one)

        try:
            yield from read_stream(io.BytesIO(_encoded(text)), "<text>", ctx)
        finally:
            ctx.close()

    return generate()


def _generate(sources: Source | Iterable[Source], ctx: Context) -> Iterator[Document]:
    try:
        if _is_single(sources):
            yield from _read_one(cast(Source, sources), ctx)
            return
        for source in cast(Iterable[Source], sources):
            try:
                yield from _read_one(source, ctx)
            except WirelensError as exc:
                if ctx.on_error is None:
                    raise
                ctx.on_error(source_name(source), exc)
    finally:
        ctx.close()
