"""The news pass on boilerplate from many kinds of outlet, and on body text it must leave alone."""

from __future__ import annotations

import random

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirelens.clean import clean
from wirelens.clean.news import split_news
from wirelens.errors import EmptyArticleError
from wirelens.model import Document

BODY = "The minister said on Tuesday that the new bridge would open in March."


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in split_news(text, infer_headline=False).parts]


def _one(line: str) -> tuple[str, dict[str, str]]:
    news = split_news(f"{BODY}\n\n{line}\n\n{BODY} Again.", infer_headline=False)
    assert len(news.parts) == 1, news.parts
    part = news.parts[0]
    assert part.text == line
    return part.kind, part.data


def test_related_links_from_many_outlets() -> None:
    for line, headline in [
        ("Also Read | Rail Strike Called Off", "Rail Strike Called Off"),
        ("READ ALSO: Port Reopens After Storm", "Port Reopens After Storm"),
        ("Related: City Budget Passes", "City Budget Passes"),
        ("Read more: Why the Dam Failed", "Why the Dam Failed"),
        ("ALSO READ Fuel Prices Rise Again", "Fuel Prices Rise Again"),
        ("See also: Timeline of the Crisis", "Timeline of the Crisis"),
        ("Also Read | Avalanche: 7 Dead.", "Avalanche: 7 Dead"),
    ]:
        assert _one(line) == ("related", {"headline": headline}), line


def test_widgets_promos_and_signoffs() -> None:
    for line, kind in [
        ("Share Now", "share"),
        ("Share this article", "share"),
        ("Follow us on Twitter for live updates", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Advertisement", "promo"),
        ("ADVERTISEMENT", "promo"),
        ("Story continues below advertisement", "promo"),
        ("Sign up for our newsletter", "promo"),
        ("Subscribe to our daily briefing", "promo"),
        ("Download the Daily Lantern app for breaking news", "promo"),
        ("(Reporting by Jane Doe; Editing by John Roe)", "signoff"),
        ("Enditem", "signoff"),
        ("Updated: Nov 04, 2025 10:23 PM IST", "other"),
    ]:
        assert _one(line)[0] == kind, line


def test_agency_signoffs_and_disclaimers_name_the_agency() -> None:
    for line, kind, agency in [
        ("(ANI)", "signoff", "ANI"),
        ("-- Reuters", "signoff", "Reuters"),
        ("(With inputs from PTI)", "signoff", "PTI"),
        ("(ZNA)", "signoff", "ZNA"),
        ("Associated Press writer Jo Park contributed to this report.", "signoff", "AP"),
        (
            "(The above story is verified and authored by IANS staff, IANS is a news agency.)",
            "disclaimer",
            "IANS",
        ),
    ]:
        found_kind, data = _one(line)
        assert (found_kind, data.get("agency")) == (kind, agency), line


def test_syndication_disclaimers_name_the_outlet() -> None:
    for line, outlet in [
        (
            "This story has not been edited by Daily Lantern staff and is auto-generated from a "
            "syndicated feed.",
            "Daily Lantern",
        ),
        (
            "(This story has not been edited by Harbour Post staff and is published from a "
            "syndicated feed of ANI. Harbour Post does not vouch for the views expressed in it.)",
            "Harbour Post",
        ),
        (
            "(Only the headline and picture of this report may have been reworked by the Metro "
            "Mirror staff; the rest of the content is auto-generated from a syndicated feed.)",
            "Metro Mirror",
        ),
    ]:
        kind, data = _one(line)
        assert (kind, data.get("outlet")) == ("disclaimer", outlet)


def test_editors_notes_and_corrections_are_notes() -> None:
    for line in [
        "Editor’s note: The mayor regularly misstates ferry figures and has repeatedly pledged "
        "to close the pier.",
        "Correction: An earlier version of this story gave the wrong date for the council vote.",
    ]:
        assert _one(line)[0] == "note"
    # an update carries news: it stays in the body
    news = split_news(f"{BODY}\n\nUpdate: The council said it would appeal.", infer_headline=False)
    assert news.parts == []


def test_captions_carry_credits() -> None:
    for line, credit, agency in [
        ("The minister at the summit (Photo/Reuters)", "Reuters", "Reuters"),
        ("Rescue workers at the site. (File photo: AP)", "AP", "AP"),
        ("Photo: Getty Images", "Getty Images", "Getty Images"),
        ("Image credit: Harbour Council", "Harbour Council", None),
        ("Crowds gather at the square (AP Photo/Lena Park)", "AP Photo/Lena Park", "AP"),
        (
            "Protesters march in the capital on Monday. REUTERS/Jon Tamm",
            "REUTERS/Jon Tamm",
            "Reuters",
        ),
    ]:
        news = split_news(f"{BODY}\n\n{line}\n\n{BODY} Again.", infer_headline=False)
        assert [p.kind for p in news.parts] == ["caption"], line
        assert news.parts[0].data["credit"] == credit
        assert [(c.kind, c.text, c.agency) for c in news.credits] == [("photo", credit, agency)]


def test_glued_blurb_and_signoff_are_split_at_the_sentence() -> None:
    text = (
        "Catch all the latest news only on Metro Mirror. The council met on Monday.\n\n"
        "The mayor said the budget was fair. (IANS)"
    )
    news = split_news(text, infer_headline=False)
    assert [(p.kind, p.text) for p in news.parts] == [
        ("blurb", "Catch all the latest news only on Metro Mirror."),
        ("signoff", "(IANS)"),
    ]
    assert news.paragraphs == ["The council met on Monday.", "The mayor said the budget was fair."]
    assert news.outlets == ["Metro Mirror"]


def test_body_lines_that_look_like_boilerplate_stay_body() -> None:
    for line in [
        "Register offices will close early on Friday, the ministry said.",
        '"Subscribe to nothing and trust no one," the comedian told the audience.',
        "Share prices fell 3% in early trading.",
        "Content sourced from local farms is cheaper, the report found.",
        "The World Health Organization (WHO) said cases had fallen.",
        "Published figures show exports grew 4% in 2024.",
        "Watch this space, the coach said.",
        "Like on many days this month, the market closed higher.",
    ]:
        assert _kinds(f"{BODY}\n\n{line}") == [], line


def test_duplicate_lines_are_kept_once() -> None:
    line = "Residents gathered outside the town hall on Thursday."
    news = split_news(f"{line}\n\n{BODY}\n\n{line}", infer_headline=False)
    assert [p.kind for p in news.parts] == ["duplicate"]
    assert news.paragraphs == [line, BODY]


def test_clean_text_headline_and_crlf() -> None:
    article = clean(
        Document(
            content="Bridge to open in March\r\n\r\nBy Ana Lima\r\n\r\n" + BODY + "\r\n",
            kind="text",
            source="t",
        )
    )
    assert article.title == "Bridge to open in March"
    assert article.authors == ("Ana Lima",)
    assert article.body == BODY
    assert "\r" not in article.text


def test_document_fields_take_precedence() -> None:
    article = clean(
        Document(
            content="Local Headline\n\nLONDON (Reuters) - " + BODY,
            kind="text",
            source="t",
            title="Feed Title",
            outlet="Feed Outlet",
            authors=("Feed Author",),
            published="2025-11-04T10:00:00Z",
        )
    )
    assert article.title == "Feed Title"
    assert article.outlet == "Feed Outlet"
    assert article.authors == ("Feed Author",)
    assert article.published is not None
    assert article.published.value == "2025-11-04T10:00:00Z"
    assert article.agency == "Reuters"


_LINES = st.sampled_from(
    [
        BODY,
        "Share Now",
        "Also Read | A Headline",
        "(ANI)",
        "World News | Something Happened Today",
        "Tehran [Iran], November 4 (ANI): Officials met.",
        "Get latest articles and stories on World at Example. The talks ended.",
        "The talks ended. (PTI)",
        "A caption (Photo/Reuters)",
        "",
        "   ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_LINES, st.text(max_size=80)), max_size=12))
def test_part_offsets_hold_for_any_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        article = clean(Document(content=text, kind="text", source="h"))
    except EmptyArticleError:  # issue 13 defect 7: an empty body is an error, not a record
        assert not split_news(text).body.strip()
        return
    for part in article.parts:
        assert article.text[part.start : part.end] == part.text
    for paragraph in article.body.split("\n\n"):
        # a line-wrapped paragraph is read as running text: its line breaks became spaces
        assert paragraph in article.text or paragraph in article.text.replace("\n", " ")


def test_headline_is_not_a_widget_or_byline() -> None:
    news = split_news("Share Now\n\nBy Ana Lima\n\nBridge to open in March\n\n" + BODY)
    assert [(p.kind, p.text) for p in news.parts] == [
        ("share", "Share Now"),
        ("byline", "By Ana Lima"),
        ("headline", "Bridge to open in March"),
    ]
    assert news.paragraphs == [BODY]


def test_lede_ending_in_a_quote_is_not_a_headline() -> None:
    news = split_news('"We will rebuild," the mayor said\n\n' + BODY)
    assert news.headline is None
    assert len(news.paragraphs) == 2


def test_repeated_short_list_lines_far_apart_are_body() -> None:
    """Recipes and schedules repeat short lines on purpose: only near or prose repeats go."""
    days = "\n\n".join(
        f"Day {n}\n\nPre-workout meal\n\nEat 60 minutes before your workout\n\nOatmeal, {n} cups"
        for n in range(1, 4)
    )
    news = split_news(days, infer_headline=False)
    assert [p.kind for p in news.parts] == []


def test_slashes_in_list_items_are_not_wire_credits() -> None:
    for line in ["2. Mobile App UX/UI Designer", "- Enhance the gaming experience with AR/VR"]:
        assert _kinds(f"{BODY}\n\n{line}") == [], line


def test_glued_inputs_line_without_a_named_agency() -> None:
    news = split_news(f"{BODY} (With inputs from agencies)", infer_headline=False)
    assert [(p.kind, p.text, p.data) for p in news.parts] == [
        ("signoff", "(With inputs from agencies)", {})
    ]
    assert news.paragraphs == [BODY]


def test_defect7_clean_raises_one_line_error_on_empty_or_script_only_content() -> None:
    """Issue 13 defect 7: an empty body is an EmptyArticleError (one line), never a record."""
    for document in (
        Document(content="", kind="text", source="empty"),
        Document(content="\n \n\t\n", kind="text", source="blank"),
        Document(
            content="<html><head><script>var a = 1;</script></head><body>"
            "<iframe src='https://ads.example/x'></iframe><script>track()</script></body></html>",
            kind="html",
            source="scripts",
        ),
        Document(content="Advertisement\n\nShare this article", kind="text", source="widgets"),
    ):
        with pytest.raises(EmptyArticleError) as caught:
            clean(document)
        message = str(caught.value)
        assert message.startswith(f"{document.source}: no article body")
        assert "\n" not in message


def test_breadcrumb_and_name_bar_agency_byline() -> None:
    news = split_news(
        "Home > World > Middle East\n\nBridge to open in March\n\nJane Doe | Reuters\n\n" + BODY
    )
    assert [(p.kind, p.data) for p in news.parts] == [
        ("section", {"section": "Middle East"}),
        ("headline", {}),
        ("byline", {"authors": "Jane Doe", "org": "Reuters", "agency": "Reuters"}),
    ]
    assert news.section == "Middle East"
    assert news.headline == "Bridge to open in March"


def test_a_paragraph_another_repeats_is_a_duplicate() -> None:
    """Issue 15: a teaser repeating a later paragraph (a name spelled out, a sourcing phrase
    added) leaves one copy in the body, the fuller one."""
    lede = (
        '"We will keep every ferry running through the winter, and no crossing will close '
        'while the new boats are built," Varga said'
    )
    teaser = lede.replace("Varga", "Ines Varga") + ", according to the harbour radio."
    text = f"{teaser}\n\nThe council met on Monday.\n\n{lede}."
    news = split_news(text, infer_headline=False)
    assert news.paragraphs == [teaser, "The council met on Monday."]
    [part] = [p for p in news.parts if p.kind == "duplicate"]
    assert text[part.start : part.end] == part.text == f"{lede}."


def test_a_live_update_changing_words_is_no_duplicate() -> None:
    first = (
        "Police charged the driver on Monday after a video showed him leaving the scene of "
        "the crash on the coast road near the harbour."
    )
    second = first.replace("him leaving", "the Ostra resident left")
    news = split_news(f"{first}\n\n{second}", infer_headline=False)
    assert news.paragraphs == [first, second]


def test_line_wrapped_text_is_read_as_running_text() -> None:
    """Issue 15: one sentence per line; a quote open at a line's end goes on in the next."""
    text = (
        "The council voted on Wednesday.\n"
        '"We have cut everything else.\n'
        'There is no money left," Helen Marsh said.\n'
        '"We will appeal."\n'
        "The union will vote next week on a strike, which\n"
        "would close every library."
    )
    news = split_news(text, infer_headline=False)
    assert news.paragraphs == [
        "The council voted on Wednesday.",
        '"We have cut everything else. There is no money left," Helen Marsh said.',
        '"We will appeal."',
        "The union will vote next week on a strike, which would close every library.",
    ]


def test_nul_characters_are_removed_from_text_and_metadata() -> None:
    """A NUL is never news and PostgreSQL cannot store one (before, it failed the whole
    batch's write): cleaning drops it from the content and every metadata field, before the
    content id and the offsets are computed."""
    document = Document(
        content=f"Bridge\x00 vote\n\n{BODY}\x00\n",
        kind="text",
        source="fiction\x00-bridge",
        title="Bridge\x00 vote",
        outlet="Harbour\x00 Post",
        url="https://harbour.example/bridge\x00",
        published="2026-03-02\x00",
        authors=("Ann\x00 Lee",),
    )
    article = clean(document)
    assert "\x00" not in msgspec.json.encode(article).decode().replace("\\u0000", "\x00")
    assert article.title == "Bridge vote" and article.outlet == "Harbour Post"
    assert article.body.startswith(BODY) and article.source == "fiction-bridge"
    assert (
        article.id
        == clean(Document(content=f"Bridge vote\n\n{BODY}\n", kind="text", source="s")).id
    )


_SOUP = (  # noqa: SIM905 (a word list reads better as the words)
    "By Staff Reporter and AFP PTI Reuters (AP) — WASHINGTON, Jan. 32 -- MUMBAI: Feb 30 2026 "
    "Updated: Published Photo: Getty Images/AFP Credit: via | Edited By: with inputs from "
    "agencies Mr. Dr. Jane O'Neil von der PARIS (AFP) - ( ) \" “ ” : ; , . \n \n\n \t \u200b "
    "\ufeff \x00 \x85 \u2028 é ß 中文 — – / @ &amp; &#0; <p> </p> <br> <div> <script> </script> "
    "<time datetime='2026-99-99'> <meta name=date content='0000-00-00'> <h1> </h1> <a href=x>"
).split(" ")
_DATES = (None, "", "2026-02-30", "Mon, 99 Foo", "9999-12-31T23:59:59Z", "0001-01-01", "yesterday")
_URLS = (None, "", "http://[::1", "javascript:alert(1)", "http://", "//x", "https://n.example/a b")


def test_word_soup_and_junk_metadata_never_raise() -> None:
    """Seeded fuzz of cleaning (the search that found the NUL defect above): 150 soups of
    news words, boilerplate, markup, control and zero-width characters, as text and as HTML,
    with junk dates, URLs, titles and authors. Cleaning gives an article or an
    EmptyArticleError, nothing else, and the article's parts index its text."""
    rng = random.Random(11)
    articles = 0
    for _ in range(150):
        words = " ".join(rng.choice(_SOUP) for _ in range(rng.randint(0, 120)))
        kind = rng.choice(("text", "html"))
        content = words if kind == "text" else f"<html><body>{words}</body></html>"
        document = Document(
            content=content,
            kind=kind,
            source="fiction-soup",
            url=rng.choice(_URLS),
            published=rng.choice(_DATES),
            title=rng.choice((None, "", words[:80], "\x00")),
            authors=tuple(rng.choice(("", "By", words[:20], "\x00")) for _ in range(2)),
        )
        try:
            article = clean(document)
        except EmptyArticleError:
            continue
        articles += 1
        assert "\x00" not in article.text
        for part in article.parts:
            assert 0 <= part.start <= part.end <= len(article.text)
            assert article.text[part.start : part.end] == part.text
    assert articles > 50
