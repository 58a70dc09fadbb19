"""Acceptance test on the reference input (issue 2): the LatestLY page republishing ANI."""

from __future__ import annotations

import pytest

from wirelens.clean import clean
from wirelens.model import Article, Document


@pytest.fixture
def seed_article(seed_text: str) -> Article:
    return clean(Document(content=seed_text, kind="text", source="seed"))


def _kinds(article: Article, kind: str) -> list[str]:
    return [p.text for p in article.parts if p.kind == kind]


def test_seed_metadata(seed_article: Article) -> None:
    a = seed_article
    assert a.title == (
        "Khamenei Rules out Cooperation with US Until Washington Ends Support for Israel"
    )
    assert a.section == "World News"
    assert a.outlet == "LatestLY"
    assert a.agency == "ANI"
    assert a.language == "en"
    assert a.published is None  # the text carries no publication date: none is invented
    assert a.id.startswith("sha256:")


def test_seed_dateline(seed_article: Article) -> None:
    dateline = seed_article.dateline
    assert dateline is not None
    assert dateline.place == "Tehran"
    assert dateline.country == "Iran"
    assert dateline.date == "November 4"
    assert dateline.agency == "ANI"
    assert dateline.iso_date is None  # no year anywhere to infer it from
    assert _kinds(seed_article, "dateline") == ["Tehran [Iran], November 4 (ANI):"]
    assert "Tehran [Iran]" not in seed_article.body
    assert "\nIran's Supreme Leader Ayatollah Ali Khamenei said on Monday" in seed_article.body


def test_seed_caption_and_credit(seed_article: Article) -> None:
    captions = [p for p in seed_article.parts if p.kind == "caption"]
    assert [c.text for c in captions] == [
        "Iran's Supreme Leader Ayatollah Ali Khamenei (Photo/Reuters)"
    ]
    assert captions[0].data["credit"] == "Reuters"
    assert [(c.kind, c.agency) for c in seed_article.credits] == [("photo", "Reuters")]


def test_seed_related_links(seed_article: Article) -> None:
    related = [p for p in seed_article.parts if p.kind == "related"]
    assert [p.data["headline"] for p in related] == [
        "Nepal Avalanche: At Least 7 Dead Including 5 Foreign Climbers at Yalung Ri Peak"
        " in Dolakha",
        "Did Pakistani Bayraktar TB2 Drone Fly Over Delhi? Fact Check Debunks Viral"
        " Unverified Claim",
    ]


def test_seed_disclaimer_signoff_blurb_share(seed_article: Article) -> None:
    parts = seed_article.parts
    disclaimers = [p for p in parts if p.kind == "disclaimer"]
    assert len(disclaimers) == 1
    assert disclaimers[0].data["agency"] == "ANI"
    assert disclaimers[0].text.startswith("(The above story is verified and authored by ANI")
    assert [p.data.get("agency") for p in parts if p.kind == "signoff"] == ["ANI"]
    assert _kinds(seed_article, "blurb") == [
        "Get latest articles and stories on World at LatestLY."
    ]
    assert _kinds(seed_article, "share") == ["Share Now", "Share Now"]


def test_seed_body_is_clean(seed_article: Article) -> None:
    body = seed_article.body
    for gone in (
        "Also Read",
        "Share Now",
        "The above story",
        "opinions of LatestLY",
        "Get latest articles",
        "World News |",
        "(Photo/Reuters)",
        "(ANI)",
    ):
        assert gone not in body, gone
    # the blurb is split off at the sentence level: the rest of its paragraph stays body
    assert body.startswith('"The Americans sometimes say they would like to cooperate with Iran.')
    assert body.endswith("is developing among countries in the region.")
    assert "A ceasefire between the two countries has been in place since June 24." in body


def test_seed_part_offsets(seed_article: Article) -> None:
    text = seed_article.text
    assert seed_article.parts
    for part in seed_article.parts:
        assert text[part.start : part.end] == part.text, part
    starts = [p.start for p in seed_article.parts]
    assert starts == sorted(starts)
