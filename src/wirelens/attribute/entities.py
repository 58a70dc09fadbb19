"""Named entities found around the words that can start one, not over the whole text.

spaCy's ``ner`` was half the cost of parsing an article (its own token-to-vector network and
a transition step per token). Every entity the rules read - a person, an organisation, a place,
a date - holds a word that shows it without a model: a capitalised word that is no stop word
("Clinton", "Senate", "Tuesday"), a number ("2016", "two") or a time word ("yesterday", "weeks
ago"). The ``windows`` pass (the ``entities`` setting's default) gives the same ``ner``
component only those words, each with :data:`WIDTH` tokens of context on either side, joined
into one short Doc per article; the entities it finds there are set back on the article's Doc
at their own tokens. The model sees each trigger word with its real neighbours, so it labels
them as on the whole text; only words near a window's edge see less context. ``full`` runs
``ner`` over every token, as the model is meant to be run.

Measured on PolNeAR dev (README, "Entity windows"): the windows hold about half the tokens.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from wirelens.attribute.entity_decoder import Entity, EntityDecoder, spacy_entities

__all__ = ["WIDTH", "EntityWindows", "triggers", "windows"]

#: Tokens of context kept on each side of a trigger word. ``ner``'s own token vectors see four
#: neighbours on each side (a window-1 convolution, four layers deep). On PolNeAR dev one, two
#: and three give the scores of the full pass; three also keeps every attribution fixture
#: (two relabel a caption's "Port" and lose a fixture's speaker): README, "Entity windows".
WIDTH = 3


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lower-case words that can carry a date, time or quantity ("yesterday", "weeks ago",
#: "thousands", "half").
TIME_WORDS = _words(
    """
    today yesterday tomorrow tonight morning afternoon evening night overnight noon midnight
    day days week weeks weekend weekends month months year years decade decades century
    centuries hour hours minute minutes ago earlier later recently currently annual annually
    daily weekly monthly quarter spring summer fall autumn winter
    hundred hundreds thousand thousands million millions billion billions trillion trillions
    dozen dozens half couple percent
    """
)


def _is_trigger(tok: Any) -> bool:
    """Whether an entity can hold ``tok``: a capitalised non-stop word, a number, a time word."""
    text = tok.text
    if not text or tok.is_space or tok.is_punct:
        return False
    if tok.like_num or any(c.isdigit() for c in text):
        return True
    lower = tok.lower_
    if lower in TIME_WORDS:
        return True
    return text[0].isupper() and lower not in STOP_WORDS


def triggers(doc: Any) -> list[int]:
    """Indexes of the tokens of ``doc`` that can start or hold an entity."""
    return [tok.i for tok in doc if _is_trigger(tok)]


def windows(doc: Any, width: int = WIDTH) -> list[tuple[int, int]]:
    """``(start, end)`` token ranges: each trigger with ``width`` tokens either side, merged
    where they touch or overlap."""
    out: list[tuple[int, int]] = []
    for i in triggers(doc):
        start, end = max(0, i - width), min(len(doc), i + width + 1)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _compact(doc: Any, ranges: list[tuple[int, int]]) -> tuple[Doc, list[int]]:
    """One Doc of the tokens in ``ranges``, a line break between ranges (so no entity runs
    from one into the next), and each of its tokens' index in ``doc`` (-1 for a break)."""
    words: list[str] = []
    spaces: list[bool] = []
    where: list[int] = []
    for start, end in ranges:
        if words:
            spaces[-1] = True
            words.append("\n")
            spaces.append(False)
            where.append(-1)
        for tok in doc[start:end]:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
            where.append(tok.i)
    return Doc(doc.vocab, words=words, spaces=spaces), where


def _found(doc: Any, entities: list[Entity], where: list[int]) -> list[Span]:
    """``entities`` of the compact Doc as Spans of ``doc`` (one across a break is dropped)."""
    out: list[Span] = []
    for start, end, label in entities:
        first, last = where[start], where[end - 1]
        if first < 0 or last < 0 or last - first != end - 1 - start:
            continue
        out.append(Span(doc, first, last + 1, label=label))
    return out


class EntityWindows:
    """A pipeline component that runs the pipeline's ``ner`` over trigger windows only.

    ``ner`` is the pipeline's own (disabled) entity recogniser, set by :func:`add_windows`,
    with ``decoder``, which finds its entities faster (:mod:`wirelens.attribute.entity_decoder`;
    None: ``ner`` decodes).
    """

    def __init__(self, width: int = WIDTH) -> None:
        self.width = width
        self.ner: Any = None
        self.decoder: EntityDecoder | None = None

    def __call__(self, doc: Any) -> Any:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Any], batch_size: int = 16) -> Iterator[Any]:
        """Entities for each Doc of a stream, the windows of a batch run through ``ner``
        together (``nlp.pipe`` calls this)."""
        stream = iter(docs)
        while batch := list(itertools.islice(stream, batch_size)):
            compacts = [_compact(doc, windows(doc, self.width)) for doc in batch]
            found = self._entities([c for c, _ in compacts])
            for doc, entities, (_, where) in zip(batch, found, compacts, strict=True):
                doc.set_ents(_found(doc, entities, where), default="outside")
                yield doc

    def _entities(self, compacts: list[Doc]) -> list[list[Entity]]:
        if self.decoder is not None:
            return self.decoder(compacts)
        return spacy_entities(self.ner, compacts)


@Language.factory("wirelens_entities", default_config={"width": WIDTH})
def _entity_windows(nlp: Language, name: str, width: int) -> EntityWindows:
    """The ``wirelens_entities`` component (its ``ner`` is set by :func:`add_windows`)."""
    return EntityWindows(width)


def add_windows(nlp: Language) -> None:
    """Put :class:`EntityWindows` in place of ``nlp``'s ``ner``, which it then calls."""
    windows_pipe: Any = nlp.add_pipe("wirelens_entities", after="ner")
    windows_pipe.ner = nlp.get_pipe("ner")
    windows_pipe.decoder = EntityDecoder.of(windows_pipe.ner)
    nlp.disable_pipe("ner")
