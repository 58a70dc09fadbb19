"""What a copy changed against its origin, as a structured word diff (stored as JSON).

Bodies are compared sentence by sentence (sentences keep their paragraph), because that is how
aggregators edit wire copy: they add wrapper text around it, cut paragraphs (usually the last
ones), edit a sentence or a quote, move paragraphs and put a new headline on top. The result::

    {"kinds": ["wrapper", "cut", "edited", ...],       # which kinds of change are present
     "headline": {"from": ..., "to": ...} | null,
     "wrapper_added": [{"kind": "related", "text": "Also Read | ..."}],
     "paragraphs_added": [...], "paragraphs_cut": [...], "truncated": bool,
     "sentences_added": [...], "sentences_cut": [...], "moved": [...],
     "sentences_edited": [{"from": s, "to": s2, "diff": [{"op", "from", "to"}]}],
     "time_shift_seconds": int | null}

Wrapper parts are the copy's boilerplate that the cleaner set aside (site blurb, "Also Read"
inserts, disclaimers, share lines, captions) and that the origin does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from wirelens.link.origin import utc_time
from wirelens.link.shingles import words

__all__ = ["Text", "changes"]

_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")
#: two sentences of which this share of words align are the same sentence, edited
EDITED_RATIO = 0.5
#: part kinds that are not wrapper (compared on their own, or the wire's own furniture)
NOT_WRAPPER = frozenset({"headline", "dateline", "byline", "signoff"})


@dataclass(frozen=True)
class Text:
    """One side of the comparison: headline, body, boilerplate parts and time."""

    title: str | None
    body: str
    parts: tuple[tuple[str, str], ...] = ()
    published: str | None = None


def _sentences(body: str) -> list[tuple[int, str]]:
    out = []
    for index, paragraph in enumerate(p for p in _PARAGRAPH.split(body) if p.strip()):
        out += [(index, s.strip()) for s in _SENTENCE.split(paragraph.strip()) if s.strip()]
    return out


def _norm(text: str) -> str:
    return " ".join(words(text))


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """Word-level edit operations turning ``old`` into ``new`` (equal runs left out)."""
    a, b = old.split(), new.split()
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [
        {"op": tag, "from": " ".join(a[i1:i2]), "to": " ".join(b[j1:j2])}
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal"
    ]


def _ratio(old: str, new: str) -> float:
    return SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def _pair_replaced(
    old: list[tuple[int, str]], new: list[tuple[int, str]], out: dict[str, list[Any]]
) -> None:
    """Inside a replaced block, pair each old sentence with its most similar new one."""
    free = list(range(len(new)))
    for para, sentence in old:
        scored = [(_ratio(_norm(sentence), _norm(new[j][1])), j) for j in free]
        best = max(scored, default=(0.0, -1))
        if best[0] >= EDITED_RATIO:
            free.remove(best[1])
            edited = new[best[1]][1]
            out["edited"].append(
                {"from": sentence, "to": edited, "diff": word_diff(sentence, edited)}
            )
        else:
            out["cut"].append((para, sentence))
    out["added"] += [new[j] for j in free]


def _pair_moved(out: dict[str, list[Any]]) -> None:
    """A sentence cut in one place and added in another was moved (and perhaps edited)."""
    out["moved"] = []
    for cut in list(out["cut"]):
        scored = [(_ratio(_norm(cut[1]), _norm(new[1])), i) for i, new in enumerate(out["added"])]
        ratio, best = max(scored, default=(0.0, -1))
        if ratio < EDITED_RATIO:
            continue
        new = out["added"].pop(best)
        out["cut"].remove(cut)
        out["moved"].append(new[1])
        if _norm(cut[1]) != _norm(new[1]):
            out["edited"].append({"from": cut[1], "to": new[1], "diff": word_diff(cut[1], new[1])})


def _align(origin: str, copy: str) -> dict[str, list[Any]]:
    old, new = _sentences(origin), _sentences(copy)
    matcher = SequenceMatcher(
        None, [_norm(s) for _, s in old], [_norm(s) for _, s in new], autojunk=False
    )
    out: dict[str, list[Any]] = {"cut": [], "added": [], "edited": []}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            out["cut"] += old[i1:i2]
        elif tag == "insert":
            out["added"] += new[j1:j2]
        elif tag == "replace":
            _pair_replaced(old[i1:i2], new[j1:j2], out)
    _pair_moved(out)
    out["paragraph_counts"] = [
        [sum(1 for p, _ in old if p == i) for i in range(max((p for p, _ in old), default=-1) + 1)],
        [sum(1 for p, _ in new if p == i) for i in range(max((p for p, _ in new), default=-1) + 1)],
    ]
    return out


def _whole_paragraphs(
    removed: list[tuple[int, str]], counts: list[int]
) -> tuple[list[str], list[str], list[int]]:
    """Split removed sentences into whole paragraphs and single sentences."""
    by_para: dict[int, list[str]] = {}
    for para, sentence in removed:
        by_para.setdefault(para, []).append(sentence)
    whole = sorted(p for p, s in by_para.items() if len(s) == counts[p])
    paragraphs = [" ".join(by_para[p]) for p in whole]
    sentences = [s for p, ss in sorted(by_para.items()) if p not in whole for s in ss]
    return paragraphs, sentences, whole


def changes(origin: Text, copy: Text) -> dict[str, Any]:
    """The changes ``copy`` made to ``origin`` (see the module docstring for the shape)."""
    aligned = _align(origin.body, copy.body)
    old_counts, new_counts = aligned["paragraph_counts"]
    cut_paras, cut_sentences, cut_index = _whole_paragraphs(aligned["cut"], old_counts)
    added_paras, added_sentences, _ = _whole_paragraphs(aligned["added"], new_counts)
    seen = {(k, _norm(t)) for k, t in origin.parts}
    wrapper = [
        {"kind": k, "text": t}
        for k, t in copy.parts
        if k not in NOT_WRAPPER and (k, _norm(t)) not in seen
    ]
    headline = None
    if _norm(origin.title or "") != _norm(copy.title or ""):
        headline = {"from": origin.title, "to": copy.title}
    start, end = utc_time(origin.published), utc_time(copy.published)
    shift = int((end - start).total_seconds()) if start and end else None
    last = len(old_counts) - 1
    truncated = bool(cut_index) and cut_index == list(range(last - len(cut_index) + 1, last + 1))
    result: dict[str, Any] = {
        "headline": headline,
        "wrapper_added": wrapper,
        "paragraphs_added": added_paras,
        "paragraphs_cut": cut_paras,
        "truncated": truncated,
        "sentences_added": added_sentences,
        "sentences_cut": cut_sentences,
        "sentences_edited": aligned["edited"],
        "moved": aligned["moved"],
        "time_shift_seconds": shift,
    }
    kinds = {
        "headline": headline is not None,
        "wrapper": bool(wrapper or added_paras or added_sentences),
        "cut": bool(cut_paras or cut_sentences),
        "edited": bool(aligned["edited"]),
        "reordered": bool(aligned["moved"]),
        "time_shift": bool(shift),
    }
    return {"kinds": [k for k, present in kinds.items() if present], **result}
