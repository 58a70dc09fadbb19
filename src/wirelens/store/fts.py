"""User text to a full-text query that cannot fail.

People type ``Iran's``, ``co-founder`` or ``"ferry subsidy"`` into a search box; handed to FTS5
as they are, the first two are syntax errors (``'`` and ``-`` are operators). By default the
text is read as plain words and "quoted phrases": every word and phrase becomes one quoted
phrase, which both FTS5 and PostgreSQL's ``websearch_to_tsquery`` read literally and AND
together. The backend's own syntax (``OR``, ``NOT``, ``NEAR``, prefixes) is opt-in
(``syntax="fts"``).
"""

from __future__ import annotations

import re

from wirelens.errors import QueryError
from wirelens.store.params import user_text

__all__ = ["MAX_QUERY_CHARS", "SYNTAXES", "phrases", "plain_phrases", "safe_query"]

#: How the user's text is read: ``plain`` (words and "phrases") or ``fts`` (the backend's own).
SYNTAXES = ("plain", "fts")
#: Longest query accepted, in characters (a search box, not a document).
MAX_QUERY_CHARS = 1_000

_PHRASE = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"\w")


def phrases(text: str) -> list[str]:
    """The words and quoted phrases of ``text``; pieces without a letter or digit are dropped."""
    found: list[str] = []
    for match in _PHRASE.finditer(text.replace("\x00", " ")):
        piece = " ".join((match.group(1) or match.group(2) or "").split())
        if _WORD.search(piece):
            found.append(piece)
    return found


def safe_query(text: str, syntax: str = "plain") -> str:
    """The query to hand the backend, or "" when plain text holds no word at all.

    Raises :class:`QueryError` for an unknown syntax or an over-long query.
    """
    if syntax not in SYNTAXES:
        raise QueryError(f"unknown query syntax {syntax!r}: use plain or fts")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    if syntax == "fts":
        return user_text(text, " ").strip()
    # no piece holds a double quote (they delimit phrases), so quoting cannot be escaped from
    return " ".join(f'"{piece}"' for piece in plain_phrases(text))


def plain_phrases(text: str) -> list[str]:
    """The phrases a plain query is read as (what :func:`safe_query` quotes): its words and
    quoted phrases, with NULs and lone surrogates made spaces (the drivers refuse them)."""
    return phrases(user_text(text, " "))
