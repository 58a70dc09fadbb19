"""extract_html: main text, title, authors, dates (with their guards) and page metadata.

Pages are the fictional fixtures under tests/fixtures/eval or built inline here; every name in
them is invented.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import FIXTURES
from wirelens.clean.markup import HtmlExtract, extract_html

EVAL = FIXTURES / "eval"


def _page(name: str) -> str:
    return (EVAL / name).read_text(encoding="utf-8")


def test_broadsheet_page_text_and_metadata() -> None:
    found = extract_html(
        _page("one-gold-file/pages/harbour-ferry.html"), "https://courier.example/x"
    )
    assert isinstance(found, HtmlExtract)
    paragraphs = found.text.split("\n\n")
    assert paragraphs[0].startswith("PORT ELSWYTH (Coastline Courier)")
    assert any(p.startswith("The ferry carries") for p in paragraphs)
    for boilerplate in ("Most read", "Storm closes coast road", "All rights reserved", "Home"):
        assert boilerplate not in found.text
    assert found.title == "Harbour ferry returns after repairs"
    assert found.sitename == "Coastline Courier"
    assert found.language == "en"
    assert found.canonical_url == "https://courier.example/x"
    assert found.published is not None
    assert found.published.value == "2024-03-05T08:30:00+00:00"
    assert found.published.source == "opengraph"
    assert found.published.confidence >= 0.9


def test_jsonld_date_and_author() -> None:
    found = extract_html(_page("gold-per-page/pages/lantern-repair.html"), None)
    assert found.published is not None
    assert (found.published.value[:10], found.published.source) == ("2023-11-14", "json-ld")
    assert found.authors == ("Tobiah Rennick",)
    assert found.language == "en"  # from lang="en-GB"
    assert "Subscribe to our newsletter" not in found.text


def test_page_without_a_date_gets_none() -> None:
    found = extract_html(_page("gold-per-page/pages/moss-guide.html"), "https://guide.example/moss")
    assert found.text.startswith("Moss grows best in shade")
    assert found.published is None


def _article(head: str = "", body_extra: str = "") -> str:
    paragraph = (
        "<p>The Lowmarsh rowing club elected Oriel Fanshawe-Obi as its first captain from the"
        " village on Thursday, ending a forty-year run of captains from the city.</p>"
    )
    return (
        "<html><head><!-- Fictional test page written for wirelens. -->"
        f"{head}</head><body><article>{paragraph * 4}{body_extra}</article></body></html>"
    )


def test_future_and_today_dates_are_refused() -> None:
    tomorrow = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    future = _article(f'<meta property="article:published_time" content="{tomorrow}">')
    assert extract_html(future, None).published is None
    today = datetime.now(UTC).date().isoformat()
    clock = _article(body_extra=f'<p><time datetime="{today}">{today}</time></p>')
    assert extract_html(clock, None).published is None


def test_htmldate_fallback_needs_the_date_on_the_page() -> None:
    shown = _article(
        body_extra='<p class="date"><time datetime="2021-06-02">June 2, 2021</time></p>'
    )
    found = extract_html(shown, None)
    assert found.published is not None
    assert found.published.value == "2021-06-02"
    assert found.published.confidence < 0.9


def test_title_prefers_the_single_h1_and_drops_site_suffix() -> None:
    one_h1 = _article("<title>Rowing club picks captain | Lowmarsh Post</title>").replace(
        "<article>", "<article><h1>Lowmarsh rowing club picks village captain</h1>"
    )
    assert extract_html(one_h1, None).title == "Lowmarsh rowing club picks village captain"
    no_h1 = _article("<title>Rowing club picks captain | Lowmarsh Post</title>")
    assert extract_html(no_h1, None).title == "Rowing club picks captain"


def test_byline_is_cleaned() -> None:
    page = _article('<meta name="author" content="By Wren Talbot-Ng">')
    assert extract_html(page, None).authors == ("Wren Talbot-Ng",)


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html></html>", "<script>var a = 1;</script>" * 50, "\x00\x01 binary"],
)
def test_nothing_to_extract_is_an_empty_text_not_an_error(html: str) -> None:
    found = extract_html(html, None)
    assert found.text == ""
    assert found.published is None
