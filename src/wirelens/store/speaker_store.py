"""The speaker registry in the corpus: kept up to date at ingest, shown with its evidence, and
corrected by the user (``merge``, ``split``), whose decisions outlive every re-ingest.

The ``speaker_aliases`` table (migration ``0006_speaker_registry``) holds every stored speaker
name with the speaker it belongs to and the rule that joined them; ``speaker_decisions`` holds
the user's corrections in order. The registry is rebuilt from the names and the decisions
after each batch that adds articles and after each decision, and only changed rows are written.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from wirelens.errors import NotFoundError, QueryError
from wirelens.store.params import marks
from wirelens.store.records import AliasEvidence, SpeakerEntry
from wirelens.store.registry import Decision, Link, lookup_key, resolve

__all__ = ["SpeakerRegistry"]

#: Articles listed as evidence per alias (the newest), and mentions per alias.
EVIDENCE_ARTICLES = 10
EVIDENCE_MENTIONS = 10


class SpeakerRegistry(ABC):
    """Registry methods every :class:`~wirelens.store.base.Store` has."""

    name: str = ""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]: ...

    @abstractmethod
    def _entry(self, speaker: str) -> SpeakerEntry | None: ...

    @abstractmethod
    def _forget_speakers(self) -> None:
        """Drop cached speaker lists (after the registry changed)."""

    def _name_counts(self) -> dict[str, int]:
        rows = self._execute(
            "SELECT speaker, count(*) FROM attributions WHERE speaker IS NOT NULL GROUP BY speaker"
        ).fetchall()
        return {str(name): int(n) for name, n in rows}

    def _decisions(self) -> list[Decision]:
        rows = self._execute("SELECT action, name, other FROM speaker_decisions ORDER BY id")
        return [Decision(a, n, o) for a, n, o in rows.fetchall()]

    def _stored_links(self) -> dict[str, Link]:
        rows = self._execute("SELECT alias, speaker, rule FROM speaker_aliases").fetchall()
        return {a: Link(a, s, r) for a, s, r in rows}

    def _links(self, counts: dict[str, int]) -> dict[str, Link]:
        """The registry for these names: as stored, or worked out here if it lags behind (a
        corpus made before the registry existed, opened read-only)."""
        stored = self._stored_links()
        if all(name in stored for name in counts):
            return stored
        return resolve(counts, self._decisions())

    def _refresh_registry(self) -> None:
        """Rebuild the registry from the stored names and decisions (inside a transaction)."""
        links = resolve(self._name_counts(), self._decisions())
        stored = self._stored_links()
        gone = [(alias,) for alias in stored if alias not in links]
        changed = [link for alias, link in links.items() if stored.get(alias) != link]
        for (alias,) in gone:
            self._execute("DELETE FROM speaker_aliases WHERE alias = ?", (alias,))
        for link in changed:
            self._execute(
                "INSERT INTO speaker_aliases(alias, speaker, rule) VALUES (?, ?, ?) "
                "ON CONFLICT (alias) DO UPDATE SET speaker = excluded.speaker, "
                "rule = excluded.rule",
                (link.alias, link.speaker, link.rule),
            )

    def refresh_speakers(self) -> None:
        """Rebuild the speaker registry now (ingest does this after every batch)."""
        with self._transaction():
            self._refresh_registry()
        self._forget_speakers()

    def _decide(self, action: str, name: str, other: str) -> None:
        with self._transaction():
            self._execute(
                "INSERT INTO speaker_decisions(action, name, other) VALUES (?, ?, ?)",
                (action, name, other),
            )
            self._refresh_registry()
        self._forget_speakers()

    def _must(self, name: str) -> SpeakerEntry:
        entry = self._entry(name)
        if entry is None:
            raise NotFoundError(f"no speaker named {name[:80]!r}; see `wirelens speakers`")
        return entry

    def merge_speaker(self, name: str, other: str) -> SpeakerEntry:
        """Make ``other`` (every alias of the speaker it names) part of the speaker ``name``.

        Kept as a decision, applied again after every re-ingest. Returns the merged speaker.
        """
        target, source = self._must(name), self._must(other)
        if target["name"] == source["name"]:
            raise QueryError(f"{name!r} and {other!r} are already one speaker")
        self._decide("merge", target["name"], source["name"])
        return self._must(target["name"])

    def split_speaker(self, name: str, alias: str) -> SpeakerEntry:
        """Take the stored name ``alias`` out of the speaker ``name``: it becomes a speaker of
        its own. Kept as a decision, applied again after every re-ingest."""
        entry = self._must(name)
        wanted = [a for a in entry["aliases"] if a.lower() == alias.lower().strip()]
        wanted = wanted or [a for a in entry["aliases"] if lookup_key(a) == lookup_key(alias)]
        if not wanted:
            raise NotFoundError(
                f"{alias!r} is not an alias of {entry['name']!r}: "
                f"its aliases are {', '.join(entry['aliases'])}"
            )
        if len(entry["aliases"]) == 1:
            raise QueryError(f"{entry['name']!r} has no other alias to split from")
        for found in wanted:
            self._decide("split", entry["name"], found)
        rest = [a for a in entry["aliases"] if a not in wanted]
        return self._must(rest[0])

    def speaker_evidence(self, name: str) -> tuple[SpeakerEntry, list[AliasEvidence]]:
        """A speaker and, for each alias, the rule that joined it and where it was quoted (the
        newest articles and the words that named the speaker there)."""
        entry = self._must(name)
        links = self._links(self._name_counts())
        aliases = entry["aliases"]
        rows = self._execute(
            "SELECT t.speaker, t.mention, a.id, a.title, a.outlet, a.published "
            "FROM attributions t JOIN articles a ON a.id = t.article_id "
            f"WHERE t.speaker IN ({marks(aliases)}) "
            "ORDER BY a.published DESC NULLS LAST, a.id",
            aliases,
        ).fetchall()
        out: dict[str, AliasEvidence] = {
            alias: {
                "alias": alias,
                "rule": links[alias].rule if alias in links else "own name",
                "count": 0,
                "mentions": [],
                "articles": [],
            }
            for alias in aliases
        }
        for alias, mention, article_id, title, outlet, published in rows:
            evidence = out[alias]
            evidence["count"] += 1
            mentions = evidence["mentions"]
            if mention and mention not in mentions and len(mentions) < EVIDENCE_MENTIONS:
                mentions.append(mention)
            ids = [a["id"] for a in evidence["articles"]]
            if article_id not in ids and len(ids) < EVIDENCE_ARTICLES:
                evidence["articles"].append(
                    {"id": article_id, "title": title, "outlet": outlet, "published": published}
                )
        return entry, list(out.values())
