"""Issue 13 defect 11: body text lost or polluted on real pages.

Each class of pollution found on held-out news pages (and on WCXB and AEB) lands in a typed
part, and list items cut off by in-article ad slots stay in the body. Every line and page here
is fictional (The Fenwick Courier, Carrow Island and their people are invented); the end-to-end
page is ``tests/fixtures/articles/listicle-fenwick-courier-ferry.html``.
"""

from __future__ import annotations

import pytest

from wirelens.clean import clean
from wirelens.clean.markup import extract_html
from wirelens.clean.news import split_news
from wirelens.model import Document

BODY = (
    "Fenwick council voted on Tuesday to keep the harbour ferry running through the winter, "
    "after a petition signed by more than 3,000 islanders."
)
LATER = "The operator, Tidewater Lines, said it would add a second crossing on Saturdays."


def _kinds(line: str) -> list[str]:
    news = split_news(f"{BODY}\n\n{line}\n\n{LATER}", infer_headline=False)
    assert news.paragraphs[0] == BODY and news.paragraphs[-1] == LATER
    return [p.kind for p in news.parts]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # photo credits and captions
        ("Courtesy Fenwick Harbour Trust", "caption"),
        ("Photo courtesy of the Carrow Island Museum", "caption"),
        ("The ferry leaving Carrow pier at dawn. Courtesy Mira Holt", "caption"),
        ("Passengers boarding at Fenwick quay in September. Photo: Ilya Marsh", "caption"),
        ("Pack a waterproof for the crossing, whatever the forecast. Credit: Jon Abara", "caption"),
        ("The old harbour office on a grey morning. Picture: Getty", "caption"),
        ("Ferry passengers on the top deck. Halfpoint/E+ via Getty Images", "caption"),
        ("Image used under license from Shutterstock", "caption"),
        ("Credit:", "caption"),
        # share widgets
        ("Copy URL for Sharing", "share"),
        ("Copy link to clipboard", "share"),
        # newsletter and subscription promos
        ("Join Our Newsletter", "promo"),
        ("THE MORNING TIDE NEWSLETTER", "promo"),
        ("Get the best of the Courier delivered to your inbox every weekday.", "promo"),
        ("Enjoyed this article? Share it with a friend and follow us for more.", "promo"),
        (
            "Start your day with The Morning Tide, our briefing on island life. Sign up for the "
            "free daily newsletter.",
            "promo",
        ),
        ("Get access to Courier Plus subscriptions for as little as £1 a week.", "promo"),
        ("Already a subscriber? Log in to read on.", "promo"),
        # logged-in-only notices
        ("You must be logged in to post a comment.", "promo"),
        ("Log in to continue reading this story.", "promo"),
        ("This content is available to subscribers only.", "promo"),
        # other-stories blocks
        ("Other Island Top Stories", "related"),
        ("More Local News", "related"),
    ],
)
def test_defect11_pollution_is_a_typed_part(line: str, kind: str) -> None:
    assert _kinds(line) == [kind]


@pytest.mark.parametrize(
    "line",
    [
        "He said the newsletter had doubled its readers since the spring.",
        "The mayor thanked the crew out of courtesy to the visiting minister.",
        "Credit unions on the island have offered loans to the ferry's staff.",
        "I also counted 28 newsletters, a small subset of those I subscribe to, in my sample.",
        "Only logged in users will pay the new booking fee, the company said.",
        "- Subscribe to the harbour's weather alerts before you travel.",
        "Photo: the winners of the model-boat contest are listed below and will sail on Sunday.",
    ],
)
def test_defect11_body_lines_stay_in_the_body(line: str) -> None:
    assert _kinds(line) == []


def test_defect11_pull_quote_repeating_a_later_sentence() -> None:
    quote = "“We could not leave the island cut off for four months.” — Mira Holt"
    source = (
        "“We could not leave the island cut off for four months,” council leader Mira Holt "
        "said, adding that the subsidy would be reviewed in March."
    )
    news = split_news(f"{BODY}\n\n{quote}\n\n{source}\n\n{LATER}", infer_headline=False)
    assert [(p.kind, p.text) for p in news.parts] == [("pullquote", quote)]
    assert news.paragraphs == [BODY, source, LATER]


def test_defect11_list_items_and_summaries_are_not_pull_quotes() -> None:
    item = "- Crossings every two hours from November."
    summary = "Crossings every two hours from November. Cheaper season tickets for islanders."
    far = [f"Paragraph {i} about the island's roads and the new bus timetable." for i in range(12)]
    line = "Tickets will be cheaper for islanders this winter."
    text = "\n\n".join([BODY, item, summary, line, *far, f"{line} The council agreed it."])
    news = split_news(text, infer_headline=False)
    assert news.parts == []


def test_defect11_markup_named_captions_and_pull_quotes_are_parts() -> None:
    html = (
        "<html><head><title>Ferry saved</title></head><body><article><h1>Ferry saved</h1>"
        f"<p>{BODY}</p><table><tr><td class='pullquote'>The island cannot be cut off "
        "again, whatever it costs.</td></tr></table>"
        f"<p>{LATER}</p><p class='wp-caption-text'>The ferry at Carrow pier.</p>"
        "</article></body></html>"
    )
    extract = extract_html(html)
    assert ("pullquote", "The island cannot be cut off again, whatever it costs.") in (
        extract.marked
    )
    assert ("caption", "The ferry at Carrow pier.") in extract.marked
    text = f"{BODY}\n\nThe island cannot be cut off again, whatever it costs.\n\n{LATER}"
    news = split_news(text, marked=extract.marked, infer_headline=False)
    assert [p.kind for p in news.parts] == ["pullquote"]
    assert news.paragraphs == [BODY, LATER]


def _listicle(items: int) -> str:
    """Fictional listicle: the first two items in the article, the rest in slide containers
    between ad slots (a class trafilatura discards)."""
    places = ("Fenwick", "Carrow", "Marlow", "Tidewater", "the harbour", "the school", "Orme")

    def item(i: int) -> str:
        place = places[i % len(places)]
        return (
            f"<li class='list-item'>Item {i}: the ferry will stop at {place} {i} times a day, "
            f"which the council says will help people from {place} reach work.</li>"
        )

    head = item(1) + item(2)
    slides = "".join(
        "<div class='ad-slot'><span>Advertisement</span></div><div class='listicle-slides'>"
        f"<ol start='{i}'>{item(i)}</ol></div>"
        for i in range(3, items + 1)
    )
    intro = "".join(f"<p>{BODY} {LATER} {n}</p>" for n in ("First", "Second"))
    return (
        "<!-- fictional --><html><head><title>Ferry changes</title></head><body><main>"
        f"<article><h1>Ferry changes</h1>{intro}<ol>{head}</ol>{slides}<p>{LATER}</p>"
        "<aside class='related'><p class='list-item'>Other news: the island's school will "
        "reopen after repairs to its roof this winter.</p></aside></article></main></body></html>"
    )


def test_defect11_list_items_beside_ad_slots_stay_in_the_body() -> None:
    article = clean(Document(content=_listicle(6), kind="html", source="listicle.html"))
    numbers = [i for i in range(1, 7) if f"Item {i}: the ferry will stop" in article.body]
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert article.body.index("Item 2:") < article.body.index("Item 3:")
    assert "school will reopen" not in article.text  # related asides are not recovered
    assert "Advertisement" not in article.body


def test_defect11_top_stories_block_takes_its_headlines() -> None:
    block = [
        "Other Island Top Stories",
        "Lighthouse keeper's cottage sold at auction",
        "- Storm damage closes coastal path near Carrow",
    ]
    text = "\n\n".join([BODY, *block, LATER])
    news = split_news(text, infer_headline=False)
    assert [(p.kind, p.data.get("headline")) for p in news.parts] == [
        ("related", None),
        ("related", "Lighthouse keeper's cottage sold at auction"),
        ("related", "Storm damage closes coastal path near Carrow"),
    ]
    assert news.paragraphs == [BODY, LATER]  # a sentence ends the block
