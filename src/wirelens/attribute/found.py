"""The records the attribution rules produce, before speakers are resolved and chains built."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Found", "Relay"]


@dataclass
class Relay:
    """A hop named in the text: ``Iranian state media`` via ``according to``."""

    source: tuple[int, int]
    relation: str
    cue: str
    cue_span: tuple[int, int]


@dataclass
class Found:
    """One attribution as found in the text, before speaker resolution."""

    kind: str
    content: tuple[int, int]
    sentence: int
    cue: tuple[int, int] | None = None
    cue_lemma: str | None = None
    source: tuple[int, int] | None = None
    source_head: Any = None  # the spaCy Token heading the speaker mention
    #: for a relative pronoun mention ("who said"), the noun phrase it stands for
    antecedent: tuple[int, int] | None = None
    addressee: tuple[int, int, str] | None = None
    relays: list[Relay] = field(default_factory=list)
    confidence: float = 0.9
    #: for a floating quote, the earlier attribution whose speaker goes on talking
    continues: Found | None = None
    #: later pieces of the same quote ('"A," she said. "B."', or "B." in the next paragraph)
    more: list[tuple[int, int]] = field(default_factory=list)
    #: the construction that found it (``verb.ccomp``, ``according_to``, ``colon``, ...):
    #: recorded on the Attribution for ``--explain`` and the confidence table's key. For a
    #: verb, the content and kind rules of :data:`verb_rules.RULES` name it: ``verb.`` plus
    #: the content head's dependency (``verb.ccomp``, ``verb.xcomp``, ``verb.dobj``,
    #: ``verb.pobj`` ...), ``verb.seen_as``, ``verb.parenthetical``, or ``verb.quote_tag``
    #: (no content head: the nearby quote it tags)
    rule: str = ""

    @property
    def extent(self) -> tuple[int, int]:
        """From the content's start to the end of its last piece."""
        return self.content[0], max([self.content[1]] + [end for _, end in self.more])
