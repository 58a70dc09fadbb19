"""What counts as an attribution: the ``scope`` every attribution rule is written for.

``speech`` (the default) holds quotes and reported speech or thought; ``stance`` also holds the
positions people take ("backed the bill"), desire and intention ("hoped that ...", "sought a
subsidy": :data:`wirelens.attribute.cues_table.DESIRE_VERBS`), judgements and hearsay held by
nobody: PolNeAR's wider definition.

A scope arrives as text at the edges (the ``attribution-scope`` setting, ``--scope``, the
``scope`` keyword of :func:`wirelens.attribute.extract`, the spaCy component's config) and is
parsed there, once, by :func:`parse_scope`; everything below the edge takes a :class:`Scope`.
It is a ``StrEnum`` so that it writes itself as its value in component strings
(``attribute.rules@3/speech/...``) and JSON, and code compares it with ``==`` or ``in`` (never
``is``), so that a caller below the edge that passes the plain string still gets its scope.
"""

from __future__ import annotations

from enum import StrEnum

from wirelens.errors import ConfigError

__all__ = ["SCOPES", "Scope", "parse_scope"]


class Scope(StrEnum):
    """An attribution scope (see the module docstring)."""

    SPEECH = "speech"
    STANCE = "stance"


#: The scopes' names, in the order help texts list them.
SCOPES = tuple(s.value for s in Scope)


def parse_scope(value: str | Scope) -> Scope:
    """``value`` as a :class:`Scope`, else a :class:`ConfigError` naming the known ones."""
    try:
        return Scope(value)
    except ValueError:
        known = ", ".join(SCOPES)
        raise ConfigError(f"attribution scope must be one of {known}, not {value!r}") from None
