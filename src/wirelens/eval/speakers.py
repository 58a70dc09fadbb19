"""Scoring speaker identity: is the person (or organisation) we name the one the text means?

PolNeAR's exact-span score cannot see a wrong identity: the span "Mrs. Trump" matches the gold
source while the name resolved for it may be "Donald Trump". This module scores the name.

The gold is a standoff TSV (``referents/speaker-referents.tsv`` for dev,
``referents/speaker-referents-train.tsv`` for a sample of train; see ``referents/README.md``):
per PolNeAR source, its article, offsets, mention type (pronoun, description, surname, full
name, organisation) and the canonical name of its referent, annotated by reading, or
``unknown`` where the text never says who it is. No article text is stored: a full name labelled
automatically holds ``@START-END``, the offsets of the name in the article, which
:meth:`GoldSource.named` reads from the PolNeAR text under ``../shared/data`` when scoring.

The metric:

* **matching**: each gold source is paired with the predicted speaker mention (or in-text chain
  hop, "according to X") that overlaps it most, one to one, after trimming whitespace and edge
  punctuation; ``matched`` is the share of gold sources paired;
* **identity accuracy**: on the matched gold sources whose referent is known, the share whose
  predicted canonical name is *equivalent* to the gold name, overall and per mention type;
* **name equivalence** (:func:`equivalent`), case-insensitive after dropping accents,
  possessives, honorifics ("Mr.", "Sen.", "President"), suffixes ("Jr.") and a leading "the":
  equal names; or the same surname (last word) with the same first initial where both give a
  first name; or a bare surname when no other gold referent of the article shares that surname
  (so "Trump" is Donald Trump only in an article without Ivana or Melania Trump); or an
  acronym of the other ("IMF", "AROS" skipping "to"); or, for organisations, one name inside
  the other with the same head word, the last word before "of"/"for" ("The Times" / "New York
  Times", "U.S. Court of Appeals" / "U.S. Court of Appeals for the Sixth Circuit", not "Trump"
  / "Trump campaign");
* **baseline**, on the same matched mentions: the named PERSON entity (spaCy NER) inside the
  mention, else the nearest one ending before it. It is also scored on every gold span
  (``baseline_all``), where it needs no match.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from wirelens.errors import EvalError
from wirelens.eval.attribution import _trim
from wirelens.eval.standoff import Offsets

__all__ = [
    "MENTION_TYPES",
    "SPLITS",
    "GoldSource",
    "Mention",
    "SpeakerScorer",
    "baseline_resolver",
    "equivalent",
    "load_gold",
    "wirelens_mentions",
]

MENTION_TYPES = ("pronoun", "description", "surname", "full name", "organisation")
UNKNOWN = "unknown"
#: The shipped gold files per PolNeAR split: dev (the first set, used to find error classes) and
#: train (a second set, annotated later as a working split; see ``referents/README.md``).
SPLITS = {"dev": "speaker-referents.tsv", "train": "speaker-referents-train.tsv"}
_COLUMNS = ["article", "start", "end", "type", "canonical", "labelled"]
#: words a name comparison ignores: article, honorifics and titles, generational suffixes
_DROP = frozenset(
    "the mr mrs ms miss dr sen rep gov president senator sir rev jr sr ii iii".split()  # noqa: SIM905
)
_WORD = re.compile(r"[\w-]+")
#: a canonical name given as offsets into the article text (see :meth:`GoldSource.named`)
_NAME_AT = re.compile(r"@(\d+)-(\d+)")
#: Words an acronym may skip: AROS is the Alliance to Reclaim Our Schools.
_SMALL = frozenset({"of", "to", "for", "and", "on", "in", "at"})


@dataclass(frozen=True)
class GoldSource:
    """One annotated source: where it is, what kind of mention, whom it denotes."""

    article: str
    start: int
    end: int
    type: str
    canonical: str
    labelled: str

    def named(self, text: str) -> GoldSource:
        """This source with its canonical name read from ``text`` when the file gives only the
        name's offsets (``@START-END``: a full name labelled with itself)."""
        found = _NAME_AT.fullmatch(self.canonical) if self.labelled == "auto" else None
        if found is None:  # a name decided by reading (a handle such as "@name" included)
            return self
        name = text[int(found[1]) : int(found[2])]
        return GoldSource(self.article, self.start, self.end, self.type, name, self.labelled)


@dataclass(frozen=True)
class Mention:
    """A predicted speaker mention (or in-text hop) and the name resolved for it."""

    start: int
    end: int
    name: str | None
    hop: bool = False


def load_gold(path: Path | None = None, split: str = "dev") -> list[GoldSource]:
    """The shipped annotations of a PolNeAR ``split`` (:data:`SPLITS`), or a TSV with the same
    columns at ``path``. Lines starting with ``#`` above the header say how it was made."""
    if path is None:
        if split not in SPLITS:
            raise EvalError(f"no shipped speaker gold for split {split!r} (have: dev, train)")
        where = SPLITS[split]
        text = (resources.files("wirelens.eval") / "referents" / where).read_text(encoding="utf-8")
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise EvalError(f"cannot read gold file {path}: {exc.strerror}") from exc
        where = str(path)
    lines = text.splitlines()
    skip = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    rows = list(csv.reader(lines[skip:], delimiter="\t"))
    if not rows or rows[0] != _COLUMNS:
        raise EvalError(f"{where}: expected a header {' / '.join(_COLUMNS)}")
    gold = []
    for number, row in enumerate(rows[1:], start=skip + 2):
        try:
            article, start, end, kind, canonical, labelled = row
            source = GoldSource(article, int(start), int(end), kind, canonical, labelled)
        except ValueError:
            raise EvalError(f"{where}:{number}: expected 6 tab-separated fields") from None
        if kind not in MENTION_TYPES or source.end <= source.start:
            raise EvalError(f"{where}:{number}: bad type {kind!r} or offsets")
        gold.append(source)
    return gold


def _words(name: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore")
    low = re.sub(r"'s\b|\.", "", plain.decode().lower())
    return [w for w in _WORD.findall(low) if w not in _DROP]


def _surname(name: str) -> str | None:
    words = _words(name)
    return words[-1] if words else None


def _head(words: list[str]) -> str:
    """A name's head word: the last before "of"/"for" ("court" of "court of appeals for ...")."""
    cut = next((i for i, w in enumerate(words) if w in {"of", "for"} and i > 0), len(words))
    return words[cut - 1]


def equivalent(predicted: str | None, gold: str, article_names: Sequence[str] = ()) -> bool:
    """Whether a predicted canonical name denotes the gold referent (rule in the module doc)."""
    if not predicted:
        return False
    p, g = _words(predicted), _words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    short, long_ = (p, g) if len(p) <= len(g) else (g, p)
    if len(short) == 1 and len(long_) > 1:  # IMF / International Monetary Fund
        initials = "".join(w[0] for w in long_ if w not in _SMALL)
        if short[0] in {initials, "".join(w[0] for w in long_)}:
            return True
    if set(short) <= set(long_) and _head(short) == _head(long_) and len(short) > 1:
        return True  # "U.S. Court of Appeals" / "U.S. Court of Appeals for the Sixth Circuit"
    if p[-1] == g[-1]:
        if len(p) > 1 and len(g) > 1:
            return p[0][0] == g[0][0] or set(short) <= set(long_)
        others = {
            n for n in article_names if _surname(n) == g[-1] and _words(n)[:1] != g[:1]
        }  # a namesake in the article: a bare surname does not say which
        return not others
    return False


@dataclass
class _Tally:
    right: int = 0
    scored: int = 0

    def share(self) -> float:
        return round(self.right / self.scored, 4) if self.scored else 0.0


def _overlap(a: Offsets, b: Offsets) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(text: str, gold: Sequence[GoldSource], mentions: Sequence[Mention]) -> dict[int, int]:
    """Gold index -> mention index, one to one, most overlapping characters first.

    A speaker mention wins over an in-text hop covering the same characters.
    """
    pairs = []
    for gi, g in enumerate(gold):
        gs = _trim(text, (g.start, g.end)) or (g.start, g.end)
        for mi, m in enumerate(mentions):
            ms = _trim(text, (m.start, m.end)) or (m.start, m.end)
            shared = _overlap(gs, ms)
            if shared:
                pairs.append((shared, not m.hop, gi, mi))
    chosen: dict[int, int] = {}
    used: set[int] = set()
    for _, _, gi, mi in sorted(pairs, reverse=True):
        if gi not in chosen and mi not in used:
            chosen[gi] = mi
            used.add(mi)
    return chosen


Resolver = Callable[[str], Sequence[Mention]]
Baseline = Callable[[str, Offsets], str | None]


@dataclass
class SpeakerScorer:
    """Accumulates identity accuracy over articles for wirelens and the baseline."""

    ours: dict[str, _Tally] = field(default_factory=dict)
    baseline: dict[str, _Tally] = field(default_factory=dict)
    baseline_all: dict[str, _Tally] = field(default_factory=dict)
    gold: int = 0
    matched: int = 0
    unknown: int = 0
    articles: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def _count(self, table: dict[str, _Tally], kind: str, right: bool) -> None:
        for key in (kind, "overall"):
            tally = table.setdefault(key, _Tally())
            tally.scored += 1
            tally.right += right

    def add(
        self,
        text: str,
        gold: Sequence[GoldSource],
        mentions: Sequence[Mention],
        baseline: Baseline,
    ) -> None:
        """Score one article's predicted mentions (and the baseline) against its gold."""
        self.articles += 1
        names = sorted({g.canonical for g in gold if g.canonical != UNKNOWN})
        pairs = match(text, gold, mentions)
        for gi, g in enumerate(gold):
            self.gold += 1
            mi = pairs.get(gi)
            self.matched += mi is not None
            if g.canonical == UNKNOWN:
                self.unknown += 1
                continue
            self._count(
                self.baseline_all,
                g.type,
                equivalent(baseline(text, (g.start, g.end)), g.canonical, names),
            )
            if mi is None:
                continue
            m = mentions[mi]
            right = equivalent(m.name, g.canonical, names)
            self._count(self.ours, g.type, right)
            if not right:
                self.errors.append(
                    {
                        "article": g.article,
                        "start": g.start,
                        "end": g.end,
                        "type": g.type,
                        "gold": g.canonical,
                        "predicted": m.name,
                    }
                )
            base = baseline(text, (m.start, m.end))
            self._count(self.baseline, g.type, equivalent(base, g.canonical, names))

    def report(self) -> dict[str, Any]:
        """Accuracy per mention type and overall, for ours and the baselines, plus counts."""

        def table(tallies: dict[str, _Tally]) -> dict[str, dict[str, float]]:
            keys = [k for k in (*MENTION_TYPES, "overall") if k in tallies]
            return {k: {"accuracy": tallies[k].share(), "n": tallies[k].scored} for k in keys}

        return {
            "ours": table(self.ours),
            "baseline": table(self.baseline),
            "baseline_all": table(self.baseline_all),
            "gold": self.gold,
            "unknown": self.unknown,
            "matched": round(self.matched / self.gold, 4) if self.gold else 0.0,
            "articles": self.articles,
        }


def wirelens_mentions(scope: str = "stance") -> Resolver:
    """wirelens' speaker mentions with their canonical names, and in-text chain hops."""
    from wirelens.attribute import extract, setup

    setup()

    def predict(text: str) -> list[Mention]:
        out = []
        for a in extract(text, scope=scope):
            mention = a.speaker.mention if a.speaker else None
            if a.speaker is not None and mention is not None:
                out.append(Mention(mention.start, mention.end, a.speaker.name))
            for hop in a.chain:
                if hop.start is not None and hop.end is not None:
                    out.append(Mention(hop.start, hop.end, hop.source, hop=True))
        return out

    return predict


def baseline_resolver() -> Callable[[str], Baseline]:
    """Per text, a resolver: the PERSON entity inside a span, else the nearest one before it."""
    from wirelens.attribute.nlp import load, one_blas_thread

    nlp = load(None, "full")  # the baseline is spaCy's own NER over the whole text

    def for_text(text: str) -> Baseline:
        with one_blas_thread():
            doc = nlp(text)
        people: list[tuple[int, int, str]] = [
            (e.start_char, e.end_char, str(e.text)) for e in doc.ents if e.label_ == "PERSON"
        ]

        def resolve(_: str, span: Offsets) -> str | None:
            inside = [p for p in people if span[0] <= p[0] and p[1] <= span[1]]
            if inside:
                return inside[0][2]
            before = [p for p in people if p[1] <= span[0]]
            return before[-1][2] if before else None

        return resolve

    return for_text
