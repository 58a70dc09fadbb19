"""From found spans to :class:`~wirelens.model.Attribution` records.

This is where the three steps meet: :mod:`rules` finds cue, content and mention spans,
:mod:`speakers` resolves mentions to people and organisations, :mod:`chains` orders the hops.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import msgspec

from wirelens.attribute.chains import build_chain
from wirelens.attribute.confidence import cue_class, load_table, quote_marks
from wirelens.attribute.found import Found, Relay
from wirelens.attribute.rules import find
from wirelens.attribute.spans import doc_text
from wirelens.attribute.speakers import Resolver
from wirelens.model import Addressee, Attribution, Cue, Hop, Span, Speaker
from wirelens.scope import Scope

__all__ = ["COMPONENT", "attributions_from_doc", "component_id", "resolution", "shift"]

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

#: Name and version of the attribution rules. Bump it whenever predictions change (rules,
#: speaker resolution, the confidence table): tests/attribute/test_predictions_pin.py fails
#: until you do. @2: speaker resolution (issue 15), rule and resolution on every attribution,
#: confidence from the PolNeAR train table. @4: speaker identity classes found on the PolNeAR
#: train working split (main-clause antecedents, status and lede descriptions, documents and
#: their issuers, organisation names, misspelt surnames); relative-pronoun hops named.
COMPONENT = "attribute.rules@7"


def component_id(scope: Scope, model: str | None = None) -> str:
    """What made an attribution, as recorded on it and in ``Analysis.components``:
    ``attribute.rules@4/speech/en_core_web_sm-3.8.0`` (rules version, scope, spaCy model;
    ``model`` is a pipeline package name, with or without its version, None the setting's)."""
    return f"{COMPONENT}/{scope}/{_versioned(model)}"


@cache
def _versioned(model: str | None) -> str:
    from importlib.metadata import PackageNotFoundError, version

    from wirelens.nlp_modes import model_name

    name = model or model_name()
    if "-" in name:  # already name-version (the spaCy component passes its host's meta)
        return name
    try:
        return f"{name}-{version(name)}"
    except PackageNotFoundError:
        return name


def _speaker_for(
    found: Found, resolver: Resolver, done: dict[int, Speaker | None]
) -> Speaker | None:
    if found.continues is not None:
        return resolver.continue_speaker(done.get(id(found.continues)))
    return resolver.resolve(found.source, found.antecedent)


def resolution(found: Found, speaker: Speaker | None) -> str:
    """How the speaker was resolved, as one word for ``--explain`` and the confidence table."""
    if speaker is None:
        how = "none"
    elif speaker.resolved == "pronoun" and speaker.name is None:
        how = "pronoun_unresolved"
    elif speaker.resolved == "mention":
        how = "org" if speaker.kind == "org" else "description"
    else:
        how = speaker.resolved or "none"
    return f"relay.{how}" if found.rule == "according_to" and how != "none" else how


def attributions_from_doc(
    doc: Any,
    *,
    agency: str | None = None,
    outlet: str | None = None,
    scope: Scope = Scope.SPEECH,
    model: str | None = None,
) -> list[Attribution]:
    """Every attribution in a parsed spaCy ``doc``; spans index ``doc.text``.

    ``scope``: ``speech`` (default) or ``stance`` (see :func:`wirelens.attribute.rules.find`);
    ``model`` names the spaCy pipeline that parsed ``doc`` (default: the configured one).
    """
    component = component_id(scope, model)
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
        how = resolution(found, speaker)
        cue_kind = cue_class(cue.lemma if cue else None, found.kind)
        marks = quote_marks([text[a:b] for a, b in [found.content, *found.more]])
        result.append(
            Attribution(
                kind=found.kind,  # type: ignore[arg-type]
                quote=Span(text=text[start:end], start=start, end=end),
                continued=tuple(Span(text=text[a:b], start=a, end=b) for a, b in found.more),
                speaker=speaker,
                cue=cue,
                addressee=addressee,
                chain=build_chain(
                    text,
                    relays,
                    agency,
                    outlet,
                    speaker.name if speaker else None,
                    name_of=resolver.name_of,
                ),
                confidence=load_table().precision(marks, found.rule, how, cue_kind),
                component=component,
                rule=found.rule,
                resolution=how,
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
