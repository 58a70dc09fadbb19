"""The JSON API and the pages over a real corpus, on SQLite and PostgreSQL (TestClient).

Bad input each has a test: unknown ids (404 as a page and as JSON), huge and malformed query
strings, page sizes over the cap, ingest without a token, with a wrong one, over the body cap,
and with a private URL. Hostile stored strings must come back escaped.
"""

from __future__ import annotations

import gc
import random
import re
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN, article_id
from wirelens.store import open_store
from wirelens.store.base import FACET_SCAN
from wirelens.web import create_app
from wirelens.web.schemas import MAX_PAGE

CSP = "content-security-policy"


def _headers_ok(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = headers[CSP]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=harbour", "/articles", "/speakers", "/docs", "/api/articles", "/nope"],
)
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    _headers_ok(client.get(path))


def test_articles_and_one_article(client: TestClient, db: str) -> None:
    page = client.get("/api/articles", params={"limit": 3}).json()
    assert len(page["items"]) == 3 and page["total"] >= 10 and page["limit"] == 3
    second = client.get("/api/articles", params={"limit": 3, "offset": 3}).json()
    assert {a["id"] for a in page["items"]}.isdisjoint(a["id"] for a in second["items"])
    full = client.get(f"/api/articles/{article_id(db, 'harbour-fees.txt')[7:20]}").json()
    assert full["article"]["outlet"] == "Quayside Wire"
    assert {t["speaker"]["name"] for t in full["attributions"] if t["speaker"]} >= {"Jonas Hale"}


def test_search_with_facets(client: TestClient) -> None:
    for q in ("Iran's", "co-founder", '"container quay"', 'unbalanced "quote', "NEAR( -"):
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 200, (q, response.text)
    body = client.get("/api/search", params={"q": "harbour master"}).json()
    assert {h["source"].rsplit("/", 1)[-1] for h in body["items"]} >= {"harbour-fees.txt"}
    assert set(body["facets"]) == {"outlet", "speaker", "month"}
    assert any(f["value"] == "Jonas Hale" for f in body["facets"]["speaker"])
    dated = client.get("/api/search", params={"q": "harbour", "since": "2026-01-01"}).json()
    assert dated["undated_left_out"] >= 1
    cased = client.get("/api/search", params={"q": "harbour", "outlet": "QUAYSIDE WIRE"}).json()
    assert [h["outlet"] for h in cased["items"]] == ["Quayside Wire"]


def test_search_page_says_how_many_matches_the_facets_count(client: TestClient) -> None:
    """Facets count the best FACET_SCAN matches only: the page and the schema say so."""
    page = client.get("/search", params={"q": "harbour"}).text
    assert f"Counts among the best {FACET_SCAN:,} matches." in page
    schema = client.get("/openapi.json").json()["components"]["schemas"]["SearchResult"]
    assert f"the best {FACET_SCAN} matches" in schema["properties"]["facets"]["description"]
    bad = client.get("/api/search", params={"q": "harbour AND", "syntax": "fts"})
    assert bad.status_code in (200, 400)  # 400 on FTS5, PostgreSQL accepts any text
    if bad.status_code == 400:
        assert bad.json()["error"].startswith("bad search query")


def test_attributions_and_speakers(client: TestClient) -> None:
    quotes = client.get("/api/attributions", params={"text": "channel", "limit": 5}).json()
    assert quotes["items"] and all("channel" in q["quote"].lower() for q in quotes["items"])
    row = quotes["items"][0]
    assert {"title", "outlet", "published", "url", "source", "chain"} <= row.keys()
    speakers = client.get("/api/speakers", params={"limit": 5}).json()
    assert len(speakers["items"]) == 5 and speakers["total"] >= 5
    hale = client.get("/api/speakers/Hale").json()
    assert hale["name"] == "Jonas Hale" and hale["quotes"]
    assert all(q["speaker"] in hale["aliases"] for q in hale["quotes"])
    assert client.get("/api/speakers/Nobody%20Atall").status_code == 404


@pytest.mark.parametrize("path", ["/api/stories", "/api/copy-groups", "/api/traces"])
def test_linking_resources_list_rows(client: TestClient, path: str) -> None:
    """The linking tables exist in every migrated corpus: their resources list pages of rows."""
    response = client.get(path, params={"limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body["items"], list) and len(body["items"]) <= 5 and body["limit"] == 5


def test_linking_table_absent_gives_none_not_an_error(tmp_path: Path) -> None:
    """A corpus missing a linking table (it was dropped) gives None from optional_rows; the
    API answers a one-line 503 for it, never a 500, and the home page still opens."""
    with open_store(str(tmp_path / "old.db")) as store:
        store._execute("DROP TABLE story_members")
        store._execute("DROP TABLE stories")
        assert store.optional_rows("stories") is None
        assert store.optional_rows("traces") == []
    client = TestClient(create_app(str(tmp_path / "old.db"), token=""))
    response = client.get("/api/stories")
    assert response.status_code == 503 and "no such table" in response.json()["error"]
    assert client.get("/").status_code == 200
    assert client.get("/api/traces").json()["total"] == 0


def test_unknown_ids_are_404_page_and_json(client: TestClient) -> None:
    for ident in ("0" * 12, "sha256:" + "f" * 64, "%25", "..%2F..%2Fetc"):
        api = client.get(f"/api/articles/{ident}")
        assert api.status_code == 404 and api.json()["status"] == 404
        page = client.get(f"/articles/{ident}")
        assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
        assert "<h1>404</h1>" in page.text and "Traceback" not in page.text
    assert client.get("/speakers/Nobody%20Atall").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    assert client.get("/api/no/such").json() == {
        "error": "nothing here: /api/no/such",
        "status": 404,
    }


def test_bad_query_strings(client: TestClient) -> None:
    huge = client.get("/api/search", params={"q": "x" * 5000})
    assert huge.status_code == 414 and huge.json()["status"] == 414
    long_q = client.get("/api/search", params={"q": "word " * 300})
    assert long_q.status_code == 422
    assert client.get("/search", params={"q": "x" * 5000}).status_code == 414
    nul = client.get("/api/search?q=a%00b")
    assert nul.status_code == 400 and "NUL" in nul.json()["error"]
    assert client.get("/search?q=%ff%fe%00").status_code == 400
    for query in ("q=%ff%fe", "q=%E2%28%A1", "q=&limit=abc", "limit=-1&q=x", "q=x&offset=1e9"):
        response = client.get(f"/api/search?{query}")
        assert response.status_code in (200, 422), (query, response.text)
        assert "Traceback" not in response.text
    assert client.get("/api/search?q=x&since=not-a-date").status_code == 400
    page = client.get("/search?q=x&since=not-a-date")
    assert page.status_code == 400 and "ISO date" in page.text


def test_page_size_over_the_cap(client: TestClient) -> None:
    for path in ("/api/articles", "/api/speakers", "/api/attributions"):
        over = client.get(path, params={"limit": MAX_PAGE + 1})
        assert over.status_code == 422 and "limit" in over.json()["error"]
        assert client.get(path, params={"limit": MAX_PAGE}).status_code == 200
    assert client.get("/search", params={"q": "x", "limit": 10_000}).status_code == 422
    assert client.get("/articles", params={"limit": 0}).status_code == 422


def test_hostile_strings_render_inert(client: TestClient, db: str) -> None:
    ident = article_id(db, "hostile-article.html")
    pages = [
        client.get(f"/articles/{ident[7:]}").text,
        client.get("/search", params={"q": "dredging"}).text,
        client.get("/").text,
        client.get("/speakers/Miriam Okafor").text,
    ]
    for html in pages:
        assert "&lt;script&gt;" in html or "&lt;img" in html
        assert "<script>" not in html.replace('<script src="/static/app.js" defer></script>', "")
        assert not re.search(r"<img\b", html)
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.IGNORECASE)
        assert not re.search(r"<[^>]*\sonerror\s*=", html, re.IGNORECASE)
    # the javascript: URL is shown as text, not as a link
    assert "javascript:alert(&#39;url&#39;)" in pages[0]
    api = client.get(f"/api/articles/{ident}").json()
    assert "<script>" in api["article"]["title"]  # JSON keeps the data as it is
    assert client.get(f"/api/articles/{ident}").headers["content-type"] == "application/json"


def test_article_page_highlights_each_speaker(client: TestClient, db: str) -> None:
    html = client.get(f"/articles/{article_id(db, 'harbour-fees.txt')[7:]}").text
    marks = re.findall(r'<mark class="q (c\d|cx)" tabindex="0"', html)
    assert len(marks) >= 2
    assert 'class="tip" role="tooltip">Jonas Hale' in html
    assert "confidence" in html and "Wrapper parts" in html


def test_ingest_needs_token(client: TestClient) -> None:
    doc = {"documents": [{"content": "Ferry news\n\nA ferry sailed.", "outlet": "T"}]}
    assert client.post("/api/ingest", json=doc).status_code == 401
    wrong = client.post("/api/ingest", json=doc, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403 and wrong.json()["error"] == "wrong token"
    # the body is not looked at before the token is checked
    assert client.post("/api/ingest", content=b"{garbage").status_code == 401


def test_ingest_disabled_without_token(db: str) -> None:
    client = TestClient(create_app(db, token=""), raise_server_exceptions=False)
    response = client.post("/api/ingest", json={}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 403 and "disabled" in response.json()["error"]


def test_ingest_body_cap_and_bad_bodies(db: str) -> None:
    client = TestClient(create_app(db, token=TOKEN, max_body=1000), raise_server_exceptions=False)
    auth = {"Authorization": f"Bearer {TOKEN}".encode()}
    big = {"documents": [{"content": "x" * 2000}]}
    assert client.post("/api/ingest", json=big, headers=auth).status_code == 413
    bad = client.post("/api/ingest", content=b"{not json", headers=auth)
    assert bad.status_code == 422
    too_many = {"urls": ["https://example.org/"] * 21}
    assert client.post("/api/ingest", json=too_many, headers=auth).status_code == 422


def test_ingest_documents_and_refused_private_url(client: TestClient, tmp_path: object) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}".encode()}
    doc = {
        "documents": [
            {
                "content": (
                    "Lighthouse keeper retires\n\nThe last keeper of Skarn light, Eli Ness, "
                    'said on Friday he would retire. "The lamp runs itself now," Ness said.\n'
                ),
                "outlet": "Skarn Weekly",
                "source": "api-test-lighthouse",
            }
        ],
        "urls": ["http://127.0.0.1:9/private", "http://169.254.169.254/latest/meta-data/"],
    }
    response = client.post("/api/ingest", json=doc, headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["read"] == 1 and result["new"] + result["existing"] == 1
    assert len(result["failed"]) == 2
    assert all("loopback" in f or "link-local" in f for f in result["failed"])
    found = client.get("/api/search", params={"q": "lighthouse keeper"}).json()["items"]
    assert [h["source"] for h in found] == ["api-test-lighthouse"]


def test_errors_never_show_a_traceback(db: str) -> None:
    app = create_app(db)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    @app.get("/boom")
    def boom_page() -> None:
        raise RuntimeError("secret internals")

    client = TestClient(app, raise_server_exceptions=False)
    api = client.get("/api/boom")
    assert api.status_code == 500 and "secret" not in api.text and "Traceback" not in api.text
    assert api.json()["status"] == 500
    _headers_ok(api)
    page = client.get("/boom")
    assert page.status_code == 500 and "secret" not in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_openapi_and_docs_page(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/articles", "/api/search", "/api/attributions", "/api/ingest"} <= set(
        schema["paths"]
    )
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/search" in docs.text
    assert "cdn" not in docs.text.lower() and "<script>" not in docs.text


def test_workers_build_the_app_from_settings(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from wirelens.web.app import from_settings

    monkeypatch.setenv("WIRELENS_DB", db)
    monkeypatch.delenv("WIRELENS_TOKEN", raising=False)
    client = TestClient(from_settings())
    assert client.get("/api/articles", params={"limit": 1}).json()["total"] >= 10
    assert client.post("/api/ingest", json={}).status_code == 403  # read-only


# --- found by fuzzing the app (session 11) -----------------------------------------------------


def test_ingest_reads_only_http_urls(client: TestClient, tmp_path: Path) -> None:
    """Before, a ``urls`` entry was read as whatever ``read_documents`` made of it: a path on
    the server (its files were ingested), text when it held a newline, and a 500 (OSError)
    for a name over the system's limit. Now each such entry is reported in ``failed``, never
    read, and the request's documents are still stored."""
    secret = tmp_path / "server-file.txt"
    secret.write_text("Zebra quorum memo\n\nThe fictional zebra quorum met in secret.\n")
    auth = {"Authorization": f"Bearer {TOKEN}".encode()}
    doc = {"content": "Pier opens\n\nThe fictional Skarn pier opened on Friday, its owner said."}
    body = {"documents": [doc], "urls": [str(secret), "x" * 300, "a\nb", "file:///etc/hostname"]}
    response = client.post("/api/ingest", json=body, headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["read"] == 1 and len(result["failed"]) == 4
    assert all(f.endswith(": not an http(s) URL") for f in result["failed"])
    assert client.get("/api/search", params={"q": "zebra quorum"}).json()["items"] == []


def _open_connections(db: str) -> int:
    """Connections open to the corpus: PostgreSQL's sessions on the database, or the SQLite
    connections alive in this process (SQLite keeps a closed connection's file open while
    another holds a lock, so open files would not say)."""
    gc.collect()
    if db.endswith(".db"):
        return sum(1 for o in gc.get_objects() if isinstance(o, sqlite3.Connection))
    import psycopg

    with psycopg.connect(db.split("?", 1)[0]) as con:
        sql = (
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend'"  # not autovacuum workers
        )
        return int(con.execute(sql).fetchone()[0])  # type: ignore[index]


def test_connections_of_ended_threads_are_closed(db: str) -> None:
    """Each worker thread opens its own connection; before, ended threads' connections were
    kept forever (one per request here, as the test client runs each in a new thread; in a
    server, one per thread anyio retires after 10 s idle) until PostgreSQL refused every
    request with "too many clients" (503). Now 30 requests leave at most one more open."""
    client = TestClient(create_app(db), raise_server_exceptions=False)
    assert client.get("/api/articles").status_code == 200
    before = _open_connections(db)
    for _ in range(30):
        assert client.get("/api/articles", params={"limit": 1}).status_code == 200
    assert _open_connections(db) <= before + 1


_ROUTES = [
    "/", "/search", "/articles", "/articles/{id}", "/speakers", "/speakers/{id}", "/stories",
    "/stories/{id}", "/copy-groups", "/copy-groups/{id}", "/traces", "/traces/{id}", "/docs",
    "/api/search", "/api/articles", "/api/articles/{id}", "/api/attributions", "/api/speakers",
    "/api/speakers/{id}", "/api/stories/{id}", "/api/copy-groups/{id}", "/api/traces/{id}",
]  # fmt: skip
_VALUES = [
    "ferry", "port strike", '"', "'", "<script>", "&", "%", "%00", "%ff", "%e2%80", "/", "..",
    "\\", "OR", "*", "(", "-", ":", "é", "中文", "🙂", "\u200b", "{{7*7}}", "javascript:",
    "x" * 300, "-1", "0", "99999999999999999999", "1e3", "null", "[]", "sha256:", "2026-13-45",
]  # fmt: skip
_PARAMS = ["q", "syntax", "outlet", "speaker", "since", "until", "limit", "offset", "text"]


def test_random_paths_and_query_values_never_answer_5xx(client: TestClient) -> None:
    """Seeded fuzz of every page and API read (the search that found the two defects above):
    120 requests with random ids and query values, raw or percent-encoded. None is a 5xx or
    shows a traceback; most are answered (200) or refused as bad input (4xx)."""
    rng = random.Random(11)
    statuses: list[int] = []
    for _ in range(120):
        value = "".join(rng.choice(_VALUES) for _ in range(rng.randint(0, 4)))
        path = rng.choice(_ROUTES).replace("{id}", quote(value, safe="") or "x")
        query = {rng.choice(_PARAMS): "".join(rng.choice(_VALUES) for _ in range(2))}
        response = client.get(path, params=query)
        assert response.status_code < 500, (path, query, response.text[:200])
        assert "Traceback" not in response.text
        statuses.append(response.status_code)
    assert statuses.count(200) > 30 and any(400 <= s < 500 for s in statuses)
