"""Finding quoted stretches of text by their marks, without ever raising on odd input.

Quotes are found per paragraph, because news style re-opens a quote that continues into the
next paragraph instead of closing it ("... end of paragraph one. / "Paragraph two ..."). A mark
left open at the end of a paragraph is closed there: if the next paragraph re-opens, that is
the continuation convention (still confident); otherwise the marks were unbalanced and the
quote is kept with ``balanced=False`` so its attribution gets a lower confidence. Single marks
count as quotes only where they cannot be apostrophes (``don't``, ``the 1990s'``) and only
outside double quotes, where they are nested quotations that belong to the outer quote.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

__all__ = ["QuoteSpan", "find_quotes", "paragraphs", "quote_at"]

_DOUBLE_OPEN = "“„«‹"
_DOUBLE_CLOSE = "”»›"
_SINGLE_OPEN = "‘'"
_SINGLE_CLOSE = "’'"
_PAIRED_MARKS = frozenset({"''", "``"})
_PARAGRAPH = re.compile(r"[^\n]+")
#: Every mark :func:`_scan` reacts to; a pair (``''``, ``` `` ```) is one mark, tried first.
_MARK = re.compile(
    "''|``|[\"" + re.escape(_DOUBLE_OPEN + _DOUBLE_CLOSE + _SINGLE_OPEN + _SINGLE_CLOSE) + "]"
)
#: A quote must hold at least this many word characters to be worth attributing.
_MIN_LETTERS = 3


@dataclass(frozen=True)
class QuoteSpan:
    """A quote with its marks (``start``..``end``) and without them (``inner_*``)."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    balanced: bool = True
    continued: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of the non-empty lines of ``text`` (a paragraph is a line in a clean body)."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _single_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(before) and _is_word(after) and before not in "'’"


def _single_closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not _is_word(after)


def _scan(text: str, start: int, end: int) -> list[QuoteSpan]:
    """Pair marks inside one paragraph; an unclosed quote runs to the paragraph's end.

    Only the marks are visited (:data:`_MARK`), not every character: the text between them
    changes nothing.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    open_kind = ""
    width = 1  # characters in the opening mark
    for match in _MARK.finditer(text, start, end):
        i, ch = match.start(), match.group()
        if ch in _PAIRED_MARKS:
            # ''quote'' and ``quote'': typewriter-era double marks, common in wire archives
            if open_at is None:
                open_at, open_kind, width = i, "double", 2
            elif open_kind == "double" and ch == "''":
                spans.append(QuoteSpan(open_at, i + 2, open_at + width, i))
                open_at = None
            continue
        if open_at is None:
            width = 1
            if ch == '"' or ch in _DOUBLE_OPEN:
                open_at, open_kind = i, "double"
            elif ch in _SINGLE_OPEN and _single_opens(text, i):
                open_at, open_kind = i, "single"
        elif open_kind == "double" and (ch == '"' or ch in _DOUBLE_CLOSE):
            spans.append(QuoteSpan(open_at, i + 1, open_at + width, i))
            open_at = None
        elif open_kind == "double" and ch in _DOUBLE_OPEN and ch != "“":
            open_at, width = i, 1  # a second opening mark: the first was stray
        elif open_kind == "single" and ch in _SINGLE_CLOSE and _single_closes(text, i):
            spans.append(QuoteSpan(open_at, i + 1, open_at + 1, i))
            open_at = None
    if open_at is not None:
        inner_end = end
        while inner_end > open_at + width and text[inner_end - 1].isspace():
            inner_end -= 1
        spans.append(QuoteSpan(open_at, inner_end, open_at + width, inner_end, balanced=False))
    return spans


def _has_letters(text: str, span: QuoteSpan) -> bool:
    return sum(ch.isalpha() for ch in text[span.inner_start : span.inner_end]) >= _MIN_LETTERS


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every quote in ``text``, in order, with continuation across paragraphs resolved."""
    return list(_quotes_of(text))


@functools.lru_cache(maxsize=8)
def _quotes_of(text: str) -> tuple[QuoteSpan, ...]:
    """:func:`find_quotes`, kept for the last few texts: candidate sentences, the rules and
    speaker resolution each ask for the quotes of the same article."""
    result: list[QuoteSpan] = []
    paras = paragraphs(text)
    for index, (start, end) in enumerate(paras):
        for found in _scan(text, start, end):
            if not _has_letters(text, found):
                continue
            span = found
            if not found.balanced:
                span = _close_before_cue(text, found)
            if not span.balanced and span.end >= _rstrip(text, end) - 1:
                nxt = paras[index + 1][0] if index + 1 < len(paras) else None
                reopens = nxt is not None and (text[nxt] in '"“«‘' or text[nxt : nxt + 2] == "''")
                span = QuoteSpan(
                    span.start,
                    span.end,
                    span.inner_start,
                    span.inner_end,
                    balanced=reopens,
                    continued=reopens,
                )
            result.append(span)
    return tuple(result)


#: A reporting verb that may follow an unclosed quote ('"We are sorry, the director said.').
_CUE_WORD = re.compile(r"\b(?:said|says|told|added|adds|warned|insisted|explained)\b")
#: How far before the cue the quote's closing comma may lie (the speaker's name fits there).
_SPEAKER_REACH = 60
_SPEAKER_OPENERS = frozenset({"the", "a", "an", "his", "her", "their", "its"})


def _close_before_cue(text: str, span: QuoteSpan) -> QuoteSpan:
    """An unclosed quote ends at the comma that introduces "<speaker> said".

    Of the commas within reach before the first cue word, the leftmost one followed by a
    capitalised word or a determiner is taken: in '"..., this year, the owner, Hal Brink,
    said' that is the comma before "the owner".
    """
    cue = _CUE_WORD.search(text, span.inner_start, span.end)
    if cue is None:
        return span
    lo = max(span.inner_start, cue.start() - _SPEAKER_REACH)
    commas = [
        i for i in range(lo, cue.start()) if text[i] == "," and "." not in text[i : cue.start()]
    ]
    if not commas:
        return span
    chosen = commas[-1]  # by default the comma right before "<speaker> said"
    for comma in commas:
        words = text[comma + 1 : cue.start()].split()
        if words and (words[0][0].isupper() or words[0].lower() in _SPEAKER_OPENERS):
            chosen = comma
            break
    return QuoteSpan(span.start, chosen + 1, span.inner_start, chosen + 1, balanced=False)


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def quote_at(quotes: list[QuoteSpan], pos: int) -> QuoteSpan | None:
    """The quote whose inner text holds ``pos`` (``quotes`` sorted and non-overlapping, as
    :func:`find_quotes` returns them)."""
    i = bisect.bisect_right(quotes, pos, key=lambda q: q.inner_start) - 1
    if i >= 0 and quotes[i].inner_start <= pos < quotes[i].inner_end:
        return quotes[i]
    return None
