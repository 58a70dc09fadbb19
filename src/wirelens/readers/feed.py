"""RSS, Atom and RDF feeds: one Document per entry, with the feed's own metadata.

Each entry's title, link, publication date and authors come from the feed (they beat anything
cleaning would infer). Text: the full content when the feed carries it (``content:encoded``,
Atom ``<content>``); otherwise the summary, with the entry link as ``url`` so the article can
be fetched later; or, with ``follow_links``, the linked page itself, fetched through the
guarded fetcher.

Broken XML: feedparser falls back to a lenient parser and flags the feed as "bozo". We keep
the entries it recovered that have text (a feed truncated mid-entry still gives its complete
entries; the cut entry has no text and is dropped) and refuse the feed only when nothing usable
was recovered, naming the XML error.
"""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser
import msgspec

from wirelens.errors import InputError, WirelensError
from wirelens.model import Document, DocumentKind
from wirelens.readers.context import Context, utc_now
from wirelens.readers.decode import declared_charset, decode
from wirelens.readers.markup import read_html
from wirelens.readers.plain import read_text
from wirelens.readers.sniff import sniff

__all__ = ["read_feed"]

_XML_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[\w.:-]+\2", re.I)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))(;?)")
_XMLNS = re.compile(r"(\bxmlns(?::[\w.-]+)?\s*=\s*)([\"'])(.*?)\2", re.S)


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as ISO 8601 (``2025-11-04T10:00:00Z``)."""
    if parsed is None:
        return None
    stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return stamp.isoformat().replace("+00:00", "Z")


def _authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    names = [str(a["name"]).strip() for a in entry.get("authors", []) if a.get("name")]
    if not names and entry.get("author"):
        names = [str(entry["author"]).strip()]
    return tuple(n for n in names if n)


def _text_of(entry: Mapping[str, Any]) -> tuple[str, DocumentKind] | None:
    """The entry's fullest text and whether it is markup; None when it has none."""
    contents = [c for c in entry.get("content", []) if str(c.get("value", "")).strip()]
    if contents:
        best = max(contents, key=lambda c: len(str(c["value"])))
        kind: DocumentKind = "html" if best.get("type") in _HTML_TYPES else "text"
        return str(best["value"]), kind
    summary = str(entry.get("summary", "")).strip()
    if not summary:
        return None
    return summary, "html" if _TAG.search(summary) else "text"


def _charref(match: re.Match[str]) -> str:
    """A numeric character reference as is, or U+FFFD when it names no encodable character."""
    digits = match.group(1) or match.group(2)
    if len(digits) > 8:  # also keeps int() under Python's digit limit
        return "&#xFFFD;"
    code = int(digits, 16) if match.group(1) else int(digits)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "&#xFFFD;"
    return match.group(0)


def _xmlns(match: re.Match[str]) -> str:
    """A namespace declaration with whitespace in its URI percent-encoded."""
    uri = "".join(f"%{ord(c):02X}" if c.isspace() else c for c in match.group(3))
    return f"{match.group(1)}{match.group(2)}{uri}{match.group(2)}"


def _defuse(text: str) -> str:
    """Rewrite the two things in feed XML that make feedparser raise instead of flagging "bozo".

    A character reference past U+10FFFF or to a surrogate (``&#x110000;``, ``&#xD800;``) makes
    its lenient parser call ``chr`` or encode a surrogate and raise ValueError, OverflowError
    or UnicodeEncodeError; it becomes U+FFFD, like any other undecodable character. A namespace
    URI holding whitespace that ``str.split`` splits on (two no-break spaces, from a mis-decoded
    byte order mark) makes its strict parser unpack expat's "uri name" pair into three and raise
    ValueError; the whitespace is percent-encoded (a URI has none). Both were found by fuzzing
    the fixture feeds; the rest of the feed still reads.
    """
    return _XMLNS.sub(_xmlns, _CHARREF.sub(_charref, text))


def _parse(data: bytes, name: str, url: str | None, content_type: str | None) -> Any:
    """Decode with our detector (so bad bytes are handled like everywhere else), then parse."""
    text, _ = decode(data, declared_charset(data[:1024], content_type))
    text = _defuse(_XML_ENCODING.sub(r"\1\2utf-8\2", text, count=1))
    headers = {"content-type": "application/xml; charset=utf-8"}
    if url:
        headers["content-location"] = url
    return feedparser.parse(text.encode("utf-8"), response_headers=headers)


def read_feed(
    data: bytes,
    name: str,
    ctx: Context,
    *,
    url: str | None = None,
    content_type: str | None = None,
) -> Iterator[Document]:
    """Yield one Document per feed entry that has text (or a link, with ``follow_links``)."""
    parsed = _parse(data, name, url, content_type)
    outlet = str(parsed.feed.get("title", "")).strip() or None
    count = 0
    for index, entry in enumerate(parsed.entries, 1):
        source = f"{name}#entry={index}"
        link = entry.get("link") or None
        meta: dict[str, Any] = {
            "title": str(entry.get("title", "")).strip() or None,
            "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            "authors": _authors(entry),
            "outlet": outlet,
        }
        if ctx.options.follow_links and link and not entry.get("content"):
            try:
                yield _followed(link, source, ctx, meta)
                count += 1
            except WirelensError as exc:
                ctx.report(f"{source} ({link})", exc)
            continue
        found = _text_of(entry)
        if found is None:
            continue
        content, kind = found
        count += 1
        yield Document(content=content, kind=kind, source=source, url=link, **meta)
    if count == 0:
        if parsed.bozo:
            raise InputError(
                f"{name}: broken feed XML ({parsed.get('bozo_exception')}) and no entry "
                "could be recovered; check that the file is complete"
            )
        raise InputError(f"{name}: feed has no entries with text")


def _followed(link: str, source: str, ctx: Context, meta: dict[str, Any]) -> Document:
    """Fetch an entry's link through the guarded fetcher and read it as a page."""
    fetched = ctx.fetcher.fetch(link)
    kind = sniff(fetched.body[:65536], link)
    if kind not in ("html", "text"):
        raise InputError(f"{link}: linked page is a {kind} document, not an article page")
    reader = read_html if kind == "html" else read_text
    doc = reader(
        fetched.body, source, url=fetched.url, content_type=fetched.content_type, fetched=utc_now()
    )
    return msgspec.structs.replace(doc, **meta)
