"""The typed records that flow through wirelens: Document -> Article -> Analysis.

Every record is an immutable ``msgspec.Struct`` so it is cheap to create, hashable where it
matters, and round-trips through JSON exactly (:func:`to_json` / :func:`from_json`). Spans carry
character offsets: for an :class:`Article`, ``parts`` point into ``Article.text`` (the text as
read, before cleaning) and everything under :class:`Analysis` points into ``Article.body``.
The invariant ``body[start:end] == span.text`` is tested everywhere.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any, Literal, TypeVar

import msgspec

__all__ = [
    "Addressee",
    "Analysis",
    "Article",
    "Attribution",
    "Credit",
    "Cue",
    "Dateline",
    "Document",
    "Hop",
    "Part",
    "Published",
    "Span",
    "Speaker",
    "content_id",
    "from_json",
    "to_dict",
    "to_json",
]

DocumentKind = Literal["text", "html"]
AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]


class Document(msgspec.Struct, frozen=True, kw_only=True):
    """One piece of news as a reader found it: decoded content plus where and when.

    ``content`` is already decoded to ``str`` (encoding detected and repaired by the reader);
    ``kind`` says whether it is markup or plain scraped text. Feed and JSONL readers may know
    the title, date, outlet or authors from outside the content: they go in the optional fields
    and take precedence over what cleaning infers.
    """

    content: str
    kind: DocumentKind
    source: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    encoding: str | None = None
    #: When the content was retrieved (WARC-Date, HTTP fetch time): not a publication date.
    fetched: str | None = None


class Span(msgspec.Struct, frozen=True, kw_only=True):
    """A stretch of text with its character offsets (end exclusive)."""

    text: str
    start: int
    end: int


class Part(msgspec.Struct, frozen=True, kw_only=True):
    """A typed piece of boilerplate kept apart from the body, with offsets into ``Article.text``.

    ``kind`` is one of: ``section``, ``headline``, ``blurb``, ``related``, ``share``, ``caption``,
    ``credit``, ``signoff``, ``disclaimer``, ``note`` (an editor's note or correction),
    ``promo`` (ads, newsletter and subscription asks, logged-in-only notices), ``pullquote`` (a
    piece of the article repeated in large type), ``duplicate``, ``byline``, ``dateline``,
    ``other``. ``data`` holds what the part
    says in structured form (a related link's ``headline``, a disclaimer's ``agency``, a
    caption's ``credit``).
    """

    kind: str
    text: str
    start: int
    end: int
    data: dict[str, str] = msgspec.field(default_factory=dict)


class Dateline(msgspec.Struct, frozen=True, kw_only=True):
    """``Tehran [Iran], November 4 (ANI):`` as place, country, date text, ISO date and agency."""

    text: str
    place: str | None = None
    country: str | None = None
    date: str | None = None
    iso_date: str | None = None
    agency: str | None = None


class Credit(msgspec.Struct, frozen=True, kw_only=True):
    """A photo or video credit, e.g. ``(Photo/Reuters)`` -> kind ``photo``, agency ``Reuters``."""

    kind: str
    text: str
    agency: str | None = None


class Published(msgspec.Struct, frozen=True, kw_only=True):
    """A publication date with where it came from and how much to trust it (0..1)."""

    value: str
    source: str
    confidence: float


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """A cleaned news article: body apart from boilerplate, plus what describes it.

    ``id`` is the tagged hash (``sha256:<hex>``) of the normalised ``text``, so the same article
    read twice gets the same id. ``text`` is the article as read (HTML already reduced to text);
    ``parts`` carry offsets into ``text``; ``body`` is what attribution works on.
    """

    id: str
    body: str
    text: str
    parts: tuple[Part, ...] = ()
    title: str | None = None
    section: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    agency: str | None = None
    dateline: Dateline | None = None
    credits: tuple[Credit, ...] = ()
    published: Published | None = None
    language: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    source: str | None = None


class Cue(msgspec.Struct, frozen=True, kw_only=True):
    """The reporting verb or phrase (``said``, ``according to``) with its lemma and offsets."""

    text: str
    lemma: str
    start: int
    end: int


class Speaker(msgspec.Struct, frozen=True, kw_only=True):
    """Who is quoted: the mention in the text and the entity it resolves to.

    ``mention`` is the in-text span (``He``, ``the minister``); ``name`` the canonical name
    (fullest form in the article: ``Ali Khamenei``); ``kind`` ``person``, ``org`` or ``unknown``.
    """

    mention: Span | None = None
    name: str | None = None
    kind: str = "unknown"
    role: str | None = None
    affiliation: str | None = None
    resolved: str | None = None


class Addressee(msgspec.Struct, frozen=True, kw_only=True):
    """Whom or through what the statement was made: ``told Al Jazeera``, ``wrote on X``."""

    name: str
    relation: str
    start: int
    end: int


class Hop(msgspec.Struct, frozen=True, kw_only=True):
    """One step of a sourcing chain, from the speaker towards the publisher.

    ``relation`` is how the statement reached ``source``: ``according_to``, ``citing``,
    ``reported``, ``quoted_by``, ``told``, ``as_per``, ``agency`` (the article's wire agency) or
    ``outlet`` (the publisher). In-text hops carry offsets into the body; the agency and outlet
    hops come from metadata and have ``start`` and ``end`` set to ``None``.
    """

    source: str
    relation: str
    cue: str | None = None
    start: int | None = None
    end: int | None = None


class Attribution(msgspec.Struct, frozen=True, kw_only=True):
    """One statement attributed to a source: content, speaker, cue, addressee and chain.

    ``rule`` and ``resolution`` explain it (``wirelens analyze --explain``); ``confidence`` is
    the precision measured on PolNeAR train for its rule, resolution and cue class
    (``wirelens/tables/confidence.json``).
    """

    kind: AttributionKind
    quote: Span
    #: further pieces of the same quote after the attribution interrupts it:
    #: ``"A," she said. "B."`` has quote ``"A,"`` and continued ``("B.",)``
    continued: tuple[Span, ...] = ()
    speaker: Speaker | None = None
    cue: Cue | None = None
    addressee: Addressee | None = None
    chain: tuple[Hop, ...] = ()
    confidence: float = 1.0
    component: str = ""
    #: the construction that produced it (``verb.ccomp``, ``according_to``, ``colon``, ...)
    rule: str = ""
    #: how the speaker was resolved: ``name``, ``surname``, ``pronoun`` (to an antecedent),
    #: ``pronoun_unresolved``, ``role`` (a description through the roles the text gives),
    #: ``relative`` ("who"), ``org``, ``description`` (kept as written), ``continuation``
    #: (the previous quote's speaker), ``relay.<how>`` (the source of "according to X"),
    #: ``none`` (no speaker). Empty on records written before it existed.
    resolution: str = ""


class Analysis(msgspec.Struct, frozen=True, kw_only=True):
    """An article with its attributions; the unit the store keeps and the API returns."""

    article: Article
    attributions: tuple[Attribution, ...] = ()
    components: dict[str, str] = msgspec.field(default_factory=dict)


_T = TypeVar("_T")
_SPACES = re.compile(r"\s+")
_encoder = msgspec.json.Encoder()


def content_id(text: str) -> str:
    """Return the tagged content hash of ``text`` after Unicode and whitespace normalisation.

    Normalising first means the same article fetched twice with different line endings or
    non-breaking spaces is recognised as the same and stored once.
    """
    norm = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()


def to_json(record: msgspec.Struct) -> str:
    """Encode any record to compact JSON."""
    return _encoder.encode(record).decode("utf-8")


def to_dict(record: msgspec.Struct) -> dict[str, Any]:
    """Convert a record to plain JSON-compatible builtins (for tables, templates, exports)."""
    result: dict[str, Any] = msgspec.to_builtins(record)
    return result


def from_json(data: str | bytes, kind: type[_T]) -> _T:
    """Decode JSON produced by :func:`to_json` back into a record of type ``kind``."""
    return msgspec.json.decode(data, type=kind)
