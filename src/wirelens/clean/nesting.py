"""Pathologically deep markup: detect it, and flatten it so its text is not lost.

libxml2 (under lxml, hence trafilatura) stops building the tree about 256 elements deep (2048
with ``huge_tree``) and silently drops everything below, so a page whose article sits inside
hundreds of nested ``<div>`` wrappers came out with an empty body. Real pages are shallow (at
most 55 levels on the 892 AEB and WCXB pages), so a parsed tree that reaches
:data:`DEEP_LEVELS` has almost surely been cut. Such a page is re-tokenised with the standard
library's HTML tokenizer, which has no depth limit, and written back with the wrapper elements
below :data:`KEEP_LEVELS` removed: their text stays, in the paragraph and list-item elements
that hold it, so trafilatura sees an ordinary, shallow page.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from html.parser import HTMLParser

from lxml.html import HtmlElement

__all__ = ["DEEP_LEVELS", "KEEP_LEVELS", "flatten", "is_deep"]

#: A tree with an element this many levels down counts as cut by the parser's depth limit.
DEEP_LEVELS = 200
#: Elements nested deeper than this are unwrapped, except the text blocks in :data:`_BLOCKS`.
KEEP_LEVELS = 100

#: Elements that still mark paragraphs below KEEP_LEVELS (none of them nests in itself).
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "dt", "dd", "br"})
#: Elements with no end tag: never on the open-element stack.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
#: Elements whose content is not text: kept at any depth, their content written unescaped.
_RAW = frozenset({"script", "style"})
_DEEP_XPATH = "boolean(/" + "*/" * (DEEP_LEVELS - 1) + "*)"


def is_deep(tree: HtmlElement) -> bool:
    """True when ``tree`` has an element :data:`DEEP_LEVELS` levels down (one XPath, fast)."""
    return bool(tree.xpath(_DEEP_XPATH))


def flatten(html: str) -> str:
    """``html`` rewritten with every wrapper below :data:`KEEP_LEVELS` removed, text kept."""
    writer = _Flattener()
    writer.feed(html)
    writer.close()
    return "".join(writer.out)


class _Flattener(HTMLParser):
    """Re-serialises markup as it is tokenised, tracking open elements on a stack."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        #: open elements at each depth that were written out (so their end tags are too)
        self.kept: list[bool] = []
        #: how many of each tag are open, all told and below KEEP_LEVELS (no stack scans)
        self.open: Counter[str] = Counter()
        self.deep: Counter[str] = Counter()

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.deep[tag] and tag in _BLOCKS:
            self.handle_endtag(tag)  # '<li>a<li>b' deep down: the first item ends here
        depth = len(self.stack)
        keep = depth < KEEP_LEVELS or tag in _BLOCKS or tag in _RAW
        if keep:
            self.out.append(_start(tag, attrs))
        if tag not in _VOID:
            self.stack.append(tag)
            self.kept.append(keep)
            self.open[tag] += 1
            self.deep[tag] += depth >= KEEP_LEVELS

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) < KEEP_LEVELS or tag in _BLOCKS:  # '<br/>', '<img/>'
            self.out.append(_start(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if not self.open[tag]:
            return  # a stray end tag closes nothing
        while self.stack:
            open_tag, kept = self.stack.pop(), self.kept.pop()
            self.open[open_tag] -= 1
            self.deep[open_tag] -= len(self.stack) >= KEEP_LEVELS
            if kept:
                self.out.append(f"</{open_tag}>")
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        raw = bool(self.stack) and self.stack[-1] in _RAW
        self.out.append(data if raw else escape(data, quote=False))


def _start(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(
        f' {name}="{escape(value)}"' if value is not None else f" {name}" for name, value in attrs
    )
    return f"<{tag}{written}>"
