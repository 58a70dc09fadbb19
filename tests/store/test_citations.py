"""Quotes can be cited: every quote row (``Store.quotes``, ``wirelens quotes``, ``export --what
attributions``) carries its article's title, outlet, date, URL and source, and the quote's full
sourcing chain, addressee and continuation pieces. Both backends; the article is fictional."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from wirelens.cli import main
from wirelens.model import (
    Addressee,
    Analysis,
    Article,
    Attribution,
    Cue,
    Hop,
    Published,
    Span,
    Speaker,
    content_id,
)
from wirelens.store import open_store

BODY = (
    "Harbour dredging to start in June\n\n"
    '"The channel is silting up," Port director Ines Kalle told the council, according to the '
    'Lake Gazette, "and the June start cannot slip."\n'
)


def _span(text: str) -> Span:
    start = BODY.index(text)
    return Span(text=text, start=start, end=start + len(text))


def _analysis() -> Analysis:
    article = Article(
        id=content_id(BODY),
        body=BODY,
        text=BODY,
        title="Harbour dredging to start in June",
        outlet="Harbour Post",
        url="https://harbour-post.example/dredging",
        source="fiction/dredging.html",
        published=Published(value="2026-05-02T08:00:00Z", source="meta", confidence=1.0),
    )
    told = _span("told")
    attribution = Attribution(
        kind="direct",
        quote=_span("The channel is silting up,"),
        continued=(_span("and the June start cannot slip."),),
        speaker=Speaker(name="Ines Kalle", mention=_span("Port director Ines Kalle")),
        cue=Cue(text="told", lemma="tell", start=told.start, end=told.end),
        addressee=Addressee(name="the council", relation="told", start=0, end=0),
        chain=(
            Hop(source="Lake Gazette", relation="according_to"),
            Hop(source="Harbour Post", relation="outlet"),
        ),
    )
    return Analysis(article=article, attributions=(attribution,))


@pytest.fixture
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        store.add([_analysis()])
    return store_url


def test_quote_rows_carry_citation_and_sourcing(db: str) -> None:
    with open_store(db) as store:
        (row,) = store.quotes(speaker="Director Ines Kalle")
    assert row["title"] == "Harbour dredging to start in June"
    assert (row["outlet"], row["url"]) == ("Harbour Post", "https://harbour-post.example/dredging")
    assert (row["published"] or "").startswith("2026-05-02")
    assert row["source"] == "fiction/dredging.html"
    assert row["chain"] == ["Lake Gazette", "Harbour Post"]
    assert [h["relation"] for h in row["hops"]] == ["according_to", "outlet"]
    assert [p["text"] for p in row["pieces"]] == ["and the June start cannot slip."]
    assert row["addressee"] == {"name": "the council", "relation": "told"}


def test_export_attributions_carries_citation_and_sourcing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", db, "--what", "attributions"]) == 0
    (row,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert row["title"] == "Harbour dredging to start in June"
    assert row["url"] == "https://harbour-post.example/dredging"
    assert row["source"] == "fiction/dredging.html"
    assert row["pieces"][0]["text"] == "and the June start cannot slip."
    assert row["addressee"]["name"] == "the council"
    assert [h["source"] for h in row["hops"]] == ["Lake Gazette", "Harbour Post"]
    assert main(["export", "--db", db, "--what", "attributions", "--format", "csv"]) == 0
    (cells,) = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert json.loads(cells["addressee"])["relation"] == "told"
    assert cells["outlet"] == "Harbour Post"


def test_cli_quotes_shows_the_citation(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", "--db", db, "--format", "json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["pieces"] and row["addressee"] and row["url"]
    assert main(["quotes", "--db", db, "--text", "silting"]) == 0
    out = capsys.readouterr().out
    for cell in ("Ines Kalle", "Harbour Post", "2026-05-02", "Lake Gazette"):
        assert cell in out


def test_show_is_readable_by_default_and_json_on_request(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    article_id = _analysis().article.id
    assert main(["show", article_id[7:20], "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Harbour dredging to start in June\n")
    assert '"[1>The channel is silting up,<1]"' in out
    assert "[1>and the June start cannot slip.<1]" in out  # the continuation piece, marked
    assert out.index("BODY") < out.index("PARTS") < out.index("ATTRIBUTIONS")
    assert "to: the council (told)" in out
    assert "via: Lake Gazette (according_to) -> Harbour Post (outlet)" in out
    assert "https://harbour-post.example/dredging" in out
    assert main(["show", article_id, "--db", db, "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["article"]["id"] == article_id
    assert record["attributions"][0]["addressee"]["name"] == "the council"
