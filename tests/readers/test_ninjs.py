"""Articles map to IPTC ninjs 2.x with the wirelens extension block."""

from __future__ import annotations

import json

from wirelens.model import Article, Dateline, Part, Published, content_id
from wirelens.ninjs import NINJS_VERSION, to_ninjs

TEXT = (
    "Tehran [Iran], November 4 (ANI): A fictional official said talks would resume.\n"
    "Also Read | Fictional related headline\n"
    "He added that the date was not set.\n"
)


def _article(**overrides: object) -> Article:
    body = (
        "Tehran [Iran], November 4 (ANI): A fictional official said talks would resume.\n"
        "He added that the date was not set."
    )
    fields: dict[str, object] = {
        "id": content_id(TEXT),
        "body": body,
        "text": TEXT,
        "parts": (
            Part(
                kind="related",
                text=TEXT.splitlines()[1],
                start=81,
                end=119,
                data={"headline": "Fictional related headline"},
            ),
        ),
        "title": "Fictional talks to resume",
        "authors": ("Ana Example", "Ben Sample"),
        "agency": "ANI",
        "outlet": "Example Daily",
        "dateline": Dateline(
            text="Tehran [Iran], November 4 (ANI):",
            place="Tehran",
            country="Iran",
            date="November 4",
            agency="ANI",
        ),
        "published": Published(value="2025-11-04T10:30:00+05:30", source="json-ld", confidence=0.9),
        "language": "en",
        "url": "https://example.org/talks",
        "canonical_url": "https://example.org/amp/talks",
    }
    fields.update(overrides)
    return Article(**fields)  # type: ignore[arg-type]


def test_ninjs_fields() -> None:
    item = to_ninjs(_article())
    assert item["uri"] == "urn:wirelens:" + content_id(TEXT)
    assert item["type"] == "text"
    assert item["standard"]["version"] == NINJS_VERSION
    assert item["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": "Fictional talks to resume"}
    ]
    assert item["by"] == "Ana Example, Ben Sample"
    assert item["located"] == "Tehran, Iran"
    assert item["firstcreated"] == item["versioncreated"] == "2025-11-04T10:30:00+05:30"
    assert item["language"] == "en"
    [body] = item["bodies"]
    assert body["value"].startswith("Tehran [Iran]")
    assert body["charcount"] == len(body["value"])
    assert body["wordcount"] > 10
    assert item["descriptions"][0]["value"].startswith("Tehran [Iran], November 4 (ANI): A")
    assert {"role": "url", "value": "https://example.org/talks"} in item["altids"]
    assert {"role": "canonical", "value": "https://example.org/amp/talks"} in item["altids"]
    assert {"name": "ANI", "role": "originator"} in item["infosources"]
    ext = item["wirelens"]
    assert ext["agency"] == "ANI"
    assert ext["dateline"]["place"] == "Tehran"
    assert ext["parts"][0]["data"]["headline"] == "Fictional related headline"
    json.dumps(item)  # plain JSON


def test_date_only_is_not_dressed_up_as_a_datetime() -> None:
    item = to_ninjs(
        _article(published=Published(value="2025-11-04", source="text", confidence=0.5))
    )
    assert "firstcreated" not in item
    assert item["wirelens"]["published"]["value"] == "2025-11-04"


def test_minimal_article() -> None:
    item = to_ninjs(Article(id=content_id("x"), body="", text="x"))
    assert set(item) == {
        "uri",
        "type",
        "representationtype",
        "standard",
        "bodies",
        "altids",
        "wirelens",
    }
