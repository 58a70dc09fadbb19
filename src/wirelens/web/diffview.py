"""Word diffs as markup people can read: kept words plain, ``<del>`` and ``<ins>`` for changes.

Linking stores each change as a list of operations without the words that stayed; a reader
needs them in place. :func:`inline_diff` aligns the two texts' words (whitespace tokens, as
:func:`wirelens.link.diff` compares a copy's edited sentences) and marks the rest; with
``normalise`` the tokens compare as :func:`wirelens.link.words.words` sees them (case and
punctuation aside), as quote traces compare wording. Words missing at either edge are a cut
(a partial quote or a truncation): with ``cuts`` they are marked ``del.cut`` rather than as a
change of wording.
Every token is escaped; the only tags are ours.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from markupsafe import Markup, escape

from wirelens.link.words import words

__all__ = ["changes_summary", "inline_diff"]


def _keys(tokens: list[str], normalise: bool) -> list[str]:
    if not normalise:
        return tokens
    return [" ".join(words(t)) or t for t in tokens]


def _join(tokens: list[str]) -> str:
    return str(escape(" ".join(tokens)))


def inline_diff(old: str, new: str, *, normalise: bool = False, cuts: bool = False) -> Markup:
    """``new`` against ``old``: shared words plain, removed ones struck, added ones marked
    (with ``cuts``, words removed at either edge are marked as a cut)."""
    a, b = old.split(), new.split()
    ops = SequenceMatcher(
        None, _keys(a, normalise), _keys(b, normalise), autojunk=False
    ).get_opcodes()
    out: list[str] = []
    last = len(ops) - 1
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            out.append(_join(b[j1:j2]))
            continue
        if i2 > i1:
            edge = cuts and tag == "delete" and index in (0, last)
            css = ' class="cut"' if edge else ""
            out.append(f"<del{css}>{_join(a[i1:i2])}</del>")
        if j2 > j1:
            out.append(f"<ins>{_join(b[j1:j2])}</ins>")
    return Markup(" ".join(out))


def changes_summary(diff: dict[str, Any]) -> list[str]:
    """A trace appearance's stored word diff in words: each change, then the cuts."""
    lines = []
    for change in diff.get("changes", []):
        op, first, here = change.get("op"), change.get("first", ""), change.get("here", "")
        if op == "replace":
            lines.append(f"“{first}” became “{here}”")
        elif op == "delete":
            lines.append(f"“{first}” left out")
        elif op == "insert":
            lines.append(f"“{here}” added")
    for key, where in (("cut_before", "before"), ("cut_after", "after")):
        n = int(diff.get(key) or 0)
        if n:
            lines.append(f"{n} word{'' if n == 1 else 's'} of the first cut {where}")
    return lines
