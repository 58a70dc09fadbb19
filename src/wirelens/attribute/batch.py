"""The one attribution stage: a batch of texts in, their attributions out.

Every way into attribution goes through here - :func:`wirelens.attribute.extract`,
``analyze_article``, ``analyze_articles``, the ingest pipeline, the Spark runner - and the
spaCy component calls the second half (:func:`attribute_docs`) on the Doc its pipeline made.
So they cannot drift apart: one parse (``nlp.pipe`` over every piece of the batch, recased),
one assembly per document, one way of cutting long bodies into pieces.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from wirelens.attribute.assemble import attributions_from_doc, shift
from wirelens.attribute.candidates import blank, kept_ranges, mark_kept_starts
from wirelens.attribute.casing import recase
from wirelens.attribute.nlp import one_blas_thread
from wirelens.attribute.spans import with_text
from wirelens.model import Attribution
from wirelens.scope import Scope

__all__ = ["CHUNK_CHARS", "PIPE_CHARS", "Target", "attribute_docs", "attribute_texts", "chunks"]

#: Bodies are parsed in pieces of at most this many characters (about 3,500 words), cut at
#: paragraph breaks, so a huge document never needs one huge parse: memory stays bounded and
#: per-piece work stays small. News articles fit in one piece, so coreference is unaffected.
CHUNK_CHARS = 20_000
#: Characters parsed together in one ``nlp.pipe`` batch: a batch of short articles is parsed
#: at once, a long body two pieces at a time, so memory stays bounded by this, not the batch.
PIPE_CHARS = 2 * CHUNK_CHARS


@dataclass(frozen=True)
class Target:
    """One text to attribute, with the metadata hops its chains end in."""

    text: str
    agency: str | None = None
    outlet: str | None = None


def chunks(text: str) -> list[tuple[int, str]]:
    """``text`` as ``(offset, piece)`` pieces of at most :data:`CHUNK_CHARS`, cut at newlines."""
    if len(text) <= CHUNK_CHARS:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def attribute_docs(
    docs: Sequence[Any], targets: Sequence[Target], scope: Scope
) -> list[list[Attribution]]:
    """Attributions of already-parsed ``docs``, one list per doc (offsets index each doc)."""
    return [
        attributions_from_doc(doc, agency=t.agency, outlet=t.outlet, scope=scope)
        for doc, t in zip(docs, targets, strict=True)
    ]


def attribute_texts(
    nlp: Any, targets: Sequence[Target], scope: Scope, parse: str = "all"
) -> list[list[Attribution]]:
    """Parse every piece of every target with one ``nlp.pipe`` and assemble per target.

    ``parse`` is ``all`` (every sentence) or ``candidates`` (only the sentences that can hold
    an attribution, with their context: :mod:`candidates`). Offsets index each target's
    ``text``; a long text's pieces are shifted back into place.
    """
    pieces = [(n, offset, piece) for n, t in enumerate(targets) for offset, piece in chunks(t.text)]
    out: list[list[Attribution]] = [[] for _ in targets]
    with one_blas_thread():
        for group in _groups(pieces):
            shown = [_shown(nlp, piece, parse) for _, _, piece in group]
            parsed = nlp.pipe(shown, batch_size=len(group))
            for (n, offset, piece), doc in zip(group, parsed, strict=True):
                t = targets[n]
                target = Target(piece, t.agency, t.outlet)
                found = attribute_docs([with_text(doc, piece)], [target], scope)[0]
                out[n].extend(a if offset == 0 else shift(a, offset) for a in found)
    return out


def _shown(nlp: Any, piece: str, parse: str) -> Any:
    """What the pipeline is given for ``piece``: its recased text, or in the ``candidates``
    mode a Doc of it with the sentences that cannot hold an attribution blanked out."""
    text = recase(piece)
    if parse != "candidates":
        return text
    ranges = kept_ranges(text)
    blanked = blank(text, ranges)
    if blanked == text:
        return text
    return mark_kept_starts(nlp.make_doc(blanked), ranges)


def _groups(pieces: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Consecutive pieces in groups of at most :data:`PIPE_CHARS` characters (at least one)."""
    groups: list[list[tuple[int, int, str]]] = []
    size = PIPE_CHARS
    for piece in pieces:
        if not groups or size + len(piece[2]) > PIPE_CHARS:  # an empty text is a piece too
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += len(piece[2])
    return groups
