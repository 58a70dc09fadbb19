"""The speaker registry's rules: which stored speaker names are one speaker, and why.

Articles name the same person in many ways ("Ali Khamenei", "Khamenei", "Iran's Supreme
Leader Ayatollah Ali Khamenei"), and different speakers in similar ways ("Donald Trump",
"Melania Trump"; "Israel", "Times of Israel"; "organizers", "Aware Fest organizers"). Each
rule here joins names only when a wrong join is unlikely, and records why it joined them
(the evidence ``wirelens speakers show`` prints):

- ``same name``: equal once case, leading titles and honorifics ("Ayatollah", "President",
  "Dr.") and a leading possessive ("Iran's") are set aside;
- ``title``: a person's full name with capitalised words in front that include a title
  ("Harbour Minister Ilse Varga" is "Ilse Varga"); the shorter name must be a person's full
  name, so different first names never meet;
- ``surname``: a one-word name joins the only person whose full name ends with it (two Smiths:
  "Smith" stays apart); an organisation or place ("Times of Israel") is never a person here.

Descriptions ("organizers", "both the FBI and State Department") and organisation names join
nothing but themselves. User decisions (``merge``, ``split``) are applied after these rules,
in the order they were made, so they survive every re-ingest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Decision",
    "Link",
    "kind_of",
    "lookup_key",
    "resolve",
]

#: Titles and honorifics set aside when names are compared (lowercase, without dots).
TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam ayatollah sheikh sheik imam
    rabbi rev reverend father pope cardinal bishop archbishop king queen prince princess emir
    sultan president vice prime minister premier chancellor secretary senator sen rep
    representative congressman congresswoman gov governor mayor general gen col colonel
    lieutenant lt capt captain major maj admiral adm sgt sergeant commander chief justice judge
    ambassador supreme leader deputy foreign interior defence defense finance health first
    former acting state grand mufti cleric spokesman spokeswoman spokesperson
    director chairman chairwoman chair commissioner executive ceo founder envoy councillor
    councilman councilwoman superintendent inspector detective officer
    """.split()  # noqa: SIM905
)
#: Words that make a name an organisation's (or a place's, a newspaper's) rather than a person's.
ORG_WORDS = frozenset(
    """
    department ministry office agency bureau service commission committee council court
    government administration times post journal herald tribune gazette news press agency
    reuters associated university institute foundation fund bank company corp inc ltd group
    party union association federation organization organisation army police forces force
    navy nations league parliament senate congress assembly house board authority network
    tv radio television broadcasting
    """.split()  # noqa: SIM905
)
#: Lowercase words an organisation's or a person's proper name may contain.
CONNECTORS = frozenset("of the and for on in at de del da di van von bin al la le du".split())  # noqa: SIM905

#: Words that make a capitalised name a place's ("South Sudan", "New Norvale"), not a person's.
PLACE_WORDS = frozenset(
    """
    north south east west northern southern eastern western central new united republic
    kingdom states city county province island islands los las
    """.split()  # noqa: SIM905
)
#: Name suffixes written in capitals that are not acronyms.
_SUFFIXES = frozenset({"II", "III", "IV", "JR", "SR"})


def _not_a_name_word(token: str) -> bool:
    """An acronym ("AMD", "RCMP") or a token that does not start with a letter ("-")."""
    if not token[0].isalpha():
        return True
    letters = token.replace(".", "")
    return (
        len(letters) >= 2 and letters.isalpha() and letters.isupper() and (letters not in _SUFFIXES)
    )


_TOKEN = re.compile(r"[^\s]+")
#: Names whose kind and lookup key are remembered (the registry is rebuilt after each batch).
CACHED_NAMES = 262_144


@dataclass(frozen=True)
class Link:
    """One stored name (``alias``) and the speaker it belongs to, with the rule that said so."""

    alias: str
    speaker: str
    rule: str


@dataclass(frozen=True)
class Decision:
    """A user's ``merge`` (``name`` takes ``other``) or ``split`` (``other`` leaves ``name``)."""

    action: str
    name: str
    other: str


def _tokens(name: str) -> list[str]:
    return [t.strip('.,;:"“”()') for t in _TOKEN.findall(name) if t.strip('.,;:"“”()')]


@lru_cache(maxsize=CACHED_NAMES)
def kind_of(name: str) -> str:
    """``person`` (2-4 capitalised words), ``single`` (one capitalised word), ``org`` (an
    organisation, outlet or place: "Times of Israel", "State Department") or ``generic`` (a
    description with lowercase words: "organizers", "Aware Fest organizers")."""
    tokens = _tokens(name)
    if not tokens:
        return "generic"
    lowered = [t.lower() for t in tokens]
    if any(t[0].islower() and t.lower() not in CONNECTORS for t in tokens):
        return "generic"
    if tokens[0][0].islower():  # "the ..." or "of ..." at the start: a description
        return "generic"
    if any(t in ORG_WORDS for t in lowered) or any(t in CONNECTORS for t in lowered[1:-1]):
        return "org"
    if any(t.lower() in PLACE_WORDS or _not_a_name_word(t) for t in tokens):
        return "org"  # "South Sudan", "T - Mobile US", "RCMP Sgt", "INS Mysore"
    core = _strip_titles(lowered)
    if len(core) == 1:
        return "generic" if core[0] in TITLES else "single"  # "Sgt" alone describes
    return "person" if 2 <= len(core) <= 4 else "org"


def _strip_titles(lowered: Sequence[str]) -> list[str]:
    """Leading titles, honorifics and possessives set aside (at least one word kept)."""
    words = list(lowered)
    while len(words) > 1 and (words[0] in TITLES or words[0].endswith(("'s", "’s"))):
        words.pop(0)
    return words


@lru_cache(maxsize=CACHED_NAMES)
def lookup_key(name: str) -> str:
    """How a name is compared: lowercase, and for people without leading titles. A name
    with an acronym keeps its case ("WHO" is not "who")."""
    tokens = _tokens(name)
    if any(t[0].isalpha() and _not_a_name_word(t) for t in tokens):
        return " ".join(tokens[1:] if tokens[0].lower() == "the" and len(tokens) > 1 else tokens)
    lowered = [t.lower() for t in tokens]
    if kind_of(name) in {"person", "single"}:
        lowered = _strip_titles(lowered)
    elif lowered[:1] == ["the"] and len(lowered) > 1:
        lowered = lowered[1:]
    return " ".join(lowered)


def _title_target(key: str, people: dict[str, str]) -> str | None:
    """The person key that ``key`` ends with after a prefix naming a title, if exactly one."""
    words = key.split()
    for cut in range(1, len(words) - 1):
        prefix, rest = words[:cut], " ".join(words[cut:])
        if rest in people and any(w in TITLES or w.endswith("'s") for w in prefix):
            return rest
    return None


def _display_rank(name: str, count: int) -> tuple[bool, bool, int, int, str]:
    """Sort key for a speaker's shown name: untitled, a full name, most quoted, shortest."""
    titled = lookup_key(name) != " ".join(t.lower() for t in _tokens(name))
    return (titled, kind_of(name) != "person", -count, len(name), name)


class _Groups:
    """Union-find over names, remembering why each name joined its group."""

    def __init__(self, names: Iterable[str]) -> None:
        self.parent = {n: n for n in names}
        self.rule = dict.fromkeys(self.parent, "own name")

    def find(self, name: str) -> str:
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, name: str, into: str, rule: str) -> None:
        a, b = self.find(name), self.find(into)
        if a != b:
            self.parent[a] = b
        self.rule[name] = rule

    def split(self, name: str) -> None:
        members = [n for n in self.parent if self.find(n) == self.find(name)]
        rest = [n for n in members if n != name]
        for n in members:
            self.parent[n] = n
        for n in rest[1:]:
            self.parent[n] = rest[0]
        self.rule[name] = "split by user"


def resolve(counts: dict[str, int], decisions: Sequence[Decision] = ()) -> dict[str, Link]:
    """Each stored name's speaker: the rules above, then the user's ``decisions`` in order.

    ``counts`` gives how often each name is quoted; a speaker is shown under its most quoted
    name without a title (ties: the shorter, then alphabetical).
    """
    groups = _Groups(counts)
    by_key: dict[str, str] = {}
    for name in sorted(counts, key=lambda n: (-counts[n], len(n), n)):
        kind = kind_of(name)
        key = lookup_key(name) if kind != "generic" else name.lower().strip()
        if key in by_key:
            groups.join(name, by_key[key], "same name")
        else:
            by_key[key] = name
    people = {k: n for k, n in by_key.items() if kind_of(n) == "person"}
    for key, name in by_key.items():
        if kind_of(name) == "person" and (target := _title_target(key, people)):
            groups.join(name, people[target], "title")
    surnames: dict[str, list[str]] = {}
    for key in people:
        surnames.setdefault(key.split()[-1], []).append(key)
    first_names = {key.split()[0] for key in people}
    # a word also stored in lowercase ("jury", "critics") is a common noun, not a surname
    common = {name.lower() for name in counts if kind_of(name) == "generic"}
    for key, name in by_key.items():
        owners = surnames.get(key, []) if kind_of(name) == "single" else []
        if key in first_names or key in common:
            continue  # "Charles": Jamaal Charles, or Charles Craft?
        if len(owners) == 1:
            groups.join(name, people[owners[0]], "surname")
    for decision in decisions:
        if decision.name not in counts or decision.other not in counts:
            continue  # a name no longer stored: the decision waits for it
        if decision.action == "merge":
            groups.join(decision.other, decision.name, "merged by user")
        elif decision.action == "split":
            groups.split(decision.other)
    members: dict[str, list[str]] = {}
    for name in counts:
        members.setdefault(groups.find(name), []).append(name)
    links: dict[str, Link] = {}
    for names in members.values():
        shown = (
            names[0]
            if len(names) == 1
            else min(names, key=lambda n: (groups.rule[n] == "title", _display_rank(n, counts[n])))
        )
        for name in names:
            links[name] = Link(name, shown, groups.rule[name])
    return links
