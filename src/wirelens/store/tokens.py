"""Text split and folded into the very tokens SQLite's FTS5 indexes (its ``unicode61`` rules).

The text index (:mod:`wirelens.store.textindex`) must match exactly what ``articles_fts``
matches, so it indexes the very tokens FTS5's ``unicode61`` tokenizer makes; :class:`Tokens`
reproduces them by asking SQLite itself.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable

__all__ = ["Tokens"]

#: FTS5 keeps the first 32,768 bytes of a longer token (and of a query's): so do we.
_MAX_TOKEN_BYTES = 32_768


class Tokens:
    """FTS5's ``unicode61`` tokenizer (remove_diacritics 1), per character, asked of SQLite.

    ``unicode61`` decides per code point: a separator, or a token character folded to lower
    case without its diacritic (possibly to nothing: a combining accent joins its word). That
    table follows Unicode 6.1 and SQLite's own rules, which Python's ``str.lower`` and
    ``unicodedata`` do not reproduce (``ß``, ``ø`` and ``ǖ`` stay; ``é`` becomes ``e``), so each
    new character is put to SQLite once, in a batch, and remembered.
    """

    def __init__(self) -> None:
        ascii_map = {c: (chr(c).lower() if chr(c).isalnum() else " ") for c in range(128)}
        self._table: dict[int, str] = ascii_map
        self._bytes = bytes(ord(v) for v in ascii_map.values()) + bytes(128)  # 256 for translate
        self._lock = threading.Lock()
        self._probe: sqlite3.Connection | None = None

    def split(self, text: str | None) -> list[str]:
        """The tokens FTS5 indexes for ``text``, in order."""
        if not text:
            return []
        if text.isascii():
            found = text.encode().translate(self._bytes).decode().split()
        else:
            missing = {c for c in set(text) if ord(c) not in self._table}
            if missing:
                self._learn(missing)
            found = text.translate(self._table).split()
        return [_cut(t) if len(t) > _MAX_TOKEN_BYTES // 4 else t for t in found]

    def _learn(self, chars: Iterable[str]) -> None:
        """Ask SQLite how it tokenizes each of ``chars`` (``q{c}q``: one token, or two)."""
        chars = sorted(chars)
        with self._lock:
            if self._probe is None:
                self._probe = sqlite3.connect(":memory:", check_same_thread=False)
                self._probe.execute("CREATE VIRTUAL TABLE p USING fts5(x)")
                self._probe.execute("CREATE VIRTUAL TABLE v USING fts5vocab(p, 'instance')")
            db = self._probe
            db.execute("DELETE FROM p")
            probe = " ".join(f"q{c}q" for c in chars)
            db.execute("INSERT INTO p(rowid, x) VALUES (1, ?)", (probe,))
            terms = [row[0] for row in db.execute("SELECT term FROM v ORDER BY offset")]
        learned: dict[int, str] = {}
        position = 0
        for char in chars:
            term = terms[position]
            if term == "q":  # a separator: "q", "q"
                learned[ord(char)] = " "
                position += 2
            else:
                learned[ord(char)] = term[1:-1]
                position += 1
        self._table = {**self._table, **learned}  # readers see the old table or the new one


def _cut(token: str) -> str:
    """``token`` cut to FTS5's longest term (bytes; a character cut in two is dropped)."""
    raw = token.encode()
    return raw[:_MAX_TOKEN_BYTES].decode(errors="ignore") if len(raw) > _MAX_TOKEN_BYTES else token
