"""Quote traces: the same statement found across articles, from its first appearance on.

:func:`update_traces` reads every stored attribution, cuts each quote into statements (its
sentences, :mod:`wirelens.link.words`) and groups the statements that say the same thing -
despite punctuation and case, truncation, partial quoting, and a direct quote reworded as an
indirect one - into **traces**, which it writes to ``traces`` and ``trace_members``.

Matching. Two statements match when they share at least :data:`MIN_SHARED` content words (names
aside: they tell what a statement is about, not what it says) and those cover at least
:data:`MIN_COVER` of the smaller one (containment, so a truncated copy still matches), counted
over the part of the longer statement aligned with the shorter (so three words scattered over
a long sentence are no match). When both name a speaker and the surnames differ, a stronger
match is needed (:data:`MIN_SHARED_OTHER_SPEAKER`, :data:`MIN_COVER_OTHER_SPEAKER`): the speaker
is a signal, not a requirement, because one copy may credit the wrong person.

Candidates. A statement is compared only with the members of the traces found through an
inverted index of content words: its key words (those in at most :data:`COMMON` traces) find
them, the :data:`CANDIDATES` sharing most keys are kept when the words they can share reach
the least a match needs, and at most :data:`MEMBERS_COMPARED` members of each are compared.
The work per statement is bounded, never all pairs. A member keeps only its words aligned
with the statement it matched, so a sentence that merges two statements (``would not tolerate
delays and would not reopen talks``) does not chain two traces; it joins its best trace only.

Order: statements are processed, and each trace's appearances listed, in publication order
(:mod:`wirelens.link.appearances`). The first pass can open a trace for a reworded copy before
the appearance that links it to an earlier trace has been read; a second pass merges such a
trace into the earlier one when its first statement matches a member there.

Context. Which match two appearances need depends on who said them, when and where
(:mod:`wirelens.link.join_rules`): different figures never join, a short statement of other
or unnamed speakers only within days, appearances months apart only on a long match.

Incremental. A run reads only the attributions stored since the last one, with the seen
statements they may match and every stored trace those belong to
(:mod:`wirelens.link.trace_index`), matches them again in appearance order as above, and
writes the result in place of those traces; the rest of the corpus is not read.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from wirelens.errors import StoreError
from wirelens.link import trace_index
from wirelens.link.appearances import QuoteRow, load_quotes
from wirelens.link.db import marks
from wirelens.link.join_rules import SHORT, Join, join
from wirelens.link.words import Statement, aligned, containment, content_words, statements
from wirelens.link.words import word_diff as _word_diff
from wirelens.store.base import Store

__all__ = [
    "COMPONENT",
    "MIN_COVER",
    "MIN_COVER_OTHER_SPEAKER",
    "MIN_SHARED",
    "MIN_SHARED_OTHER_SPEAKER",
    "update_traces",
]

#: What made the trace rows (recorded in ``traces.component``).
COMPONENT = "link.traces@1"
#: Content words two statements must share.
MIN_SHARED = 3
#: Share of the smaller statement's content words that must be shared (same or unknown speaker).
MIN_COVER = 0.6
#: Shared words and cover when both copies name a speaker and the surnames differ: a stronger
#: match, so that "the union would meet the minister on Friday" (a nurses' leader) stays apart
#: from "will meet dock union leaders on Friday" (the harbour minister).
MIN_SHARED_OTHER_SPEAKER = 4
MIN_COVER_OTHER_SPEAKER = 0.8
#: A content word found in more traces than this is too common to find candidates by (the
#: rarer words of a statement find its candidates; this bounds the work per statement).
COMMON = 200
#: Traces a statement is checked against: those sharing the most key words with it.
CANDIDATES = 50
#: Members of a trace a new statement is compared with (the earliest ones).
MEMBERS_COMPARED = 64


@lru_cache(maxsize=131_072)
def _statements(quote: str) -> tuple[Statement, ...]:
    """A quote's statements, cut once per run although the matcher, the index and the
    statement count each read them."""
    return tuple(statements(quote))


@dataclass
class _Member:
    row: QuoteRow
    statement: Statement
    #: content words of the part of the statement aligned with the trace
    words: frozenset[str]
    text: str


@dataclass
class _Trace:
    members: list[_Member] = field(default_factory=list)
    attributions: set[int] = field(default_factory=set)
    indexed: set[str] = field(default_factory=set)
    merged_into: int | None = None
    #: content words of its smallest member: a match must share MIN_COVER of at most these
    smallest: int = 1_000_000


def _agree(a: QuoteRow, b: QuoteRow) -> bool:
    return a.surname is None or b.surname is None or a.surname == b.surname


def _passes(shared: int, cover: float, need: Join) -> bool:
    if need is Join.USUAL:
        return shared >= MIN_SHARED and cover >= MIN_COVER
    if need is Join.STRONG:
        return shared >= MIN_SHARED_OTHER_SPEAKER and cover >= MIN_COVER_OTHER_SPEAKER
    if need is Join.LONG:
        return shared >= SHORT and cover >= MIN_COVER
    return False


def _need(row: QuoteRow, words: frozenset[str], member: _Member) -> Join:
    """The match a statement needs with a trace member (:mod:`wirelens.link.join_rules`)."""
    smaller, larger = sorted((words, member.words), key=len)
    return join(row, member.row, smaller, larger)


def _local(text: str, words: frozenset[str], member: _Member, need: Join) -> bool:
    """A short statement matches a much longer one only where the longer one says it.

    "independent voters can't vote in the primary" shares four words with a long sentence
    that has "primary" in one clause and "vote", "voters" in others: counted over the aligned
    part of the longer sentence alone, it no longer matches.
    """
    (short_text, short), (long_text, _) = sorted(
        ((text, words), (member.text, member.words)), key=lambda p: len(p[1])
    )
    shared, cover = containment(short, content_words(aligned(short_text, long_text)))
    return _passes(shared, cover, need)


def _score(row: QuoteRow, words: frozenset[str], member: _Member) -> float | None:
    """The containment of a match with ``member`` (before :func:`_local`), or None."""
    shared, cover = containment(words, member.words)
    return cover if _passes(shared, cover, _need(row, words, member)) else None


class _Matcher:
    """Traces under construction, with the inverted index that finds their candidates."""

    def __init__(self) -> None:
        self.traces: list[_Trace] = []
        self.postings: dict[str, list[int]] = {}

    def _index(self, t: int, words: Iterable[str]) -> None:
        trace = self.traces[t]
        for word in words:
            if word != "not" and word not in trace.indexed:
                trace.indexed.add(word)
                self.postings.setdefault(word, []).append(t)

    def _candidates(self, words: frozenset[str]) -> list[int]:
        """Traces that may match: found through the statement's key words (the rarer ones),
        the :data:`CANDIDATES` sharing the most of them, kept when the words they share with
        it - keys, common words and "not" - can reach the least a match needs
        (:data:`MIN_SHARED`, :data:`MIN_COVER` of the smaller)."""
        keys: list[str] = []
        common: list[str] = []
        for word in sorted(words):  # a fixed order: ties in most_common never follow hashes
            posting = self.postings.get(word)
            if word != "not" and posting:
                (keys if len(posting) <= COMMON else common).append(word)
        hits: Counter[int] = Counter()
        for word in keys:
            hits.update(self.postings[word])
        negated = int("not" in words)
        out = []
        for t, n in hits.most_common(CANDIDATES):
            trace = self.traces[t]
            needed = max(MIN_SHARED, math.ceil(MIN_COVER * min(len(words), trace.smallest)))
            if n + negated + len(common) < needed:
                continue
            if n + negated + sum(w in trace.indexed for w in common) >= needed:
                out.append(t)
        return sorted(out)

    def best(
        self, row: QuoteRow, text: str, words: frozenset[str], skip: int | None = None
    ) -> tuple[int, _Member] | None:
        """The best trace (and member in it) matching a statement, if any."""
        found: list[tuple[float, int, int, _Member]] = []
        for t in self._candidates(words):
            trace = self.traces[t]
            if t == skip or trace.merged_into is not None or row.id in trace.attributions:
                continue
            for i, member in enumerate(trace.members[:MEMBERS_COMPARED]):
                score = _score(row, words, member)
                if score is not None:
                    found.append((-score, t, i, member))
        # the best bag-of-words match that is also local (the alignment is the costly part)
        for _, t, _, member in sorted(found, key=lambda f: f[:3]):
            if _local(text, words, member, _need(row, words, member)):
                return t, member
        return None

    def add(self, row: QuoteRow, statement: Statement) -> None:
        match = self.best(row, statement.text, statement.content)
        if match is None:
            self.traces.append(_Trace())
            t, words, text = len(self.traces) - 1, statement.content, statement.text
        else:
            t, member = match
            text = aligned(member.text, statement.text)
            words = content_words(text) or statement.content
        self.traces[t].members.append(_Member(row, statement, words, text))
        self.traces[t].attributions.add(row.id)
        self.traces[t].smallest = min(self.traces[t].smallest, len(words))
        self._index(t, words)

    def merge(self) -> None:
        """Fold a trace into an earlier one that its first statement matches (second pass)."""
        for t, trace in enumerate(self.traces):
            if len(trace.members) == 0:
                continue
            lead = trace.members[0]
            match = self.best(lead.row, lead.text, lead.words, skip=t)
            if match is None or match[0] > t:
                continue
            target = self.traces[match[0]]
            if target.attributions & trace.attributions:
                continue
            target.members += trace.members
            target.attributions |= trace.attributions
            target.smallest = min(target.smallest, trace.smallest)
            trace.merged_into = match[0]
            self._index(match[0], trace.indexed)

    def result(self) -> list[list[_Member]]:
        """The traces found in at least two articles, members in appearance order."""
        out = []
        for trace in self.traces:
            articles = {m.row.article_id for m in trace.members}
            if trace.merged_into is None and len(articles) > 1:
                out.append(sorted(trace.members, key=lambda m: m.row.key))
        return sorted(out, key=lambda ms: ms[0].row.key)


def _member_rows(trace_id: int, members: list[_Member]) -> list[tuple[Any, ...]]:
    first = members[0]
    out = []
    for position, member in enumerate(members):
        text = (
            member.statement.text
            if position == 0
            else aligned(first.statement.text, member.statement.text)
        )
        diff = _word_diff(first.statement.text, member.statement.text)
        _, cover = containment(first.statement.content, content_words(text))
        out.append(
            (
                trace_id,
                member.row.id,
                member.row.article_id,
                position,
                text,
                int(bool(diff["changes"])),
                json.dumps(diff, ensure_ascii=False),
                round(cover, 4),
                int(_agree(first.row, member.row)),
            )
        )
    return out


def _novel(quotes: list[QuoteRow], traces: list[list[_Member]]) -> set[int]:
    """Attributions that bring a statement first: first in a trace, or a statement in none."""
    firsts = {ms[0].row.id for ms in traces}
    traced: Counter[int] = Counter()
    for members in traces:
        for member in members:
            traced[member.row.id] += 1
    novel = set(firsts)
    for row in quotes:
        if row.id in traced and row.id not in firsts:
            said = sum(1 for s in _statements(row.quote) if s.content)
            if said > traced[row.id]:
                novel.add(row.id)
    return novel


def _find(quotes: list[QuoteRow]) -> list[list[_Member]]:
    """The traces among these attributions (given in appearance order)."""
    matcher = _Matcher()
    for row in quotes:
        for statement in _statements(row.quote):
            if len(statement.content) >= MIN_SHARED:
                matcher.add(row, statement)
    matcher.merge()
    return matcher.result()


def _said(rows: Iterable[QuoteRow]) -> dict[int, list[frozenset[str]]]:
    """The content words of each statement of each attribution that the matcher reads."""
    return {
        row.id: [s.content for s in _statements(row.quote) if len(s.content) >= MIN_SHARED]
        for row in rows
    }


def _recompute(
    store: Store, said: dict[int, list[frozenset[str]]]
) -> tuple[list[QuoteRow], set[int]]:
    """The attributions to match again with the new ones - the seen statements they may match
    and the members of every stored trace those are in - and those traces' ids."""
    seeds = trace_index.neighbours(
        store, [s for ss in said.values() for s in ss], MIN_SHARED, MIN_COVER
    )
    old, trace_ids = trace_index.closure(store, seeds)
    return load_quotes(store, old), trace_ids


def _write(store: Store, traces: list[list[_Member]], novel: set[int], replaced: set[int]) -> None:
    """Replace the traces ``replaced`` with ``traces``: a trace whose first appearance is still
    first keeps its id, the others get new ones."""
    kept: dict[int, int] = {}
    for chunk in _chunks(sorted(replaced)):
        holes = marks(chunk)
        for trace_id, first in store._execute(
            f"SELECT id, first_attribution_id FROM traces WHERE id IN ({holes})", chunk
        ):
            kept[int(first)] = int(trace_id)
        store._execute(f"DELETE FROM trace_members WHERE trace_id IN ({holes})", chunk)
        store._execute(f"DELETE FROM traces WHERE id IN ({holes})", chunk)
    top = store._execute("SELECT max(id) FROM traces").fetchone()[0]
    next_id = max([int(top or 0), *kept.values()]) + 1
    heads, members = [], []
    for found in traces:
        first = found[0]
        trace_id = kept.pop(first.row.id, None)
        if trace_id is None:
            trace_id, next_id = next_id, next_id + 1
        heads.append(
            (trace_id, first.row.id, first.row.article_id, first.row.speaker,
             first.statement.text, len(found), COMPONENT)
        )  # fmt: skip
        members += [(*r, int(r[1] in novel)) for r in _member_rows(trace_id, found)]
    if heads:
        store._executemany(
            "INSERT INTO traces(id, first_attribution_id, first_article_id, speaker, "
            "quote, size, component) VALUES (?,?,?,?,?,?,?)",
            heads,
        )
        store._executemany(
            "INSERT INTO trace_members(trace_id, attribution_id, article_id, position, "
            "text, altered, diff, similarity, speaker_agrees, novel) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            members,
        )


def _chunks(items: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(items), 500):
        yield items[start : start + 500]


def update_traces(store: Store) -> int:
    """Bring the quote traces up to date with the attributions stored since the last run;
    returns how many traces there are.

    Incremental (:mod:`wirelens.link.trace_index`): only the new attributions are read, with
    the stored traces their statements may join and the seen statements they may match; those
    are matched again in appearance order, as a whole rebuild would match them, and written in
    place of the traces they came from (so an earlier copy ingested late becomes the first
    appearance). A store whose index is empty (new, or from before the index) is built whole.
    One transaction: readers see the old traces or the new ones.
    """
    try:
        with store._transaction():
            if trace_index.is_empty(store):
                for table in ("trace_members", "traces", "trace_words", "trace_df"):
                    store._execute(f"DELETE FROM {table}")
            pending = trace_index.pending(store)
            if pending:
                new = load_quotes(store, pending)
                said = _said(new)
                old, replaced = _recompute(store, said)
                quotes = sorted(old + new, key=lambda row: row.key)
                traces = _find(quotes)
                _write(store, traces, _novel(quotes, traces), replaced)
                trace_index.remember(store, said)
            return int(store._execute("SELECT count(*) FROM traces").fetchone()[0])
    except store._errors as exc:
        raise StoreError(f"cannot write quote traces to {store.name}: {exc}") from exc
