"""Reading the attribution fixtures and comparing expected attributions with predicted ones.

The fixtures in ``tests/fixtures/attribution`` are the specification of issue 3 by example
(see the README there for the annotation conventions). This module holds the comparison rules
so that the test module reads as a list of assertions, and so the rules live in one place:
how a quote is located in the body, when a predicted attribution matches an expected one
(one-to-one, by quote overlap), and what counts as the same name, cue or chain.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec

from tests.conftest import FIXTURES
from wirelens.model import Attribution, Hop

FOLDER = FIXTURES / "attribution"
KINDS = frozenset({"direct", "indirect", "mixed", "according_to"})
RELATIONS = frozenset(
    {"according_to", "as_per", "citing", "reported", "quoted_by", "told", "agency", "outlet"}
)
#: How far (characters) a predicted speaker mention may lie from its quote.
MENTION_WINDOW = 300
#: How many characters a predicted name may add around an expected one (``the daily X``).
NAME_SLACK = 25

_EDGE = " \t\r\n\"'“”‘’«»„‹›.,;:!?"
_SPACES = re.compile(r"\s+")
_HONORIFICS = re.compile(r"^(?:(?:dr|mr|mrs|ms|prof|sir)\.?\s+)+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


@dataclass(frozen=True)
class Fixture:
    """One fixture article: its name, raw text and parsed expectation."""

    name: str
    text: str
    spec: dict[str, Any]

    @property
    def expected(self) -> list[dict[str, Any]]:
        attributions: list[dict[str, Any]] = self.spec["attributions"]
        return attributions

    def named_speakers(self) -> set[str]:
        """Normalised canonical names of every named speaker expected in the article."""
        names: set[str] = set()
        for exp in self.expected:
            names.update(norm_name(n) for n in alternatives(exp["speaker"]["name"]) if n)
        return names


def load_fixtures() -> list[Fixture]:
    """Every ``*.txt`` with its ``*.json`` expectation, sorted by name."""
    fixtures = []
    for path in sorted(FOLDER.glob("*.txt")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        fixtures.append(Fixture(path.stem, path.read_text(encoding="utf-8"), spec))
    return fixtures


def alternatives(value: Any) -> list[Any]:
    """An expectation field is a value or a list of acceptable values."""
    return list(value) if isinstance(value, list) else [value]


def norm_quote(text: str) -> str:
    """Quote text for exact comparison: one space between words, no marks or edge punctuation.

    A leading complementizer ("that ...") is ignored: wirelens keeps it in reported content, as
    PolNeAR's annotators do, while these expectations leave it out; both mark the same content.
    """
    norm = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip(_EDGE)
    return norm[5:].strip(_EDGE) if norm.lower().startswith("that ") else norm


def norm_name(text: str) -> str:
    """A name for comparison: case, a leading ``the``, honorifics and apostrophe style ignored."""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", text).translate(_APOSTROPHES))
    name = name.strip(_EDGE.replace("'", "")).lower()
    name = name.removeprefix("the ")
    return _HONORIFICS.sub("", name).removesuffix("'s").strip()


def contains_words(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as whole words (case-insensitive)."""
    pattern = r"(?<!\w)" + re.escape(needle.strip()) + r"(?!\w)"
    return re.search(pattern, haystack, flags=re.IGNORECASE) is not None


def same_name(predicted: str | None, expected: Any) -> bool:
    """A predicted source/addressee names the expected one (equal, or it plus a descriptor)."""
    if predicted is None:
        return False
    got = norm_name(predicted)
    for option in alternatives(expected):
        want = norm_name(option)
        if got == want or (contains_words(got, want) and len(got) <= len(want) + NAME_SLACK):
            return True
    return False


def locate(body: str, exp: dict[str, Any]) -> tuple[int, int] | None:
    """Where the expected quote (or its distinctive substring) lies in ``body``, if it does."""
    quote: str = exp["quote"]
    anchor: str | None = exp.get("anchor")
    if anchor is not None:
        at = body.find(anchor)
        if at < 0:
            return None
        inner = anchor.find(quote)
        return at + inner, at + inner + len(quote)
    at = body.find(quote)
    if at < 0:
        # Exact content may be compared without its trailing marks; locate the trimmed form.
        trimmed = norm_quote(quote)
        at = body.find(trimmed)
        return None if at < 0 else (at, at + len(trimmed))
    return at, at + len(quote)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Number of characters two half-open spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def pieces(attribution: Attribution) -> list[Attribution]:
    """The attribution, then each continued piece as the floating quote it stands for.

    A quote that goes on after its tag ('"A," she said. "B."', or "B." opening the next
    paragraph) is one attribution with ``continued`` pieces, as PolNeAR annotates it; the
    fixtures describe "B." as a floating quote of the same speaker, with no cue or mention.
    """
    views = [attribution]
    speaker = attribution.speaker
    for piece in attribution.continued:
        views.append(
            msgspec.structs.replace(
                attribution,
                quote=piece,
                continued=(),
                cue=None,
                addressee=None,
                speaker=msgspec.structs.replace(speaker, mention=None) if speaker else None,
            )
        )
    return views


def match(
    located: dict[str, tuple[int, int]], predicted: Sequence[Attribution]
) -> dict[str, Attribution]:
    """Pair expected ids with predicted quotes or pieces one-to-one, largest overlap first."""
    views = [view for attribution in predicted for view in pieces(attribution)]
    pairs = []
    for exp_id, span in located.items():
        for index, view in enumerate(views):
            shared = overlap(span, (view.quote.start, view.quote.end))
            if shared:
                pairs.append((shared, exp_id, index))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    result: dict[str, Attribution] = {}
    used: set[int] = set()
    for _, exp_id, index in pairs:
        if exp_id in result or index in used:
            continue
        result[exp_id] = views[index]
        used.add(index)
    return result


def gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters between two spans (0 when they touch or overlap)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def chain_pairs(chain: Iterable[Hop]) -> list[tuple[str, str]]:
    """Predicted hops as (source, relation), a source repeated in a row collapsed to one hop."""
    pairs: list[tuple[str, str]] = []
    for hop in chain:
        if pairs and norm_name(pairs[-1][0]) == norm_name(hop.source):
            continue
        pairs.append((hop.source, hop.relation))
    return pairs


def check_quote(exp: dict[str, Any], got: Attribution, span: tuple[int, int]) -> list[str]:
    """Problems with the predicted quote span against the expectation."""
    text = got.quote.text
    problems = []
    if exp["match"] == "exact":
        if norm_quote(text) != norm_quote(exp["quote"]):
            problems.append(f"quote {text!r} != expected {exp['quote']!r}")
    elif not (got.quote.start <= span[0] and span[1] <= got.quote.end):
        problems.append(f"quote {text!r} does not contain {exp['quote']!r}")
    flat = _SPACES.sub(" ", text)
    problems += [
        f"quote {text!r} lacks {part!r}"
        for part in exp.get("also_contains", ())
        if _SPACES.sub(" ", part) not in flat
    ]
    problems += [
        f"quote {text!r} must not contain {part!r}"
        for part in exp.get("not_contains", ())
        if part in text
    ]
    return problems


def check_speaker(fixture: Fixture, exp: dict[str, Any], got: Attribution) -> list[str]:
    """Problems with the predicted speaker: canonical name and mention."""
    want = exp["speaker"]
    speaker = got.speaker
    name = speaker.name if speaker else None
    problems = []
    if want["name"] is None:
        if name is not None and norm_name(name) in fixture.named_speakers():
            problems.append(f"anonymous speaker resolved to {name!r}, someone else")
        elif name is not None and not contains_words(fixture.text, norm_name(name)):
            problems.append(f"anonymous speaker given a name not in the article: {name!r}")
    elif name is None or norm_name(name) not in {norm_name(n) for n in alternatives(want["name"])}:
        problems.append(f"speaker {name!r} != expected {want['name']!r}")
    if want["mention"] is None:
        return problems
    mention = speaker.mention if speaker else None
    if mention is None:
        problems.append(f"no speaker mention; expected one containing {want['mention']!r}")
        return problems
    if not contains_words(mention.text, want["mention"]):
        problems.append(f"mention {mention.text!r} does not contain {want['mention']!r}")
    distance = gap((mention.start, mention.end), (got.quote.start, got.quote.end))
    if exp.get("where") != "title" and distance > MENTION_WINDOW:
        problems.append(f"mention {mention.text!r} is {distance} chars from its quote")
    return problems


def check_fields(exp: dict[str, Any], got: Attribution) -> list[str]:
    """Problems with kind, cue and addressee."""
    problems = []
    if got.kind not in alternatives(exp["kind"]):
        problems.append(f"kind {got.kind!r} != expected {exp['kind']!r}")
    lemma = _SPACES.sub(" ", got.cue.lemma.replace("_", " ")).strip().lower() if got.cue else None
    if exp["cue"] is None:
        if got.cue is not None:
            problems.append(f"cue {got.cue.text!r} where none is expected")
    elif lemma not in alternatives(exp["cue"]):
        problems.append(f"cue lemma {lemma!r} != expected {exp['cue']!r}")
    want = exp["addressee"]
    have = got.addressee
    if want is None and have is not None:
        problems.append(f"addressee {have.name!r} where none is expected")
    elif want is not None and not same_name(have.name if have else None, want["name"]):
        problems.append(f"addressee {have.name if have else None!r} != {want['name']!r}")
    return problems


def check_chain(exp: dict[str, Any], got: Attribution) -> list[str]:
    """Problems with the sourcing chain: same sources, same relations, same order."""
    have = chain_pairs(got.chain)
    want = exp["chain"]
    shown = " -> ".join(f"{s} ({r})" for s, r in have) or "(empty)"
    expected = " -> ".join(f"{h['source']} ({h['relation']})" for h in want)
    if len(have) != len(want):
        return [f"chain {shown} != expected {expected}"]
    for (source, relation), hop in zip(have, want, strict=True):
        if not same_name(source, hop["source"]) or relation not in alternatives(hop["relation"]):
            return [f"chain {shown} != expected {expected}"]
    return []


def check_attribution(
    fixture: Fixture, exp: dict[str, Any], got: Attribution, span: tuple[int, int]
) -> list[str]:
    """Every problem with one matched attribution (empty when it meets the expectation).

    ``span`` is where the expected quote lies in the text the attribution indexes (the body,
    or the headline for ``"where": "title"``, which has no chain to check).
    """
    problems = check_quote(exp, got, span) + check_fields(exp, got)
    problems += check_speaker(fixture, exp, got)
    if exp.get("where") != "title":
        problems += check_chain(exp, got)
    return problems


def span_problems(body: str, attribution: Attribution) -> list[str]:
    """Offset invariant: ``body[start:end]`` equals the text of every span the attribution has."""
    spans: list[tuple[str, int | None, int | None, str]] = [
        ("quote", attribution.quote.start, attribution.quote.end, attribution.quote.text)
    ]
    speaker = attribution.speaker
    if speaker is not None and speaker.mention is not None:
        m = speaker.mention
        spans.append(("speaker mention", m.start, m.end, m.text))
    if attribution.cue is not None:
        c = attribution.cue
        spans.append(("cue", c.start, c.end, c.text))
    if attribution.addressee is not None:
        a = attribution.addressee
        spans.append(("addressee", a.start, a.end, a.name))
    for hop in attribution.chain:
        if hop.start is not None or hop.end is not None:
            spans.append((f"hop {hop.source!r}", hop.start, hop.end, hop.source))
    problems = []
    for what, start, end, text in spans:
        if start is None or end is None or not 0 <= start <= end <= len(body):
            problems.append(f"{what}: bad offsets {start}..{end}")
        elif body[start:end] != text:
            problems.append(f"{what}: body[{start}:{end}] = {body[start:end]!r} != {text!r}")
    return problems
