"""An article body as markup: each attribution's quote, cue and speaker mention highlighted.

The body is escaped piece by piece; the only tags added are ours. Each speaker gets one colour
(``c0``..``c7`` in order of first appearance, ``cx`` when nobody is named); a quote is focusable
and carries a tooltip (speaker, cue, chain, confidence) that CSS shows on hover or focus, so
it works without JavaScript. Overlapping spans cannot nest: the earlier one wins, quotes before
cues before mentions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from wirelens.model import Attribution

__all__ = ["COLOURS", "body_html", "speaker_colours"]

#: Distinct highlight colours (CSS classes c0..c7); more speakers reuse them in turn.
COLOURS = 8
_RANK = {"quote": 0, "cue": 1, "who": 2}


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str
    index: int


def speaker_colours(attributions: Sequence[Attribution]) -> dict[str, str]:
    """Speaker name -> CSS colour class, in order of first appearance."""
    colours: dict[str, str] = {}
    for attribution in attributions:
        name = _name(attribution)
        if name and name not in colours:
            colours[name] = f"c{len(colours) % COLOURS}"
    return colours


def _name(attribution: Attribution) -> str | None:
    return attribution.speaker.name if attribution.speaker else None


def _marks(body: str, attributions: Sequence[Attribution]) -> list[_Mark]:
    marks: list[_Mark] = []
    for i, a in enumerate(attributions):
        marks += [_Mark(s.start, s.end, "quote", i) for s in (a.quote, *a.continued)]
        if a.cue is not None:
            marks.append(_Mark(a.cue.start, a.cue.end, "cue", i))
        if a.speaker is not None and a.speaker.mention is not None:
            mention = a.speaker.mention
            marks.append(_Mark(mention.start, mention.end, "who", i))
    kept: list[_Mark] = []
    end = 0
    for mark in sorted(marks, key=lambda m: (m.start, _RANK[m.kind], -m.end)):
        if end <= mark.start < mark.end <= len(body):
            kept.append(mark)
            end = mark.end
    return kept


def tooltip(attribution: Attribution) -> str:
    """Speaker, cue, chain and confidence of one attribution, as one line of text."""
    speaker = _name(attribution) or "unnamed source"
    parts = [speaker, attribution.kind.replace("_", " ")]
    if attribution.cue is not None:
        parts.append(f"cue: {attribution.cue.text}")
    if attribution.chain:
        parts.append("chain: " + " → ".join(h.source for h in attribution.chain))
    parts.append(f"confidence {attribution.confidence:.2f}")
    return " · ".join(parts)


def body_html(body: str, attributions: Sequence[Attribution]) -> Markup:
    """The escaped body with the attributions marked up."""
    colours = speaker_colours(attributions)
    out: list[str] = []
    pos = 0
    for mark in _marks(body, attributions):
        a = attributions[mark.index]
        colour = colours.get(_name(a) or "", "cx")
        out.append(str(escape(body[pos : mark.start])))
        text = escape(body[mark.start : mark.end])
        if mark.kind == "quote":
            out.append(
                f'<mark class="q {colour}" tabindex="0" data-attribution="{mark.index}">{text}'
                f'<span class="tip" role="tooltip">{escape(tooltip(a))}</span></mark>'
            )
        else:
            out.append(f'<span class="{mark.kind} {colour}">{text}</span>')
        pos = mark.end
    out.append(str(escape(body[pos:])))
    return Markup("".join(out))
