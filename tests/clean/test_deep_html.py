"""Issue 13 defect 7: text nested deeper than the parser's limit is recovered, not lost.

libxml2 drops elements about 256 levels down (2048 with ``huge_tree``), so before the fix an
article wrapped in a few hundred ``<div>`` elements came out with an empty body and exit 0. The
pages here are fictional, built in the test.
"""

from __future__ import annotations

import time

import pytest

from wirelens.clean import clean
from wirelens.clean.markup import extract_html
from wirelens.clean.nesting import KEEP_LEVELS, flatten, is_deep
from wirelens.model import Document

#: Fictional article text (The Fenwick Courier is an invented outlet).
PARAGRAPHS = (
    "Fenwick council voted on Tuesday to keep the harbour ferry running through the winter, "
    "after a petition signed by more than 3,000 islanders.",
    '"We could not leave the island cut off for four months," council leader Mira Holt said '
    "after the vote, adding that the subsidy would be reviewed in March.",
    "The operator, Tidewater Lines, said it would add a second crossing on Saturdays.",
)


def _page(levels: int, wrapper: str = "div") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><!-- fictional page for wirelens tests --><html><head>"
        "<title>Ferry saved for winter | The Fenwick Courier</title></head><body>"
        "<header><nav><a href='/'>Home</a></nav></header>"
        + f"<{wrapper} class='wrap'>" * levels
        + "<article><h1>Ferry saved for winter</h1>"
        + body
        + "</article>"
        + f"</{wrapper}>" * levels
        + "<footer>© The Fenwick Courier</footer></body></html>"
    )


@pytest.mark.parametrize("levels", [300, 1000, 3000, 30_000])
def test_defect7_deep_html_keeps_its_text(levels: int) -> None:
    started = time.perf_counter()
    article = clean(Document(content=_page(levels), kind="html", source="deep.html"))
    assert time.perf_counter() - started < 10
    for paragraph in PARAGRAPHS:
        assert paragraph in article.body
    assert article.title == "Ferry saved for winter"


@pytest.mark.parametrize("wrapper", ["span", "section", "font", "blockquote"])
def test_defect7_deep_html_any_wrapper(wrapper: str) -> None:
    text = extract_html(_page(600, wrapper)).text
    assert PARAGRAPHS[1] in text


def test_defect7_shallow_pages_are_not_flattened() -> None:
    from trafilatura.utils import load_html

    shallow, deep = load_html(_page(40)), load_html(_page(400))
    assert shallow is not None and deep is not None
    assert not is_deep(shallow)
    assert is_deep(deep)


def test_defect7_flatten_keeps_paragraphs_and_escapes_text() -> None:
    html = "<body>" + "<div>" * 500 + "<p>a &lt;b&gt; &amp; c</p><p>second</p>" + "</div>" * 500
    flat = flatten(html)
    assert flat.count("<div>") == KEEP_LEVELS - 1  # <body> is the first level
    assert "<p>a &lt;b&gt; &amp; c</p><p>second</p>" in flat
