"""A light language guess from stopword profiles and scripts: no model, no network.

Good enough to tell English copy from French or Arabic, which is what routing to an attribution
model needs; for anything finer, HTML ``lang`` attributes (read in :mod:`wirelens.clean.markup`)
take precedence.
"""

from __future__ import annotations

import re

from wirelens.meta.language_table import PROFILES, SCRIPTS

__all__ = ["detect_language"]

_TOKEN = re.compile(r"[^\W\d_]+")
#: Characters and tokens looked at: the opening of an article decides its language.
_SAMPLE_CHARS = 3000
#: Below this share of stopword tokens the guess is too weak to report.
_MIN_SHARE = 0.08
_MIN_TOKENS = 8


def _script(sample: str) -> str | None:
    counts: dict[str, int] = {}
    letters = 0
    for ch in sample:
        if not ch.isalpha():
            continue
        letters += 1
        code = ord(ch)
        if code < 0x0370:
            continue
        for first, last, lang in SCRIPTS:
            if first <= code <= last:
                counts[lang] = counts.get(lang, 0) + 1
                break
    if not counts or not letters:
        return None
    lang, count = max(counts.items(), key=lambda item: item[1])
    if count / letters < 0.5:
        return None
    if lang == "zh" and counts.get("ja"):
        return "ja"  # Japanese mixes kanji with kana
    return lang


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = text[:_SAMPLE_CHARS]
    script = _script(sample)
    if script is not None:
        return script
    tokens = [t.casefold() for t in _TOKEN.findall(sample)]
    if len(tokens) < _MIN_TOKENS:
        return None
    best, best_score = None, 0.0
    for lang, words in PROFILES.items():
        score = sum(1 for t in tokens if t in words) / len(tokens)
        if score > best_score:
            best, best_score = lang, score
    return best if best_score >= _MIN_SHARE else None
