"""What an article says about its event, as weighted terms: the words of the body, the names
in it and the words of its lede.

Independent write-ups of one event share few sentences but the same names (people, places,
organisations), the same numbers and years, and the same facts in the first sentences; two
events of the same kind (two earthquakes, two arrests of two actors) share the vocabulary but
not the names. So an article is three blocks of terms, each TF-IDF weighted and normalised on
its own, then weighted against each other (:data:`BLOCK_WEIGHTS`):

* ``w:`` every word of title and body (lowercased, English stop words out);
* ``e:`` capitalised runs that do not open a sentence, as a whole and word by word, and years;
* ``l:`` the words of the title and the first :data:`LEDE_SENTENCES` sentences.

No model is needed: the capitalisation rule is cheap and carries to any Latin-script news.
Lines that are bare web addresses are dropped (a body pasted with its URL).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["BLOCK_WEIGHTS", "LEDE_SENTENCES", "idf", "term_counts", "weigh"]

#: How much each block counts against the others (chosen on ECB+, see README).
BLOCK_WEIGHTS: Mapping[str, float] = {"w": 1.0, "e": 1.0, "l": 1.0}
#: Sentences of the body read as the lede (with the title).
LEDE_SENTENCES = 3

_WORD = re.compile(r"(?u)\b\w\w+\b")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")
_YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_URL_LINE = re.compile(r"^\s*(?:https?\s*:|www\s*\.)", re.IGNORECASE)
_EDGE = "\"'`“”‘’,.;:!?()[]{}«»"


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


def _sentences(body: str) -> list[str]:
    lines = [line for line in body.splitlines() if not _URL_LINE.match(line)]
    return [s for s in _SENTENCE.split("\n".join(lines)) if s.strip()]


def _names(sentence: str) -> list[str]:
    """Capitalised runs after the first word: each run whole and, if longer, word by word."""
    out: list[str] = []
    run: list[str] = []
    for position, token in enumerate([*sentence.split(), ""]):
        word = token.strip(_EDGE)
        if position > 0 and word[:1].isupper() and word.lower() not in ENGLISH_STOP_WORDS:
            run.append(word.lower())
            continue
        if run:
            out.append("_".join(run))
            if len(run) > 1:
                out += run
            run = []
    return out


def term_counts(title: str | None, body: str) -> Counter[str]:
    """The article's terms, prefixed by block (``w:``, ``e:``, ``l:``), with their counts."""
    sentences = _sentences(body)
    head = title or ""
    counts: Counter[str] = Counter()
    counts.update("w:" + w for w in _words(head + "\n" + "\n".join(sentences)))
    for sentence in [head, *sentences]:
        counts.update("e:" + n for n in _names(sentence))
    counts.update("e:" + y for y in _YEAR.findall(head + "\n" + body))
    lede = "\n".join([head, *sentences[:LEDE_SENTENCES]])
    counts.update("l:" + w for w in _words(lede))
    return counts


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency (scikit-learn's): rarer terms weigh more."""
    return math.log((1 + n) / (1 + df)) + 1.0


def weigh(counts: Mapping[str, int], df: Mapping[str, int], n: int) -> dict[str, float]:
    """Sublinear TF-IDF per block, each block unit-length times its weight, the whole unit-length.

    ``df`` maps a term to the number of articles having it among ``n`` (unknown terms: 1).
    """
    blocks: dict[str, dict[str, float]] = {}
    for term, count in counts.items():
        weight = (1.0 + math.log(count)) * idf(df.get(term, 1), n)
        blocks.setdefault(term[0], {})[term] = weight
    vector: dict[str, float] = {}
    for block, terms in blocks.items():
        norm = math.sqrt(sum(v * v for v in terms.values()))
        for term, value in terms.items():
            vector[term] = value / norm * BLOCK_WEIGHTS.get(block, 1.0)
    total = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {term: value / total for term, value in vector.items()}
