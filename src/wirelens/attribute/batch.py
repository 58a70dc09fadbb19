"""The one attribution stage: a batch of texts in, their attributions out.

Every way into attribution goes through here - :func:`wirelens.attribute.extract`,
``analyze_article``, ``analyze_articles``, the ingest pipeline, the Spark runner - and the
spaCy component calls the second half (:func:`attribute_docs`) on the Doc its pipeline made.
So they cannot drift apart: one parse (``nlp.pipe`` over every piece of the batch, recased),
one assembly per document, one way of cutting long bodies into pieces.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
#: Characters that go through the token-to-vector networks together: a batch of short
#: articles at once, a long body two pieces at a time, so the networks' arrays stay small
#: (about 10 MiB each), however large the batch.
PIPE_CHARS = 2 * CHUNK_CHARS
#: Pieces the parser steps through together, and the characters they may hold. Its greedy
#: decoder takes each step for all of them at once, and a step costs nearly as much for one
#: piece as for several: the parser alone on PolNeAR dev's full texts costs 31.8 ms of CPU per
#: article one at a time, 24.6 eight at a time, 20.6 thirty-two at a time. In the pipeline,
#: tasks of 16 articles cost 8% less than tasks of 4; 32 cost more system time (its arrays).
PARSE_PIECES = 16
PARSE_CHARS = 4 * PIPE_CHARS


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
            parsed = _parsed(nlp, [piece for _, _, piece in group], parse)
            for (n, offset, piece), doc in zip(group, parsed, strict=True):
                t = targets[n]
                target = Target(piece, t.agency, t.outlet)
                found = attribute_docs([with_text(doc, piece)], [target], scope)[0]
                out[n].extend(a if offset == 0 else shift(a, offset) for a in found)
    return out


def _shown(nlp: Any, piece: str, parse: str) -> Any:
    """The Doc the pipeline is given for ``piece``: of its recased text, and in the
    ``candidates`` mode with the sentences that cannot hold an attribution blanked out (the
    same length either way)."""
    text = recase(piece)
    if parse != "candidates":
        return nlp.make_doc(text)
    ranges = kept_ranges(text)
    blanked = blank(text, ranges)
    if blanked == text:
        return nlp.make_doc(text)
    return mark_kept_starts(nlp.make_doc(blanked), ranges)


def _parsed(nlp: Any, pieces: list[str], parse: str) -> list[Any]:
    """Docs of ``pieces`` (:func:`_shown`) through every component of ``nlp``, as
    ``nlp.pipe`` would: the parser over all of them at once, every other component
    :data:`PIPE_CHARS` at a time. (Components are called directly, not through
    ``select_pipes``, which would change the shared pipeline under another thread.)"""
    docs = [_shown(nlp, piece, parse) for piece in pieces]
    small = _runs([len(piece) for piece in pieces], PIPE_CHARS)
    for name, component in nlp.pipeline:
        runs = [(0, len(docs))] if name == "parser" else small
        docs = [doc for a, b in runs for doc in _through(component, docs[a:b])]
    return docs


def _through(component: Any, docs: list[Any]) -> Iterable[Any]:
    """``docs`` through one pipeline component, in one batch."""
    if hasattr(component, "pipe"):
        return component.pipe(docs, batch_size=max(len(docs), 1))  # type: ignore[no-any-return]
    return (component(doc) for doc in docs)


def _groups(pieces: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """Consecutive pieces in the groups the parser takes together (:data:`PARSE_PIECES`,
    :data:`PARSE_CHARS`)."""
    runs = _runs([len(piece) for _, _, piece in pieces], PARSE_CHARS, PARSE_PIECES)
    return [pieces[a:b] for a, b in runs]


def _runs(sizes: list[int], chars: int, most: int = 0) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive runs of items of these ``sizes``, each of at most
    ``chars`` characters and (if given) ``most`` items, and at least one item."""
    runs: list[tuple[int, int]] = []
    start, total = 0, 0
    for i, size in enumerate(sizes):
        if i > start and (total + size > chars or i - start == most):
            runs.append((start, i))
            start, total = i, 0
        total += size
    if start < len(sizes):
        runs.append((start, len(sizes)))
    return runs
