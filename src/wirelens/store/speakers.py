"""Speakers across the corpus: one entry per speaker, however the articles named them.

Which names are one speaker is the registry's business (:mod:`wirelens.store.registry`: its
rules, then the user's merge and split decisions); this module adds up each speaker's counts,
roles and outlets over its names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from wirelens.store.records import SpeakerEntry
from wirelens.store.registry import Link, resolve

__all__ = ["group_speakers", "merge_speakers"]

Row = tuple[str, int, str | None, str | None]


def group_speakers(rows: Iterable[Row], links: Mapping[str, Link]) -> list[SpeakerEntry]:
    """``(name, count, role, outlets)`` rows added up per speaker of ``links``, most quoted
    first. A name joined by a title ("Harbour Minister Ilse Varga") gives its title as a role."""
    entries: dict[str, SpeakerEntry] = {}
    roles: dict[str, set[str]] = {}
    outlets: dict[str, set[str]] = {}
    for name, count, role, outlet_list in rows:
        link = links.get(name, Link(name, name, "own name"))
        entry = entries.setdefault(
            link.speaker,
            {"name": link.speaker, "count": 0, "roles": [], "outlets": [], "aliases": []},
        )
        entry["count"] += int(count)
        entry["aliases"].append(name)
        found = roles.setdefault(link.speaker, set())
        found |= {role} - {None}  # type: ignore[arg-type]
        if link.rule == "title" and name.endswith(" " + link.speaker):
            found.add(name[: -len(link.speaker)].strip())
        outlets.setdefault(link.speaker, set()).update(set((outlet_list or "").split(",")) - {""})
    result = sorted(entries.values(), key=lambda e: (-e["count"], e["name"]))
    for entry in result:
        entry["roles"] = sorted(roles[entry["name"]])
        entry["outlets"] = sorted(outlets[entry["name"]])
        entry["aliases"].sort(key=lambda a: (a != entry["name"], a))
    return result


def merge_speakers(rows: Iterable[Row]) -> list[SpeakerEntry]:
    """Merge ``(name, count, role, outlets)`` rows by the registry's rules alone."""
    rows = list(rows)
    counts: dict[str, int] = {}
    for name, count, _, _ in rows:
        counts[name] = counts.get(name, 0) + int(count)
    return group_speakers(rows, resolve(counts))
