"""Finding attributions in a parsed document: cue, content, speaker mention and relays.

The rules work sentence by sentence on spaCy's dependency parse and on quote marks found at
the character level (:mod:`wirelens.attribute.quotes`):

* a reporting verb (:mod:`cues_table`) with a clausal complement is an indirect attribution
  whose content is the clause (mixed when the clause holds quoted fragments); what each verb
  reports is found by :mod:`clauses`;
* a speech verb next to a quote, or ending a sentence with a colon before one, attributes the
  quote (direct);
* "according to X" / "as per X" attribute the rest of the sentence to X, unless the sentence
  already has a speaker, in which case X becomes a hop of that speaker's sourcing chain;
* "X reported", "citing X", "quoted by X" around another attribution are relays (chain hops,
  :mod:`relays`);
* colons, speech-act nouns, stance adjectives, hedges and passives held by nobody
  (:mod:`constructions`) where no verb attributes;
* a tag set inside the clause it reports ("That, the commission said, would help":
  :mod:`tags`);
* quotes that go on after their tag, and floating quotes (:mod:`continuations`).

Each cue verb goes through the table of named rules in :mod:`verb_rules` (its cue, subject
and extents come from :mod:`cue_verbs`, :mod:`extents` and :mod:`quote_tags`). The output is
:class:`Found` records with character offsets; speaker resolution and chains are separate
steps (:mod:`speakers`, :mod:`chains`).
"""

from __future__ import annotations

from typing import Any

from wirelens.attribute.backward import reverse_tags
from wirelens.attribute.constructions import (
    according_found,
    colon_found,
    noun_found,
    stance_adjective,
)
from wirelens.attribute.continuations import continuations, join_reopened
from wirelens.attribute.cue_verbs import opens_attribution
from wirelens.attribute.cues_table import CUE_NOUNS
from wirelens.attribute.found import Found
from wirelens.attribute.interviews import interview_turns
from wirelens.attribute.lemmas import lemma as lemma_of
from wirelens.attribute.quotes import QuoteSpan, find_quotes, quote_at
from wirelens.attribute.relays import (
    bare_relays,
    drop_trailing_relay,
    nest_relays,
    phrase_relays,
    relay_verbs,
)
from wirelens.attribute.spans import Sent, Token, doc_text
from wirelens.attribute.verb_rules import verb_found
from wirelens.scope import Scope

__all__ = ["find"]


def find(doc: Any, scope: Scope = Scope.SPEECH) -> list[Found]:
    """All attributions in a parsed spaCy ``doc``, in text order.

    ``scope`` is ``speech`` (quotes and reported speech or thought) or ``stance`` (also the
    positions people take, "backed the bill", and desire or intention, "sought a subsidy",
    "hoped that ...": :data:`cues_table.DESIRE_VERBS`), PolNeAR's wider definition
    (:mod:`wirelens.scope`).
    """
    text = doc_text(doc)
    quotes = find_quotes(text)
    results: list[Found] = []
    sentences = list(doc.sents)
    for index, sent in enumerate(sentences):
        results.extend(_sentence_found(text, sent, index, quotes, scope))
    results.extend(continuations(text, quotes, results, sentences))
    results = join_reopened(text, quotes, results)
    results.sort(key=lambda f: f.content[0])
    results = interview_turns(text, doc, reverse_tags(text, doc, quotes, _dedupe(results)))
    nest_relays(text, results)
    return results


def _sentence_found(
    text: str, sent: Sent, index: int, quotes: list[QuoteSpan], scope: Scope
) -> list[Found]:
    """The attributions of the ``index``-th sentence: its cue verbs (with the relays among
    them), relay phrases, the stance scope's adjectives and nouns, else a colon."""
    found: list[Found] = []
    verbs: dict[int, Token] = {}
    for tok in sent:
        if not opens_attribution(tok, scope) or quote_at(quotes, tok.idx) is not None:
            continue
        one = verb_found(sent, index, tok, quotes, scope)
        if one is not None:
            found.append(one)
            verbs[id(one)] = tok
    found = relay_verbs(text, found, verbs)
    bare_relays(text, sent, found, quotes)
    _phrase_relays(text, sent, index, quotes, found)
    if scope == Scope.STANCE:
        found += _stance_constructions(text, sent, index, quotes)
    if not found:
        colon = colon_found(text, sent, index, quotes)
        if colon is not None:
            found.append(colon)
    return found


def _phrase_relays(
    text: str, sent: Sent, index: int, quotes: list[QuoteSpan], found: list[Found]
) -> None:
    """ "according to X", "citing X": a hop of the chain of every attribution of the sentence
    that does not hold the phrase; with none, "according to X" attributes the rest of the
    sentence to X (appended to ``found``)."""
    for relay, extent in phrase_relays(text, sent):
        if quote_at(quotes, extent[0]) is not None:
            continue
        for f in found:
            drop_trailing_relay(text, f, extent)
        owners = [f for f in found if not (f.content[0] <= extent[0] < f.content[1])]
        if owners:
            for f in owners:
                f.relays.append(relay)
        elif relay.relation in {"according_to", "as_per"}:
            according = according_found(text, sent, index, relay, extent)
            if according is not None:
                found.append(according)


def _stance_constructions(
    text: str, sent: Sent, index: int, quotes: list[QuoteSpan]
) -> list[Found]:
    """The stance scope's attributions without a cue verb: "is critical of X" (an adjective),
    "her attack on X" (a speech-act noun with a possessor)."""
    found: list[Found] = []
    for tok in sent:
        if quote_at(quotes, tok.idx) is not None:
            continue
        told = None
        if tok.dep_ == "acomp":
            told = stance_adjective(text, index, tok)
        elif tok.pos_ == "NOUN" and lemma_of(tok) in CUE_NOUNS:
            told = noun_found(text, index, tok)
        if told is not None:
            found.append(told)
    return found


def _dedupe(founds: list[Found]) -> list[Found]:
    """Keep one attribution per content span (the most confident, with a speaker first)."""
    best: dict[tuple[int, int], Found] = {}
    for f in founds:
        key = f.content
        old = best.get(key)
        if old is None or (f.source is not None, f.confidence) > (
            old.source is not None,
            old.confidence,
        ):
            best[key] = f
    return sorted(best.values(), key=lambda f: f.content[0])
