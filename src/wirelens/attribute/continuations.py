"""Quotes that go on: pieces of one quote, and floating quotes of the previous speaker.

News style breaks a quote around its tag ('"A," she said, "b."'), continues it after the tag's
sentence or in the next paragraph, and lets a speaker go on talking in quote-only paragraphs.
PolNeAR's guidelines call the first two "content continuations" of one attribution; the last
is a new attribution whose speaker is the previous one.
"""

from __future__ import annotations

import re

from wirelens.attribute.found import Found
from wirelens.attribute.quotes import QuoteSpan
from wirelens.attribute.spans import Sent

__all__ = ["continuations", "join_reopened"]

_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+\S")
#: Floating quotes continue a speaker found at most this many paragraphs earlier.
_FLOAT_PARAGRAPHS = 2


def continuations(
    text: str, quotes: list[QuoteSpan], founds: list[Found], sentences: list[Sent]
) -> list[Found]:
    """Quotes no cue claimed: more pieces of the quote before, or floating quotes.

    Pieces are added to the earlier attribution's ``more``; floating quotes are returned.
    """
    claimed = [f.content for f in founds]
    extra: list[Found] = []
    para_starts = [m.start() for m in re.finditer(r"\n\s*", text)]
    for q in quotes:
        if any(c[0] <= q.start + 1 and q.end - 1 <= c[1] for c in claimed):
            continue
        previous = [
            f for f in founds + extra if f.content[1] <= q.start and (f.source or f.continues)
        ]
        if not previous:
            continue
        prev = max(previous, key=lambda f: f.content[1])
        # '"A," X said, after outlets declared him the winner. "B."': the quote's own tag
        # sentence holds a later attribution; B still goes on from A
        prev = next(
            (f for f in previous if f.kind == "direct" and f.sentence == prev.sentence), prev
        )
        last_end = prev.more[-1][1] if prev.more else prev.content[1]
        gap = sum(1 for p in para_starts if last_end <= p < q.start)
        # attributions inside the tag's own sentence ('X said, two hours after outlets
        # declared him the winner. "B."') do not stand between the pieces
        between = [
            f for f in founds if last_end <= f.content[0] < q.start and f.sentence != prev.sentence
        ]
        # '"A," X said. "B."' and 'Yet A is a "change agent," X said. "B."': B goes on
        tagged = prev.kind == "direct" or (prev.kind == "mixed" and _tag_after(prev))
        if tagged and not prev.continues and not between:
            tail = text[last_end : q.start]
            # '"A," she said. "B."', '"A," she said, "b."' and '"A," she said.\n\n"B."':
            # one quote in pieces
            if (gap == 0 and (_opens_sentence(text, q) or _speech_tag(tail, prev))) or (
                gap == 1 and _speech_tag(tail, prev)
            ):
                prev.more.append((q.start, q.end))
                claimed.append((q.start, q.end))
                continue
        if q.inner_end - q.inner_start < 25 or not _opens_sentence(text, q):
            continue
        if gap > _FLOAT_PARAGRAPHS:
            continue
        index = next(
            (i for i, s in enumerate(sentences) if s.start_char <= q.start < s.end_char), 0
        )
        extra.append(
            Found(
                kind="direct",
                content=(q.start, q.end),
                sentence=index,
                source=None,
                source_head=None,
                confidence=0.5 * (1.0 if q.balanced else 0.6),
                continues=prev,
                relays=list(prev.relays),
                rule="continuation",
            )
        )
    return extra


def _speech_tag(tail: str, prev: Found) -> bool:
    """Whether ``tail`` (between two quotes) is empty or only the earlier quote's own tag."""
    if not tail.strip():
        return True
    ends = len(_SENTENCE_END.findall(tail.rstrip()))
    tag_here = _tag_after(prev)
    # '..., said X, "b."' goes on; '... said X on the show "Title."' names something
    handover = tail.rstrip()[-1:] in {",", ":"} or "\n" in tail
    return tag_here and ends == 0 and handover


def _tag_after(found: Found) -> bool:
    """Whether the cue comes after the content ('"...," she said')."""
    return found.cue is not None and found.cue[0] >= found.content[1]


def _opens_sentence(text: str, q: QuoteSpan) -> bool:
    return _before(text, q) in "\n.!?:"


def _opens_paragraph(text: str, q: QuoteSpan) -> bool:
    return _before(text, q) in {"", "\n"}


def _before(text: str, q: QuoteSpan) -> str:
    """The character before the quote's mark, past spaces on its line ("" at the start)."""
    i = q.start - 1
    while i >= 0 and text[i].isspace() and text[i] != "\n":
        i -= 1
    return text[i] if i >= 0 else ""


def join_reopened(text: str, quotes: list[QuoteSpan], founds: list[Found]) -> list[Found]:
    """One attribution for a quote that runs over paragraphs with an opening mark on each.

    '"We have the theatres ...\n\n"I have anaesthetists ...," she said.': the first paragraph
    is left open and the next reopens it, so both are one quote, tagged in its last piece. The
    attribution of the last piece spans them all (one span over the paragraphs, as the fixture
    conventions in tests/fixtures/attribution have it); the floating attributions of the earlier
    pieces go.
    """
    for index, first in enumerate(quotes):
        if not first.continued or (index and quotes[index - 1].continued):
            continue  # only from the first piece of a run
        if not _opens_paragraph(text, first):
            continue  # each piece opens its paragraph ("'80s in Houston" opens nothing)
        run = [first]
        while run[-1].continued and index + len(run) < len(quotes):
            reopening = quotes[index + len(run)]
            if text[run[-1].end : reopening.start].strip():
                break  # not the mark that opens the next paragraph: an inner quote
            if text[reopening.start] != text[first.start]:
                break  # '"...\n\n"...\n\n“...,” X said."': a quoted excerpt, not one speech
            run.append(reopening)
        pieces = [(q.start, q.end) for q in run]
        owner = next((f for f in founds if f.content == pieces[-1] and f.source), None)
        # the tag must follow the last piece: in a quoted excerpt ('"...\n\n"King said ...,"
        # King said."') the paragraphs are the writer's quotation and the tag an inner one's
        if owner is None or len(run) < 2 or not _tag_after(owner):
            continue
        founds = [f for f in founds if f.content not in pieces[:-1]]
        owner.content = (pieces[0][0], pieces[-1][1])
    return founds
