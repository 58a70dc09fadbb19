"""spaCy's entity recogniser, decoded with most of its steps taken at once.

spaCy's ``ner`` is a greedy transition system over BILUO moves: at each token it scores every
move from three feature tokens - the token itself, and, while an entity is open, the entity's
first token and the token before - and takes the best valid move. Its decoder builds every
state and checks all 74 moves' validity one token at a time; on PolNeAR dev that was two
thirds of the entity pass's CPU (``bench.parse_profile``), the rest its own token vectors.

Outside an entity the last two features are padding, so a token's scores there do not depend
on any earlier decision: :class:`EntityDecoder` computes them for every token of a batch in
one matrix product and picks each token's best move outside an entity at once. Only inside an
entity, where the features name the entity's first token, does it step token by token, as
spaCy does. The arithmetic is spaCy's, in the same order (feature vectors summed, then the
bias, maxout, then the output layer), so the entities are the model's own: identical to
``ner.pipe`` on every PolNeAR text and test fixture (``tests/attribute/test_entity_decoder.py``).

It decodes Docs as :mod:`wirelens.attribute.entities` builds them - fresh, with no entities
set beforehand; a Doc with preset entities goes to spaCy's own decoder. Sentence starts are
honoured as spaCy honours them (no entity runs into a sentence start). One difference: a move
the model never saw in training is never taken here, where spaCy gives it the lowest score of
the batch (the English pipelines have no such move).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from thinc.api import NumpyOps

__all__ = ["Entity", "EntityDecoder", "spacy_entities"]

#: An entity as token offsets in its Doc and a label: ``(start, end, label)``.
Entity = tuple[int, int, str]

_NEVER = np.float32(-np.inf)


def spacy_entities(ner: Any, docs: Sequence[Any]) -> list[list[Entity]]:
    """Each Doc's entities as spaCy's own decoder finds them (``ner.pipe`` sets them on the
    Docs)."""
    found = ner.pipe(docs, batch_size=max(len(docs), 1))
    return [[(e.start, e.end, e.label_) for e in doc.ents] for doc in found]


def _fits(ner: Any) -> bool:
    """Whether ``ner`` is a greedy BILUO recogniser of the shape this decoder computes, on the
    CPU (its arrays are numpy's: a GPU model keeps spaCy's decoder)."""
    model = ner.model
    if ner.cfg.get("beam_width", 1) != 1 or len(model.layers) != 3:
        return False
    if not isinstance(model.ops, NumpyOps):
        return False
    if not model.attrs.get("has_upper") or model.attrs.get("unseen_classes") is None:
        return False
    lower = model.layers[1]
    return bool(lower.get_dim("nF") == 3 and lower.get_dim("nP") >= 2)


class EntityDecoder:
    """The entities ``ner`` finds in Docs, from its own weights (see the module's text)."""

    def __init__(self, ner: Any) -> None:
        self.ner = ner
        self.tok2vec, self.lower, upper = ner.model.layers
        self.weights = upper.get_param("W").T
        self.bias = upper.get_param("b")
        self.lower_bias = self.lower.get_param("b")
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        kinds = np.array([name.split("-", 1)[0] for name in names])
        self.labels = [name.split("-", 1)[1] if "-" in name else "" for name in names]
        labelled = np.array([bool(label) for label in self.labels])
        seen = np.ones(len(names), dtype=bool)
        seen[list(ner.model.attrs["unseen_classes"])] = False
        self.outside = int(np.flatnonzero(kinds == "O")[0])
        #: moves allowed outside an entity: Unit, Begin (not on a space, Begin not last)
        self.unit = (kinds == "U") & labelled & seen
        self.begin = (kinds == "B") & labelled & seen
        #: per label, the masks of its In and Last moves (the only ones inside an entity)
        self.inside = {
            label: ((kinds == "I") & seen & is_label, (kinds == "L") & seen & is_label)
            for label in set(self.labels) - {""}
            for is_label in [np.array([x == label for x in self.labels])]
        }

    @classmethod
    def of(cls, ner: Any) -> EntityDecoder | None:
        """A decoder for ``ner``, or None when its model is not the shape computed here."""
        return cls(ner) if _fits(ner) else None

    def __call__(self, docs: Sequence[Any]) -> list[list[Entity]]:
        """Each Doc's entities, in order (Docs with preset entities: spaCy's decoder)."""
        own = [i for i, doc in enumerate(docs) if len(doc) and not _preset(doc)]
        out: list[list[Entity]] = [[] for _ in docs]
        if own:
            features = self.lower.predict(self.tok2vec.predict([docs[i] for i in own]))
            closed = self._closed_scores(features)
            row = 0
            for i in own:
                steps = _Steps(self, features, row, docs[i])
                out[i] = steps.entities(closed[row : row + len(docs[i])])
                row += len(docs[i])
        mine = set(own)
        rest = [i for i, doc in enumerate(docs) if len(doc) and i not in mine]
        for i, found in zip(rest, spacy_entities(self.ner, [docs[i] for i in rest]), strict=True):
            out[i] = found
        return out

    def _closed_scores(self, features: Any) -> Any:
        """Every token's move scores with no entity open: the last two features are padding."""
        pad = features[0]
        return self.scores((features[1:, 0] + pad[1] + pad[2]) + self.lower_bias)

    def scores(self, summed: Any) -> Any:
        """Move scores from summed feature vectors (bias included): maxout, output layer."""
        if summed.shape[-1] == 2:  # the English pipelines' two pieces: cheaper than max()
            hidden = np.maximum(summed[..., 0], summed[..., 1])
        else:
            hidden = summed.max(axis=-1)
        return hidden @ self.weights + self.bias


class _Steps:
    """Decoding one Doc: its rows in the batch's features, and its tokens' flags."""

    def __init__(self, decoder: EntityDecoder, features: Any, row: int, doc: Any) -> None:
        self.decoder = decoder
        self.features = features
        self.row = row
        flags = doc.to_array([IS_SPACE, SENT_START])
        self.space = flags[:, 0].astype(bool)
        #: whether the next token starts a sentence (or there is none): no Begin or In here
        self.stop = np.append(flags[1:, 1] == 1, True)

    def entities(self, closed: Any) -> list[Entity]:
        """The entities: each token's best move outside an entity, stepping through each one
        that is opened."""
        decoder = self.decoder
        allowed = np.zeros(closed.shape, dtype=bool)
        allowed[:, decoder.outside] = True
        allowed[~self.space] |= decoder.unit
        allowed[~self.space & ~self.stop] |= decoder.begin
        best = np.where(allowed, closed, _NEVER).argmax(axis=1)
        found: list[Entity] = []
        end = 0
        for t in np.flatnonzero(best != decoder.outside).tolist():
            if t < end:
                continue  # inside the entity opened before
            label = decoder.labels[best[t]]
            end = t + 1 if decoder.unit[best[t]] else self._close(t, label)
            found.append((t, end, label))
        return found

    def _close(self, start: int, label: str) -> int:
        """Where the entity opened at ``start`` ends: In or Last at each token after it."""
        decoder, features = self.decoder, self.features
        into, last = decoder.inside[label]
        opened = features[1 + self.row + start, 1]
        t = start + 1
        while True:
            g = 1 + self.row + t
            scores = decoder.scores(
                ((features[g, 0] + opened) + features[g - 1, 2]) + decoder.lower_bias
            )
            moves = last | into if not self.stop[t] else last
            move = int(np.where(moves, scores, _NEVER).argmax())
            t += 1
            if last[move]:
                return t


def _preset(doc: Any) -> bool:
    """Whether ``doc`` has entity annotation already (which spaCy's decoder respects)."""
    return bool(doc.to_array([ENT_IOB]).any())
