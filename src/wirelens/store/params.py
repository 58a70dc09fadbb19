"""SQL parameters both backends take: ``?`` placeholders (PostgreSQL's are rewritten by
:class:`~wirelens.store.postgres.PostgresStore`), one per value of an ``IN (...)`` list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["marks"]


def marks(items: Sequence[Any]) -> str:
    """One ``?`` parameter per item, comma-separated: the inside of an ``IN (...)``."""
    return ",".join("?" * len(items))
