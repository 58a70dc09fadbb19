"""Confidence as measured precision: how often, on PolNeAR train, an attribution found the same
way was a real one.

An attribution's *path* is whether its quote marks pair up (``balanced``, or ``unbalanced``
when a quote was left open and recovered), its rule (``verb.ccomp``, ``according_to``...), how
its speaker was resolved (``name``, ``pronoun``...) and the class of its cue (``say``,
``speech``, ``thought``, ``stance``, ``noun``, ``none``). ``wirelens eval attribution TRAIN
--calibrate FILE`` counts, per full path, the predictions and how many a PolNeAR gold
attribution overlaps (:func:`wirelens.eval.attribution.judge`); the counts ship as
``wirelens/tables/confidence.json``.

A path seen fewer than :data:`MIN_SUPPORT` times backs off to a coarser key (marks, rule and
resolution; marks and rule; marks alone; everything); each level's precision is shrunk towards
its parent's by :data:`PRIOR` pseudo-counts, so a rare path does not get 0 or 1 from a handful
of examples.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from wirelens.attribute.cues_table import CUE_NOUNS, SPEECH_VERBS, STANCE_VERBS, THOUGHT_VERBS

__all__ = [
    "MIN_SUPPORT",
    "PRIOR",
    "Table",
    "cue_class",
    "load_table",
    "path_key",
    "quote_marks",
]

#: Fewest train predictions for a key to stand on its own rather than back off.
MIN_SUPPORT = 30
#: Pseudo-counts of the parent key's precision added to a key's own counts.
PRIOR = 10.0
#: Used only when no table is installed at all.
_DEFAULT = 0.5


def cue_class(lemma: str | None, kind: str) -> str:
    """The class of a cue: ``according_to``, ``say``, ``speech``, ``thought``, ``stance``,
    ``noun`` or ``none``; ``say`` alone is most of the data, so it has its own class."""
    if kind == "according_to":
        return "according_to"
    if not lemma:
        return "none"
    if lemma == "say":
        return "say"
    if lemma in SPEECH_VERBS:
        return "speech"
    if lemma in THOUGHT_VERBS:
        return "thought"
    if lemma in CUE_NOUNS:
        return "noun"
    return "stance" if lemma in STANCE_VERBS else "other"


#: Opening and closing marks that must pair up inside a quote.
_PAIRS = (("“", "”"), ("«", "»"))


def quote_marks(pieces: list[str]) -> str:
    """``unbalanced`` when a quote's marks do not pair up (an open quote recovered at a tag or a
    paragraph end), else ``balanced``; attributions without quote marks are ``balanced``."""
    text = "".join(pieces)
    odd = text.count('"') % 2 == 1
    unpaired = any(text.count(a) != text.count(b) for a, b in _PAIRS)
    return "unbalanced" if odd or unpaired else "balanced"


def path_key(marks: str, rule: str, resolution: str, cue: str) -> str:
    """The full key of a path as written in the table: ``marks|rule|resolution|cue``."""
    return f"{marks}|{rule}|{resolution}|{cue}"


class Table:
    """Per-path counts (predictions, correct ones) with backoff to coarser keys."""

    def __init__(self, counts: dict[str, tuple[int, int]]) -> None:
        self.counts = counts
        self._levels: list[dict[str, list[int]]] = [{}, {}, {}, {}]
        total = [0, 0]
        for key, (n, hits) in counts.items():
            parts = key.split("|")
            for depth in range(4):
                cell = self._levels[depth].setdefault("|".join(parts[: depth + 1]), [0, 0])
                cell[0] += n
                cell[1] += hits
            total[0] += n
            total[1] += hits
        self._total = total

    def precision(self, marks: str, rule: str, resolution: str, cue: str) -> float:
        """The measured precision of a path, backed off and smoothed (see the module doc)."""
        n, hits = self._total
        estimate = hits / n if n else _DEFAULT
        parts = [marks, rule, resolution, cue]
        for depth in range(4):
            cell = self._levels[depth].get("|".join(parts[: depth + 1]))
            if cell is None or cell[0] < MIN_SUPPORT:
                break
            estimate = (cell[1] + PRIOR * estimate) / (cell[0] + PRIOR)
        return round(estimate, 3)

    def to_json(self, meta: dict[str, Any]) -> str:
        """The table file: what it was measured on, and the counts per full path."""
        body = {**meta, "counts": {k: list(v) for k, v in sorted(self.counts.items())}}
        return json.dumps(body, indent=1) + "\n"


@cache
def load_table() -> Table:
    """The shipped table (read once per process; :func:`wirelens.attribute.setup` reads it)."""
    path = resources.files("wirelens") / "tables" / "confidence.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Table({})
    return Table({k: (int(v[0]), int(v[1])) for k, v in data["counts"].items()})
