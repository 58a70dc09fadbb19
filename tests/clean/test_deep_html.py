"""Issue 13 defect 7: text nested deeper than the parser's limit is recovered, not lost.

libxml2 drops elements about 256 levels down (2048 with ``huge_tree``), so before the fix an
article wrapped in a few hundred ``<div>`` elements came out with an empty body and exit 0. The
pages here are fictional, built in the test.
"""

from __future__ import annotations

import time

import pytest

from wirelens.clean import clean
from wirelens.clean.attributes import MAX_ATTRIBUTES, trim_attributes
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


# --- found by fuzzing the HTML reader (session 11): elements with thousands of attributes ------


def test_element_with_40000_attributes_cleans_in_linear_time() -> None:
    """libxml2 checks each attribute against the element's others (n²): before, one
    ``<div>`` with 40,000 attributes (a 0.3 MB page) took 13 s of CPU to clean and 100,000
    took 89 s. Now the tag keeps its first MAX_ATTRIBUTES and the page cleans at once."""
    attributes = " ".join(f"data-k{i}=1" for i in range(40_000))
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    html = f"<html><body><article><div {attributes}>{body}</div></article></body></html>"
    clean(Document(content=_page(3), kind="html", source="warm-up"))
    started = time.process_time()
    article = clean(Document(content=html, kind="html", source="fiction-attributes"))
    assert time.process_time() - started < 3.0
    assert article.body.split("\n\n") == list(PARAGRAPHS)


def test_trim_attributes_keeps_ordinary_markup_and_long_values() -> None:
    """Only a start tag past LONG_TAG_CHARS with more than MAX_ATTRIBUTES attributes changes;
    one long attribute value (a data URI) and every ordinary tag are left exactly as written."""
    image = '<img alt="harbour" src="data:image/png;base64,' + "A" * 20_000 + '">'
    page = _page(40) + image + "<script>for(i=0;i<n;i++){" + "x=y+1;" * 2000 + "}</script>"
    assert trim_attributes(page) == page
    crowded = "<div " + " ".join(f"a{i}='v {i}'" for i in range(1000)) + "/>text"
    trimmed = trim_attributes(crowded)
    assert trimmed.startswith("<div a0='v 0' a1='v 1'") and trimmed.endswith(">text")
    assert trimmed.count("=") == MAX_ATTRIBUTES
