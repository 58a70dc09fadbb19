"""The origin of a copy group: which member the others copied.

Rules, in order (the first that separates the best member from the runner-up is recorded as
the group's reason):

1. **wire credit** - the wire's own copy: the outlet *is* the credited agency (``Northern Wire
   Service`` for NWS, by name, known alias or initials); then an article crediting an agency
   with no outlet of its own (a bare wire feed); then any article crediting an agency; then
   the rest.
2. **earliest published** time (compared in UTC); an article without a date comes after every
   dated one.
3. **most complete text**: the most words in the clean body.
4. **smallest article id** - the final, deterministic tie-break (ids are content hashes, so
   the same corpus always gives the same origin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from wirelens.meta.agencies import canonical

__all__ = ["Candidate", "choose_origin"]

RULES = ("wire credit", "earliest published", "most complete text", "smallest id")
#: how the wire-credit rule describes the origin, by its wire rank
_WIRE_NOTES = (
    "{outlet} is the credited agency {agency}'s own outlet",
    "a bare {agency} wire feed (the {agency} credit with no outlet of its own)",
    "{outlet} credits the {agency} wire, the others credit none",
    "no member credits a wire",
)
#: which rule each position of the sort key belongs to (date presence and time are one rule)
_STEP_RULE = (0, 1, 1, 2, 3)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@dataclass(frozen=True)
class Candidate:
    """What the origin choice reads about one member."""

    article_id: str
    outlet: str | None
    agency: str | None
    published: str | None
    words: int


def _initials(name: str) -> str:
    return "".join(w[0] for w in _WORD.findall(name) if w[0].isupper()).upper()


def wire_rank(outlet: str | None, agency: str | None) -> int:
    """0: the wire's own copy; 1: a bare wire feed; 2: credits a wire; 3: no wire credit."""
    if not agency:
        return 3
    if not outlet:
        return 1
    wanted = canonical(agency) or agency
    same = {outlet.casefold(), (canonical(outlet) or "").casefold(), _initials(outlet).casefold()}
    return 0 if wanted.casefold() in same else 2


def utc_time(value: str | None) -> datetime | None:
    """A published value as an aware UTC datetime; None when missing or unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def _key(c: Candidate) -> tuple[int, int, float, int, str]:
    when = utc_time(c.published)
    return (
        wire_rank(c.outlet, c.agency),
        0 if when else 1,
        when.timestamp() if when else 0.0,
        -c.words,
        c.article_id,
    )


def choose_origin(members: list[Candidate]) -> tuple[Candidate, str, str]:
    """The origin, the rule that chose it, and a one-line reason that says how ties broke."""
    ranked = sorted(members, key=_key)
    best = ranked[0]
    dated = sum(1 for m in members if utc_time(m.published))
    dates = f"{dated} of {len(members)} members dated" if dated else "no member has a date"
    if len(ranked) == 1:
        return best, RULES[3], f"a single member; {dates}"
    first, second = _key(best), _key(ranked[1])
    step = next(i for i in range(len(first)) if first[i] != second[i])
    rule = RULES[_STEP_RULE[step]]
    notes = {
        "wire credit": _WIRE_NOTES[wire_rank(best.outlet, best.agency)].format(
            outlet=best.outlet, agency=best.agency
        ),
        "earliest published": f"published first ({best.published}) among equally credited copies",
        "most complete text": f"the longest text ({best.words} words) among tied copies",
        "smallest id": "identical on credit, time and length: the smallest article id breaks it",
    }
    later = RULES[RULES.index(rule) + 1 :]
    ties = f"; ties would break by {', then '.join(later)}" if later else ""
    return best, rule, f"{rule}: {notes[rule]}; {dates}{ties}"
