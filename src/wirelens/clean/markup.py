"""Main text and metadata from an HTML page: trafilatura, run in up to three modes.

trafilatura alone is a strong base (body F1 about 0.96 on the AEB benchmark) but its settings
fail in opposite ways: ``favor_precision`` sometimes drops most of the article, ``favor_recall``
keeps related-story teasers and footers, and the fast mode (no readability/jusText fallbacks)
sometimes finds one paragraph of a long page. So, on one parsed tree:

1. precision, fast mode: the answer for most pages;
2. recall, fast mode, only when (1) holds less than half of the words in the page's ``<p>``
   elements; its text wins when (1) has under 60% of its words;
3. balanced, full mode with fallbacks, only when the answer so far is still very short or holds
   under a fifth of the paragraph words (about 5% of pages); it wins when twice as long.

``include_comments=False`` throughout: reader comments are not the article. The thresholds are
tuned on AEB and checked on WCXB; ``bench/README.md`` has the measured effect of each step.

Dates come from the markup the publisher wrote for machines first (JSON-LD ``datePublished``,
Open Graph ``article:published_time``, other ``<meta>`` names, ``<time pubdate>``), with high
confidence. htmldate is only a fallback, restricted to markup (no free-text heuristics) and
guarded against future and implausibly old dates, so a page without a real date gets no date
rather than an invented one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import msgspec
from lxml.etree import LxmlError
from lxml.html import HtmlElement

from wirelens.clean import markup_table as table
from wirelens.clean import nesting
from wirelens.clean.attributes import trim_attributes
from wirelens.clean.recover import recover
from wirelens.model import Published

__all__ = ["HtmlExtract", "extract_html"]

#: The recall run is only made when the precise text has fewer words than this share of the
#: words in the page's ``<p>`` elements (or fewer than SHORT_WORDS): it rarely changes the
#: result otherwise, and skipping it nearly halves the time per page.
RECALL_CHECK_SHARE = 0.5
#: Keep the ``favor_precision`` text unless it has fewer words than this share of the recall text.
PRECISION_SHARE = 0.6
#: A chosen text with fewer words than this makes trafilatura's full mode (with fallbacks) run...
SHORT_WORDS = 100
#: ... and so does one with fewer words than this share of the words in the page's ``<p>``s.
PARAGRAPH_SHARE = 0.2
#: The full-mode text replaces the chosen one only if it has this many times as many words.
FALLBACK_GAIN = 2.0

_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_AUTHOR_SEP = re.compile(r"\s*;\s*")
_AUTHOR_PREFIX = re.compile(table.AUTHOR_PREFIX, re.IGNORECASE)
_AUTHOR_TAIL = re.compile(table.AUTHOR_TAIL, re.IGNORECASE)
_LANG = re.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")
_NON_WORD = re.compile(r"[\W_]+")
_MARKED_CLASS = re.compile(table.MARKED_CLASS, re.IGNORECASE)
_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")


class HtmlExtract(msgspec.Struct, frozen=True, kw_only=True):
    """What an HTML page says about itself: main text (paragraphs split by blank lines) + metadata.

    ``text`` is empty when no main text could be found; every other field is ``None`` (or
    empty) when the page does not say. ``extractor`` names the extraction path that produced
    ``text`` (``precision``, ``recall`` or ``fallback``), for benchmarks and debugging.
    """

    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: Published | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    section: str | None = None
    description: str | None = None
    extractor: str = "none"
    #: ``(kind, text)`` of the short elements the markup itself calls a caption, a credit or a
    #: pull quote (``<figcaption>``, ``class="photo-credit"``, ``class="pullquote"``): lines of
    #: ``text`` equal to one of them are typed parts, not body.
    marked: tuple[tuple[str, str], ...] = ()


def extract_html(html: str, url: str | None = None) -> HtmlExtract:
    """Extract the main text and metadata of one HTML page.

    Never raises on bad markup: a page with nothing extractable gives an empty ``text`` and
    the caller decides whether that is an error.
    """
    from trafilatura.utils import load_html

    html = trim_attributes(html)
    tree = load_html(html) if html.strip() else None
    if not isinstance(tree, HtmlElement):
        return _fragment(html)
    if nesting.is_deep(tree):  # the parser cut it: reparse it flattened, keeping the text
        tree = load_html(nesting.flatten(html))
        if not isinstance(tree, HtmlElement):
            return _fragment(html)
    paragraph_words = _paragraph_words(tree)
    text, extractor = _text(_trafilatura(tree, url, favor_precision=True)), "precision"
    words = _words(text)
    if words < SHORT_WORDS or words < RECALL_CHECK_SHARE * paragraph_words:
        recall_text = _text(_trafilatura(tree, url, favor_recall=True))
        if words < PRECISION_SHARE * _words(recall_text):
            text, extractor, words = recall_text, "recall", _words(recall_text)
    if words < SHORT_WORDS or words < PARAGRAPH_SHARE * paragraph_words:
        full_text = _text(_trafilatura(tree, url, fast=False))
        if _words(full_text) > FALLBACK_GAIN * words:
            text, extractor = full_text, "fallback"
    if not text and paragraph_words:
        # a fragment (a feed entry's content) can be too short for trafilatura to accept:
        # its paragraphs are the article
        text, extractor = _paragraphs(tree), "paragraphs"
    elif text:
        text = recover(tree, text)  # paragraphs an ad slot cut off from the rest
    return _describe(tree, url, text, extractor)


def _fragment(html: str) -> HtmlExtract:
    """A snippet trafilatura will not parse (a feed entry's ``<p>...</p>``): keep its text."""
    from lxml import html as lxml_html

    html = trim_attributes(html)
    try:
        tree = lxml_html.fromstring(html) if html.strip() else None
        if isinstance(tree, HtmlElement) and nesting.is_deep(tree):
            tree = lxml_html.fromstring(nesting.flatten(html))
    except (LxmlError, ValueError):
        tree = None
    if not isinstance(tree, HtmlElement):
        return HtmlExtract(text="")
    text = _paragraphs(tree)
    return HtmlExtract(text=text, extractor="paragraphs" if text else "none")


def _paragraphs(tree: HtmlElement) -> str:
    """The text of every ``<p>``, one blank line apart (scripts never sit inside a ``<p>``)."""
    texts = (" ".join(p.text_content().split()) for p in tree.iter("p"))
    return "\n\n".join(t for t in texts if t)


def _trafilatura(
    tree: HtmlElement,
    url: str | None,
    *,
    favor_precision: bool = False,
    favor_recall: bool = False,
    fast: bool = True,
) -> Any:
    """One trafilatura run on (a copy of) the parsed tree; None when it finds nothing."""
    from trafilatura import bare_extraction

    try:
        return bare_extraction(
            tree,
            url=url,
            fast=fast,
            favor_precision=favor_precision,
            favor_recall=favor_recall,
            include_comments=False,
        )
    except (ValueError, TypeError, AttributeError, RecursionError, LxmlError):
        # trafilatura raises these on pathological markup; treat as "nothing found".
        return None


def _text(doc: Any) -> str:
    """trafilatura's text with one blank line between paragraphs."""
    raw = getattr(doc, "text", None) or ""
    return "\n\n".join(line.strip() for line in raw.splitlines() if line.strip())


def _words(text: str) -> int:
    return len(text.split())


def _paragraph_words(tree: HtmlElement) -> int:
    """Words in the page's ``<p>`` elements: a cheap estimate of how much prose it holds."""
    return sum(len(str(t).split()) for t in tree.xpath("//p//text()"))


def _describe(tree: HtmlElement, url: str | None, text: str, extractor: str) -> HtmlExtract:
    """Assemble the extract: trafilatura's metadata readers plus our date, title and language."""
    meta = _trafilatura_metadata(tree)
    author = getattr(meta, "author", None) or ""
    categories = getattr(meta, "categories", None) or []
    canonical = _canonical(tree) or url
    language = _language(tree)
    section = _meta(tree, ("article:section",)) or (categories[0] if categories else None)
    title = _title(tree, getattr(meta, "title", None), getattr(meta, "sitename", None))
    return HtmlExtract(
        text=_without_headline(text, title),
        title=title,
        authors=_authors(author),
        published=find_published(tree, url),
        sitename=getattr(meta, "sitename", None) or None,
        canonical_url=canonical,
        language=language,
        section=section,
        description=getattr(meta, "description", None) or None,
        extractor=extractor,
        marked=_marked(tree),
    )


def _marked(tree: HtmlElement) -> tuple[tuple[str, str], ...]:
    """Captions, credits and pull quotes as the markup names them (see ``HtmlExtract.marked``).

    Taken before htmldate (which may prune the tree); long elements are left out, since a
    class like ``has-captions`` on a container says nothing about its text.
    """
    found: dict[str, str] = {}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        names = element.get("class") or ""  # not ids: headings' ids are slugs of their text
        if element.tag == "figcaption" or element.get("itemprop") in ("caption", "creditText"):
            kind = "caption"
        elif names.strip() and (match := _MARKED_CLASS.search(names)) is not None:
            kind = "pullquote" if match["pull"] else "caption"
        else:
            continue
        text = " ".join(element.text_content().split())
        if text and len(text) <= table.MARKED_MAX_CHARS:
            found.setdefault(text, kind)
    return tuple((kind, text) for text, kind in found.items())


def _without_headline(text: str, title: str | None) -> str:
    """Drop a first paragraph that only repeats the headline: it is metadata, not body.

    Measured: body F1 +0.002 on AEB and +0.0005 on WCXB; the title stays in ``title``.
    """
    first, _, rest = text.partition("\n\n")
    if title and rest and _fold(first) == _fold(title):
        return rest
    return text


def _authors(byline: str) -> tuple[str, ...]:
    """trafilatura's ``A; B`` byline as names, without "By", trailing dates or placeholders."""
    names: list[str] = []
    for raw in _AUTHOR_SEP.split(byline):
        name = _AUTHOR_TAIL.sub("", _AUTHOR_PREFIX.sub("", raw)).strip(" ,;:-|")
        if name and name.casefold() not in table.AUTHOR_PLACEHOLDERS and name not in names:
            names.append(name)
    return tuple(names)


def _trafilatura_metadata(tree: HtmlElement) -> Any:
    """trafilatura's meta-tag, JSON-LD, title, byline and site-name readers, nothing else.

    ``trafilatura.extract_metadata`` also searches categories, tags, licence and (with
    htmldate's full heuristics) a date; we read dates ourselves, so calling the readers we use
    directly saves about a fifth of the extraction time. None if trafilatura fails on the page.
    """
    from trafilatura import metadata as tm

    try:
        meta = tm.examine_meta(tree)
        if meta.author and " " not in meta.author:
            meta.author = None  # a single token is a handle or a site, not a byline
        meta = tm.extract_meta_json(tree, meta)
        if not meta.title:
            meta.title = tm.extract_title(tree)
        if not meta.author:
            meta.author = tm.extract_author(tree)
        if not meta.sitename:
            meta.sitename = tm.extract_sitename(tree)
        meta.clean_and_trim()
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, LxmlError):
        return None
    return meta


def _title(tree: HtmlElement, meta_title: str | None, sitename: str | None) -> str | None:
    """The headline: the page's only ``<h1>``, else an ``<h1>`` the metadata title contains,
    else the metadata title without a trailing site name (``Headline | Site``).

    Measured on WCXB: metadata title alone 0.55 accuracy, with these rules 0.86.
    """
    h1s = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    h1s = [h for h in h1s if h]
    if len(h1s) == 1:
        return h1s[0]
    if not meta_title:
        return h1s[0] if h1s else None
    folded = _fold(meta_title)
    for h1 in h1s:
        if _fold(h1) and _fold(h1) in folded:
            return h1
    return _strip_site(meta_title, sitename)


def _fold(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _strip_site(title: str, sitename: str | None) -> str:
    """``Headline | Site`` -> ``Headline`` when the tail is short or names the site."""
    parts = _TITLE_SEP.split(title)
    if len(parts) < 2:
        return title
    tail = parts[-1]
    if len(tail.split()) <= table.SITE_SUFFIX_MAX_WORDS or (
        sitename and _fold(sitename) and _fold(sitename) in _fold(tail)
    ):
        head = title[: title.rfind(tail)].rstrip(" |-–—:·»")
        return head or title
    return title


# --- dates --------------------------------------------------------------------------------------


def find_published(tree: HtmlElement, url: str | None = None) -> Published | None:
    """The publication date from structured markup, else htmldate's guarded guess, else None.

    Call it last on a tree: htmldate may prune the tree it searches.
    """
    today = datetime.now(UTC).date()
    for value, source, confidence in _structured_dates(tree):
        iso = _iso(value, today)
        if iso is not None:
            return Published(value=iso, source=source, confidence=confidence)
    visible = _visible_text(tree)  # before htmldate, which may prune the tree it searches
    guess = _htmldate(tree, url, today)
    iso = _iso(guess, today) if guess else None
    # today's date from htmldate is the crawl or a clock widget, not a publication; a date
    # printed nowhere on the page or in its URL is more often a modified date or noise
    if iso is None or iso[:10] == today.isoformat() or not _shown(iso, visible, url or ""):
        return None
    return Published(value=iso, source="htmldate", confidence=table.HTMLDATE_CONFIDENCE)


def _visible_text(tree: HtmlElement) -> str:
    """The page's text outside scripts and styles, whitespace collapsed, case-folded."""
    parts = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(" ".join(str(p) for p in parts).split()).casefold()


def _shown(iso: str, visible: str, url: str) -> bool:
    """True when the date appears in the page text (a common written form) or in its URL."""
    day = date.fromisoformat(iso[:10])
    if any(form.casefold() in visible for form in _date_forms(day)):
        return True
    return re.search(rf"{day.year}[/_-]?{day.month:02d}[/_-]?{day.day:02d}", url) is not None


def _date_forms(day: date) -> tuple[str, ...]:
    month, mon = day.strftime("%B"), day.strftime("%b")
    d, m, y = day.day, day.month, day.year
    return (
        day.isoformat(),
        f"{month} {d}, {y}",
        f"{month} {d:02d}, {y}",
        f"{month} {d} {y}",
        f"{d} {month} {y}",
        f"{d:02d} {month} {y}",
        f"{mon} {d}, {y}",
        f"{mon}. {d}, {y}",
        f"{mon} {d:02d}, {y}",
        f"{d} {mon} {y}",
        f"{m}/{d}/{y}",
        f"{m:02d}/{d:02d}/{y}",
        f"{d:02d}/{m:02d}/{y}",
        f"{d}.{m}.{y}",
        f"{d:02d}.{m:02d}.{y}",
        f"{y}/{m:02d}/{d:02d}",
    )


def _htmldate(tree: HtmlElement, url: str | None, today: date) -> str | None:
    """htmldate on markup only: ``extensive_search`` off, so no dates guessed from free text."""
    from htmldate import find_date

    try:
        result = find_date(
            tree,
            extensive_search=False,
            original_date=True,
            url=url,
            max_date=today.isoformat(),
        )
    except (ValueError, TypeError, AttributeError, OverflowError, LxmlError):
        return None
    return result if isinstance(result, str) else None


def _structured_dates(tree: HtmlElement) -> Iterator[tuple[str, str, float]]:
    """Candidate (value, source, confidence) in order of trust."""
    for value in _jsonld_dates(tree):
        yield value, "json-ld", 0.95
    metas: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        content = meta.get("content")
        if key and content:
            metas.setdefault(key.strip().lower(), content.strip())
    for key, source, confidence in table.META_DATES:
        if key in metas:
            yield metas[key], source, confidence
    for node in tree.iterfind(".//time"):
        value = node.get("datetime")
        if value and (node.get("pubdate") is not None or node.get("itemprop") == "datePublished"):
            yield value, "time", table.TIME_ELEMENT_CONFIDENCE


def _jsonld_dates(tree: HtmlElement) -> Iterator[str]:
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for node in _jsonld_nodes(data):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(
                isinstance(k, str) and k.lower() in table.JSONLD_ARTICLE_TYPES for k in kinds
            ):
                continue
            for key in table.JSONLD_DATE_KEYS:
                value = node.get(key)
                if isinstance(value, str) and value.strip():
                    yield value.strip()
                    break


def _is_article(kinds: Any) -> bool:
    """True when a JSON-LD ``@type`` (a string or a list) names an article-like type."""
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.lower() in table.JSONLD_ARTICLE_TYPES for k in kinds)


def _jsonld_nodes(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD block (through ``@graph`` and lists), shallow first."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_nodes(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _jsonld_nodes(graph, depth + 1)


def _iso(value: str, today: date) -> str | None:
    """Normalise a date string to ISO 8601; None if unparseable, in the future or too old."""
    text = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        match = _ISO_DATE.search(text)
        if match:
            try:
                parsed = datetime(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                parsed = None
    if parsed is None or parsed.year < table.MIN_YEAR or parsed.date() > today:
        return None
    if parsed.time() == datetime.min.time() and parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat()


# --- other metadata ------------------------------------------------------------------------------


def _meta(tree: HtmlElement, names: tuple[str, ...]) -> str | None:
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in names and content:
            return content
    return None


def _canonical(tree: HtmlElement) -> str | None:
    for link in tree.iterfind(".//link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href.startswith(("http://", "https://")):
            return href
    og_url = _meta(tree, ("og:url",))
    return og_url if og_url and og_url.startswith(("http://", "https://")) else None


def _language(tree: HtmlElement) -> str | None:
    """Primary language subtag from ``<html lang>``, Content-Language or ``og:locale``."""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    for meta in tree.iterfind(".//meta"):
        if (meta.get("http-equiv") or "").lower() == "content-language":
            candidates.append(meta.get("content"))
    candidates.append(_meta(tree, ("og:locale",)))
    for value in candidates:
        match = _LANG.match((value or "").strip())
        if match:
            return match[0].lower()
    return None
