"""Regression: a feed entry whose content is one short HTML paragraph kept an empty body,
because trafilatura refuses to parse a fragment that small. Its paragraph is the article."""

from __future__ import annotations

from wirelens.clean import clean
from wirelens.clean.markup import extract_html
from wirelens.model import Document

FRAGMENT = (
    "<p>CARDIFF (PA) - Inspectors found no cracks in the fictional Llyn Garw dam, "
    "the water board said on Thursday.</p>"
)


def test_fragment_text_is_kept() -> None:
    extract = extract_html(FRAGMENT)
    assert extract.text.startswith("CARDIFF (PA) - Inspectors found no cracks")
    assert "<p>" not in extract.text


def test_fragment_becomes_an_article_with_dateline() -> None:
    article = clean(Document(content=FRAGMENT, kind="html", source="feed#1"))
    assert article.body.startswith("Inspectors found no cracks")
    assert article.agency == "PA"


def test_script_only_fragment_gives_no_text() -> None:
    assert extract_html("<script>alert('x')</script>").text == ""
