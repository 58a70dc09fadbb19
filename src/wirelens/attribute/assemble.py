"""From found spans to :class:`~wirelens.model.Attribution` records.

This is where the three steps meet: :mod:`rules` finds cue, content and mention spans,
:mod:`speakers` resolves mentions to people and organisations, :mod:`chains` orders the hops.
"""

from __future__ import annotations

from typing import Any

import msgspec

from wirelens.attribute.chains import build_chain
from wirelens.attribute.found import Found, Relay
from wirelens.attribute.rules import find
from wirelens.attribute.spans import doc_text
from wirelens.attribute.speakers import Resolver
from wirelens.model import Addressee, Attribution, Cue, Hop, Span, Speaker

__all__ = ["COMPONENT", "attributions_from_doc", "shift"]

#: Audiences that pass nothing on by name: "told reporters" is not a sourcing hop.
_GENERIC_AUDIENCES = frozenset(
    {
        "reporters",
        "journalists",
        "the press",
        "press",
        "media",
        "the media",
        "us",
        "me",
        "them",
        "crowd",
        "the crowd",
        "audience",
        "supporters",
        "students",
        "delegates",
    }
)

#: Name and version recorded on every attribution this package makes.
COMPONENT = "attribute.rules@1"


def _speaker_for(
    found: Found, resolver: Resolver, done: dict[int, Speaker | None]
) -> Speaker | None:
    if found.continues is not None:
        return resolver.continue_speaker(done.get(id(found.continues)))
    return resolver.resolve(found.source, found.antecedent)


def attributions_from_doc(
    doc: Any, *, agency: str | None = None, outlet: str | None = None, scope: str = "speech"
) -> list[Attribution]:
    """Every attribution in a parsed spaCy ``doc``; spans index ``doc.text``.

    ``scope``: ``speech`` (default) or ``stance`` (see :func:`wirelens.attribute.rules.find`).
    """
    text = doc_text(doc)
    resolver = Resolver(doc)
    done: dict[int, Speaker | None] = {}
    result: list[Attribution] = []
    for found in find(doc, scope):
        speaker = _speaker_for(found, resolver, done)
        done[id(found)] = speaker
        cue = None
        if found.cue is not None:
            cue_text = text[found.cue[0] : found.cue[1]]
            cue = Cue(
                text=cue_text,
                lemma=found.cue_lemma or cue_text.lower(),
                start=found.cue[0],
                end=found.cue[1],
            )
        addressee = None
        if found.addressee is not None:
            a_start, a_end, relation = found.addressee
            addressee = Addressee(
                name=text[a_start:a_end], relation=relation, start=a_start, end=a_end
            )
        relays = list(found.relays)
        if (
            addressee is not None
            and addressee.relation != "on"
            and addressee.name.lower().removeprefix("the ") not in _GENERIC_AUDIENCES
        ):
            span = (addressee.start, addressee.end)
            cue_span = found.cue or span
            relays.append(Relay(span, "told", text[cue_span[0] : cue_span[1]], cue_span))
        start, end = found.content
        result.append(
            Attribution(
                kind=found.kind,  # type: ignore[arg-type]
                quote=Span(text=text[start:end], start=start, end=end),
                continued=tuple(Span(text=text[a:b], start=a, end=b) for a, b in found.more),
                speaker=speaker,
                cue=cue,
                addressee=addressee,
                chain=build_chain(text, relays, agency, outlet, speaker.name if speaker else None),
                confidence=round(found.confidence, 3),
                component=COMPONENT,
            )
        )
    return result


def _shift_span(span: Any, offset: int) -> Any:
    if span is None:
        return None
    return msgspec.structs.replace(span, start=span.start + offset, end=span.end + offset)


def shift(attribution: Attribution, offset: int) -> Attribution:
    """The same attribution with every offset moved by ``offset`` (for chunked parsing)."""
    speaker = attribution.speaker
    if speaker is not None and speaker.mention is not None:
        speaker = msgspec.structs.replace(speaker, mention=_shift_span(speaker.mention, offset))
    chain = tuple(_shift_span(h, offset) if h.start is not None else h for h in attribution.chain)
    hops: tuple[Hop, ...] = chain
    return msgspec.structs.replace(
        attribution,
        quote=_shift_span(attribution.quote, offset),
        continued=tuple(_shift_span(c, offset) for c in attribution.continued),
        speaker=speaker,
        cue=_shift_span(attribution.cue, offset),
        addressee=_shift_span(attribution.addressee, offset),
        chain=hops,
    )
