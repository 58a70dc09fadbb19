"""Stories, copy groups and quote traces over the linked web corpus: the JSON resources (typed,
paged, 404 for unknown ids) and the pages (timeline, diffs, the provenance graph as SVG), on
SQLite and PostgreSQL. The hostile fixture and its aggregator copy form a copy group, a story
and quote traces, so every new page also shows scraped markup - which must stay inert.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import article_id
from wirelens.web.schemas import MAX_PAGE

LISTS = ("/api/stories", "/api/copy-groups", "/api/traces")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element a browser would build from ``html``, with its attributes (so a hostile
    string counts only if it became markup, not when it is text or a quoted value)."""
    parser = _Tags()
    parser.feed(html)
    return parser.found


def _all(client: TestClient, path: str) -> list[dict[str, Any]]:
    body = client.get(path, params={"limit": MAX_PAGE}).json()
    assert body["total"] == len(body["items"])  # the test corpus fits one page
    return list(body["items"])


def _group_of(client: TestClient, source_suffix: str) -> dict[str, Any]:
    for item in _all(client, "/api/copy-groups"):
        if (item["origin"]["source"] or "").endswith(source_suffix):
            return item
    raise AssertionError(f"no copy group with its origin from {source_suffix}")


def _trace_with(client: TestClient, words: str) -> dict[str, Any]:
    for item in _all(client, "/api/traces"):
        if words in item["quote"]:
            return item
    raise AssertionError(f"no trace of {words!r}")


@pytest.mark.parametrize("path", LISTS)
def test_lists_are_typed_paged_and_capped(client: TestClient, path: str) -> None:
    first = client.get(path, params={"limit": 2}).json()
    assert set(first) == {"items", "limit", "offset", "total"}
    assert first["limit"] == 2 and first["offset"] == 0 and first["total"] >= 2
    assert len(first["items"]) == 2 and all(isinstance(i["id"], int) for i in first["items"])
    second = client.get(path, params={"limit": 2, "offset": 2}).json()
    assert {i["id"] for i in first["items"]}.isdisjoint(i["id"] for i in second["items"])
    over = client.get(path, params={"limit": MAX_PAGE + 1})
    assert over.status_code == 422 and "limit" in over.json()["error"]
    assert client.get(path, params={"offset": -1}).status_code == 422


@pytest.mark.parametrize("path", LISTS)
def test_unknown_ids_are_404_json_and_page(client: TestClient, path: str) -> None:
    for ident in ("0", "987654321", str(2**62)):
        api = client.get(f"{path}/{ident}")
        assert api.status_code == 404, (path, ident, api.text)
        assert api.json()["status"] == 404 and api.json()["error"].startswith("no ")
        page = client.get(f"{path.removeprefix('/api')}/{ident}")
        assert page.status_code == 404 and "<h1>404</h1>" in page.text
    for bad in ("abc", "-1", str(2**63), "1.5"):
        response = client.get(f"{path}/{bad}")
        assert response.status_code == 422 and "Traceback" not in response.text


def test_copy_group_record(client: TestClient) -> None:
    summary = _group_of(client, "nws-port-strike.txt")
    group = client.get(f"/api/copy-groups/{summary['id']}").json()
    assert group["size"] == len(group["members"]) == 3
    assert group["origin"]["source"].endswith("nws-port-strike.txt") and group["reason"]
    assert [m["origin"] for m in group["members"]] == [True, False, False]  # origin first
    copies = {m["outlet"]: m for m in group["members"][1:]}
    assert set(copies) == {"DailyScroll", "Scoopline"}
    assert all(0 < m["similarity"] <= 1 and m["changes"]["kinds"] for m in copies.values())


def test_trace_record_in_time_order(client: TestClient) -> None:
    summary = _trace_with(client, "tolerate further delays")
    trace = client.get(f"/api/traces/{summary['id']}").json()
    appearances = trace["appearances"]
    assert [a["position"] for a in appearances] == list(range(len(appearances)))
    assert len(appearances) == summary["size"] >= 3
    assert appearances[0]["article_id"] == summary["first"]["id"]
    assert {a["outlet"] for a in appearances} >= {"NWS", "DailyScroll", "Scoopline"}
    scroll = next(a for a in appearances if a["outlet"] == "DailyScroll")
    assert scroll["chain"][-2:] == ["NWS", "DailyScroll"]


def test_story_record_marks_copies(client: TestClient, db: str) -> None:
    hostile = article_id(db, "hostile-article.html")
    story = next(
        s
        for s in (
            client.get(f"/api/stories/{i['id']}").json() for i in _all(client, "/api/stories")
        )
        if hostile in {a["id"] for a in s["articles"]}
    )
    assert story["size"] == len(story["articles"]) >= 2
    origin = next(a for a in story["articles"] if a["id"] == hostile)
    copy = next(a for a in story["articles"] if a["source"].endswith("hostile-copy.html"))
    assert origin["origin"] and not copy["origin"]
    assert origin["copy_group"] == copy["copy_group"] is not None


def test_story_page_timeline(client: TestClient, db: str) -> None:
    strike = next(s for s in _all(client, "/api/stories") if s["size"] >= 4)
    html = client.get(f"/stories/{strike['id']}").text
    assert '<svg class="storyline"' in html
    lanes = re.findall(r'<g class="lane( grouped)?" data-group="(\d*)"', html)
    grouped = [g for flag, g in lanes if flag]
    assert len(grouped) == len(set(grouped)) >= 1  # a copy group is one lane
    assert html.count('class="dot origin"') == len(grouped)
    dots = re.findall(r'<circle class="dot (?:origin|copy|own)"', html)
    assert len(dots) == strike["size"]
    assert 'href="/copy-groups/' in html and '<span class="badge">origin</span>' in html


def test_copy_group_page_shows_each_change(client: TestClient) -> None:
    summary = _group_of(client, "nws-port-strike.txt")
    html = client.get(f"/copy-groups/{summary['id']}").text
    assert summary["reason"].split(";")[0].replace("'", "&#39;") in html
    assert html.count('<article class="changes"') == 2
    assert "<ins>" in html and ("<del>" in html or "No change" in html)
    assert html.count('<span class="badge">origin</span>') == 2  # origin box and its table row


def test_trace_page_graph_and_diff(client: TestClient) -> None:
    summary = _trace_with(client, "tolerate further delays")
    html = client.get(f"/traces/{summary['id']}").text
    nodes = {
        ident: kind
        for kind, ident in re.findall(r'<g class="node ([a-z ]+)" data-id="([^"]+)"', html)
    }
    assert "speaker:Ilse Varga" in nodes
    assert sum(kind.startswith("article") for kind in nodes.values()) == summary["size"]
    assert sum(kind == "article first" for kind in nodes.values()) == 1
    assert nodes.get("outlet:nws") == "source"  # DailyScroll and Scoopline cite the wire
    edges = re.findall(r'data-source="([^"]+)" data-target="([^"]+)" data-kind="([a-z_]+)"', html)
    kinds = {kind for *_, kind in edges}
    assert {"first_reported", "cites", "republishes"} <= kinds
    assert all(s in nodes and t in nodes for s, t, _ in edges)
    first = f"article:{summary['first']['id']}"
    assert (first, "speaker:Ilse Varga", "first_reported") in edges
    assert '<ol class="appearances" start="0">' in html and "First appearance" in html


def test_article_page_links_group_story_and_traces(client: TestClient, db: str) -> None:
    ident = article_id(db, "scoopline-port-strike.txt")
    html = client.get(f"/articles/{ident[7:]}").text
    group = re.search(r'A wire copy in <a href="/copy-groups/(\d+)"', html)
    assert group is not None
    assert 'class="story-link">Story: <a href="/stories/' in html
    traces = re.findall(r'<td class="traces"><a href="/traces/(\d+)">', html)
    assert traces
    for tid in set(traces):
        body = client.get(f"/api/traces/{tid}").json()
        assert ident in {a["article_id"] for a in body["appearances"]}
    origin = article_id(db, "nws-port-strike.txt")
    assert 'Origin of <a href="/copy-groups/' in client.get(f"/articles/{origin[7:]}").text


def test_speaker_page_lists_traces(client: TestClient) -> None:
    html = client.get("/speakers/Ilse Varga").text
    assert "Repeated statements" in html and re.search(r'href="/traces/\d+"', html)
    assert 'table class="chains"' in html  # which outlets quote her, through which chains


def test_new_pages_keep_hostile_strings_inert(client: TestClient, db: str) -> None:
    hostile = article_id(db, "hostile-article.html")
    group = _group_of(client, "hostile-article.html")
    trace = _trace_with(client, "waiting for the tide")
    story = next(
        s["id"]
        for s in _all(client, "/api/stories")
        if hostile in {a["id"] for a in client.get(f"/api/stories/{s['id']}").json()["articles"]}
    )
    pages = {
        path: client.get(path).text
        for path in (
            f"/stories/{story}",
            f"/copy-groups/{group['id']}",
            f"/traces/{trace['id']}",
            "/stories",
            "/copy-groups",
            "/traces",
            f"/articles/{article_id(db, 'hostile-copy.html')[7:]}",
        )
    }
    for path, html in pages.items():
        assert "&lt;script&gt;" in html or "&lt;img" in html or "&lt;svg" in html, path
        elements = _elements(html)
        scripts = [a for tag, a in elements if tag == "script"]
        assert scripts == [{"src": "/static/app.js", "defer": None}], path
        assert not [tag for tag, _ in elements if tag in {"img", "iframe", "object", "embed"}]
        assert [a["class"] for tag, a in elements if tag == "svg"] in (
            [],
            ["storyline"],
            ["provenance"],
        )
        handlers = [(tag, name) for tag, a in elements for name in a if name.startswith("on")]
        assert handlers == [], path
        links = [a.get("href") or "" for tag, a in elements if tag == "a"]
        assert not [h for h in links if h.strip().lower().startswith("javascript:")], path
    graph = pages[f"/traces/{trace['id']}"]
    assert "Quayside &lt;img src=x onerror=alert(1)&gt; Times" in graph


def test_list_orders(client: TestClient) -> None:
    stories = [s["last_published"] for s in _all(client, "/api/stories")]
    dated = [d for d in stories if d is not None]
    assert stories == dated + [None] * (len(stories) - len(dated))  # undated last
    assert dated == sorted(dated, reverse=True)  # newest first
    for path in ("/api/copy-groups", "/api/traces"):
        sizes = [i["size"] for i in _all(client, path)]
        assert sizes == sorted(sizes, reverse=True)  # largest first


@pytest.mark.parametrize("path", ["/stories", "/copy-groups", "/traces", "/traces/1", "/stories/x"])
def test_security_headers_on_new_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"].startswith("text/html")
