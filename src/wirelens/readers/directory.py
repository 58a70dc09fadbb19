"""Folders: every file under them, recursively, in a stable (sorted) order.

Kinds are sniffed per file, so a folder may mix text, HTML, feeds, WARC and JSONL with any
extensions. Hidden files and folders (``.git``, ``.DS_Store``) are skipped. A bad file is
reported through the context (``on_error``) and the rest are still read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from wirelens.errors import InputError, WirelensError
from wirelens.model import Document
from wirelens.readers.context import Context
from wirelens.readers.dispatch import read_path

__all__ = ["iter_files", "read_directory"]


def iter_files(root: Path, skip: Callable[[str, InputError], None] | None = None) -> Iterator[Path]:
    """Every non-hidden regular file under ``root`` in path order, not following folder links.

    A sub-folder that cannot be listed (no permission, removed meanwhile, a path over the
    system's limit) is passed to ``skip`` and the folders after it are still walked; before,
    its InputError ended the whole walk and every file sorted after it was never read (found
    by fuzzing the readers). Without ``skip`` it is raised, as for ``root`` itself.
    """
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"{root}: cannot list folder ({exc.strerror or exc})") from exc
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            try:
                yield from iter_files(Path(entry.path), skip)
            except InputError as exc:
                if skip is None:
                    raise
                skip(entry.path, exc)
        elif entry.is_file():
            yield Path(entry.path)


def read_directory(root: Path, ctx: Context) -> Iterator[Document]:
    """Yield the Documents of every file under ``root``; report bad files and go on."""
    seen = 0
    for path in iter_files(root, ctx.report):
        seen += 1
        try:
            yield from read_path(path, ctx)
        except WirelensError as exc:
            ctx.report(str(path), exc)
    if seen == 0:
        raise InputError(f"{root}: folder has no files to read")
