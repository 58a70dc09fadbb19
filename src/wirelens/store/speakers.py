"""Speakers across the corpus: one entry per person, however the articles named them.

Within an article the attribution engine already gives the fullest name ("Ali Khamenei" for
"Khamenei", "Iran's Supreme Leader Ayatollah Ali Khamenei"). Across articles, a bare surname is
merged into a full name only when exactly one known full name has that surname, so two
different Smiths are never merged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["merge_speakers"]


def merge_speakers(
    rows: Iterable[tuple[str, int, str | None, str | None]],
) -> list[dict[str, Any]]:
    """Merge ``(name, count, role, outlets)`` rows into speakers, most quoted first."""
    entries: dict[str, dict[str, Any]] = {}
    single: list[tuple[str, int, str | None, str | None]] = []
    for name, count, role, outlets in rows:
        if " " in name.strip():
            entries[name] = {
                "name": name,
                "count": count,
                "roles": {role} - {None},
                "outlets": set((outlets or "").split(",")) - {""},
                "aliases": [name],
            }
        else:
            single.append((name, count, role, outlets))
    # "Harbour Minister Ilse Varga" is "Ilse Varga" with a title in front
    for name in sorted(entries, key=len, reverse=True):
        shorter = [other for other in entries if other != name and name.endswith(" " + other)]
        if len(shorter) == 1:
            target, entry = entries[shorter[0]], entries.pop(name)
            target["count"] += entry["count"]
            target["aliases"] += entry["aliases"]
            target["roles"] |= entry["roles"] | {name[: -len(shorter[0])].strip()}
            target["outlets"] |= entry["outlets"]
    by_surname: dict[str, list[str]] = {}
    for name in entries:
        by_surname.setdefault(name.split()[-1].lower(), []).append(name)
    for name, count, role, outlets in single:
        owners = by_surname.get(name.lower(), [])
        if len(owners) == 1:
            entry = entries[owners[0]]
            entry["count"] += count
            entry["aliases"].append(name)
        else:
            entry = entries.setdefault(
                name,
                {"name": name, "count": 0, "roles": set(), "outlets": set(), "aliases": [name]},
            )
            entry["count"] += count
        entry["roles"] |= {role} - {None}
        entry["outlets"] |= set((outlets or "").split(",")) - {""}
    result = sorted(entries.values(), key=lambda e: (-e["count"], e["name"]))
    for entry in result:
        entry["roles"] = sorted(entry["roles"])
        entry["outlets"] = sorted(entry["outlets"])
    return result
