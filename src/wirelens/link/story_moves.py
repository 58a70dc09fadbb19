"""Where a removed story's id leads: citeable story ids across re-clustering.

Linking a batch clusters again the stories it reaches (:mod:`wirelens.link.stories`), so two
stories may become one and a story id may disappear. A fact-checker who cited ``/stories/17``
must still reach the event: each removed id is recorded in ``story_moves`` with the stored
story that now holds most of its former articles, and the pages, the API and the CLI follow it.

Chains are collapsed when written (a move to a story that is removed later is re-pointed to
that story's own successor), so :func:`moved_to` reads one row; it still follows a few hops,
guarded against cycles, in case a store was written otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from wirelens.link.db import query, run
from wirelens.store.base import Store

__all__ = ["MAX_HOPS", "forget_move", "moved_to", "moves_of", "record_moves"]

#: Most moves :func:`moved_to` follows (one suffices while chains are collapsed).
MAX_HOPS = 8


def moves_of(
    gone: Iterable[int], former: Mapping[str, int], now: Mapping[str, int]
) -> dict[int, int]:
    """Each removed story id -> the story now holding most of its former articles.

    ``former`` and ``now`` map article ids to their story before and after re-clustering; a
    tie goes to the lower story id, so the choice does not depend on dict order.
    """
    gone = set(gone)
    held: dict[int, Counter[int]] = {story_id: Counter() for story_id in gone}
    for article_id, story_id in former.items():
        if story_id in gone and article_id in now:
            held[story_id][now[article_id]] += 1
    return {
        story_id: min(counts, key=lambda target: (-counts[target], target))
        for story_id, counts in held.items()
        if counts
    }


def record_moves(store: Store, moves: Mapping[int, int]) -> None:
    """Record ``moves`` (old id -> stored story id), re-pointing the older moves that led to
    an id moved now, so that every move leads to a stored story in one step. Runs inside the
    caller's transaction (the relink that removed the stories)."""
    for old_id, new_id in sorted(moves.items()):
        run(store, "UPDATE story_moves SET new_id = ? WHERE new_id = ?", (new_id, old_id))
        run(
            store,
            "INSERT INTO story_moves(old_id, new_id) VALUES (?, ?) "
            "ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id",
            (old_id, new_id),
        )


def forget_move(store: Store, story_id: int) -> None:
    """Drop the move of ``story_id``: a new story was given that id, which now names it."""
    run(store, "DELETE FROM story_moves WHERE old_id = ?", (story_id,))


def moved_to(store: Store, story_id: int) -> int | None:
    """The stored story that removed story ``story_id`` moved to, or None when the id never
    was a story, still is one, or leads nowhere stored."""
    if query(store, "SELECT 1 FROM stories WHERE id = ?", (story_id,)):
        return None
    seen = {story_id}
    current = story_id
    for _ in range(MAX_HOPS):
        row = query(store, "SELECT new_id FROM story_moves WHERE old_id = ?", (current,))
        if not row or int(row[0][0]) in seen:
            return None
        current = int(row[0][0])
        if query(store, "SELECT 1 FROM stories WHERE id = ?", (current,)):
            return current
        seen.add(current)
    return None
