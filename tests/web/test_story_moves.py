"""A cited story link keeps working after linking merged that story into another (issue 16):
the page redirects for good (301), the JSON API answers 308 with the new resource's URL, and
an id that never was a story is still a 404 page and a 404 JSON error. On SQLite and
PostgreSQL, over the fictional merge fixtures (:mod:`tests.link.test_story_moves`).
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.link.test_story_moves import MERGE, NEVER, merged_corpus
from wirelens.web import create_app


def test_a_merged_story_redirects_to_the_surviving_one(store_url: str) -> None:
    old, survivor = merged_corpus(store_url)
    client = TestClient(create_app(store_url, token=""), follow_redirects=False)

    page = client.get(f"/stories/{old}")
    assert page.status_code == 301
    assert page.headers["location"] == f"/stories/{survivor}"
    followed = client.get(page.headers["location"])
    assert followed.status_code == 200
    assert "Lowther Street" in followed.text and "Calder Agri" in followed.text

    api = client.get(f"/api/stories/{old}")
    assert api.status_code == 308
    assert api.headers["location"] == f"/api/stories/{survivor}"
    assert api.json() == {"id": old, "moved_to": survivor, "location": f"/api/stories/{survivor}"}
    record = client.get(api.headers["location"]).json()
    assert record["id"] == survivor and len(record["articles"]) == len(MERGE)

    # a client that follows redirects (a browser, curl -L) lands on the story
    assert (
        TestClient(create_app(store_url, token="")).get(f"/api/stories/{old}").json()["id"]
        == survivor
    )

    for path in (f"/stories/{survivor}", f"/api/stories/{survivor}"):
        assert client.get(path).status_code == 200  # the survivor itself does not move
    missing = client.get(f"/api/stories/{NEVER}")
    assert missing.status_code == 404
    assert missing.json() == {"error": f"no story with id {NEVER}", "status": 404}
    page = client.get(f"/stories/{NEVER}")
    assert page.status_code == 404 and "<h1>404</h1>" in page.text


def test_the_308_is_documented(store_url: str) -> None:
    merged_corpus(store_url)
    schema = TestClient(create_app(store_url, token="")).get("/openapi.json").json()
    answers = schema["paths"]["/api/stories/{story_id}"]["get"]["responses"]
    assert {"200", "308", "404"} <= set(answers)
    assert "Location" in answers["308"]["headers"]
    ref = answers["308"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/StoryMoved")
