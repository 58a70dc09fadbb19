"""Recover article paragraphs trafilatura dropped because an ad slot split the article.

Listicles and long reads are often rendered as a run of sibling containers with an ad slot
between each pair; trafilatura keeps the container it judges the article and silently drops
the rest, so list items vanish and the numbering skips. A CMS renders every body paragraph or
list item of one article with the same markup: the same tag and ``class``. So an element of
the page that is not in the extracted text, whose tag and class are those of at least
:data:`MIN_SHARED` extracted elements holding :data:`MIN_STYLE_SHARE` of the extracted words,
and which sits outside page furniture (navigation,
asides, footers, forms, figures, and containers named for ads, promos, related links or
comments), is article text: it goes back in, after the extracted line that precedes it.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

__all__ = ["recover"]

#: Extracted elements that must share a tag and class before others with it are recovered.
MIN_SHARED = 2
#: ... and hold this share of the extracted words: the article's own paragraph style, not a
#: teaser style trafilatura let through twice.
MIN_STYLE_SHARE = 0.2
#: Shortest element worth recovering, in words (shorter ones are labels and buttons).
MIN_WORDS = 8
#: An element this much link text is a teaser or a menu item, not a paragraph.
MAX_LINK_SHARE = 0.5
#: Opening or closing words that identify an element's text in the extract.
EDGE_WORDS = 6
#: Tags that hold body text one block at a time.
_BLOCKS = ("p", "li")
#: Ancestors whose content is page furniture, never the article.
_FURNITURE_TAGS = frozenset({"a", "nav", "aside", "footer", "header", "form", "figure", "button"})
_FURNITURE_NAMES = re.compile(
    r"(?<![a-z])(?:related|recirc|promo|newsletter|subscribe|comments?|sidebar|footer|"
    r"share|social|breadcrumbs?|menu|nav|teaser|trending|popular|recommend\w*|more-stories|"
    r"ads?|advert\w*|sponsor\w*|outbrain|taboola|author-bio|bio)(?![a-z])",
    re.IGNORECASE,
)
_NON_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _furniture(element: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in _FURNITURE_TAGS:
            return True
        names = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if names.strip() and _FURNITURE_NAMES.search(names):
            return True
    return False


def recover(tree: HtmlElement, text: str) -> str:
    """``text`` (blank-line paragraphs) with the dropped article paragraphs of ``tree`` put back.

    Returns ``text`` unchanged when nothing qualifies.
    """
    lines = text.split("\n\n")
    folded_lines = [_fold(line) for line in lines]
    joined = f" {' '.join(folded_lines)} "
    candidates: list[tuple[HtmlElement, str, str, bool]] = []
    #: signature -> (extracted elements, their words)
    shared: dict[str, tuple[int, int]] = {}
    for element in tree.iter(*_BLOCKS):
        classes = " ".join((element.get("class") or "").split())
        words = " ".join(element.text_content().split())
        key = _fold(words)
        if not classes or not key:
            continue
        signature = f"{element.tag}.{classes}"
        found = _extracted(key, joined)
        if found:
            count, size = shared.get(signature, (0, 0))
            shared[signature] = (count + 1, size + len(key.split()))
        candidates.append((element, signature, words, found))
    total = max(len(joined.split()), 1)
    styles = {
        signature
        for signature, (count, size) in shared.items()
        if count >= MIN_SHARED and size >= MIN_STYLE_SHARE * total
    }
    inserts: dict[int, list[str]] = {}
    after = -1  # index of the extracted line the next recovered paragraph follows
    for element, signature, words, found in candidates:
        if found:
            after = _line_of(_fold(words), folded_lines, after)
            continue
        if (
            signature in styles
            and len(words.split()) >= MIN_WORDS
            and _link_share(element, words) < MAX_LINK_SHARE
            and not _furniture(element)
            and (not inserts or words not in inserts.get(after, []))
        ):
            inserts.setdefault(after, []).append(words)
    if not inserts:
        return text
    out = list(inserts.get(-1, []))
    for index, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(index, []))
    return "\n\n".join(out)


def _extracted(key: str, joined: str) -> bool:
    """True when the element's text is in the extract: whole, or its opening or closing words
    (trafilatura drops footnote marks and some inline elements, so the middle may differ)."""
    words = key.split()
    if f" {key} " in joined:
        return True
    if len(words) < 2 * EDGE_WORDS:
        return False
    head, tail = " ".join(words[:EDGE_WORDS]), " ".join(words[-EDGE_WORDS:])
    return f" {head} " in joined or f" {tail} " in joined


def _link_share(element: HtmlElement, words: str) -> float:
    """Share of the element's characters that are link text (a teaser list is all links)."""
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked / max(len(words), 1)


def _line_of(key: str, folded_lines: list[str], last: int) -> int:
    """Index of the extracted line holding ``key`` (searching from ``last`` on), else ``last``."""
    for index in range(max(last, 0), len(folded_lines)):
        if key in folded_lines[index]:
            return index
    return last
