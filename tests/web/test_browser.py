"""The pages in a real browser: headless Chromium (Debian ``chromium``) driven by Playwright.

Opens home, searches, follows a result to an article, checks the highlighted quotes and their
tooltips, follows a speaker, a story (its timeline lanes), a copy group (its diffs) and a quote
trace (the provenance graph's nodes and edges), and saves a screenshot of each page type under
``build/test-output/browser`` (or ``$WIRELENS_TEST_OUTPUT``) for a person to look at. Without
Chromium or Playwright the tests skip locally and fail in CI (``.ci/run`` installs both).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require
from tests.web.conftest import output_dir

CHROMIUM = Path(os.environ.get("WIRELENS_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(CHROMIUM.exists(), f"no Chromium at {CHROMIUM}: apt-get install chromium")
    require(
        importlib.util.find_spec("playwright") is not None,
        "Playwright is not installed: pip install playwright",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless"]
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh page that records console errors, dialogs and requests leaving the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.problems = []
    tab.on("dialog", lambda d: (tab.problems.append(f"dialog: {d.message}"), d.dismiss()))
    tab.on(
        "console",
        lambda m: tab.problems.append(f"console: {m.text}") if m.type == "error" else None,
    )
    tab.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(live_server)
            else tab.problems.append(f"external request: {r.url}")
        ),
    )
    tab.on(
        "response",
        lambda r: (
            tab.problems.append(f"{r.status}: {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    yield tab
    context.close()


def _shot(tab: Any, name: str) -> Path:
    path = output_dir("browser") / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000
    return path


def test_home_search_article_speaker(page: Any, live_server: str) -> None:
    page.goto(live_server + "/")
    assert page.title() == "wirelens · wirelens"
    assert page.locator("ol.articles li").count() >= 5
    assert page.locator("ol.speakers li").count() >= 3
    _shot(page, "home")

    page.fill("#home-q", "harbour master")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?q=harbour+master*")
    hits = page.locator("li.hit")
    assert hits.count() >= 1
    assert page.locator("li.hit .snippet mark").count() >= 1
    assert page.locator("aside.facets a").count() >= 2
    _shot(page, "search")

    page.click("li.hit a.title >> text=Port Ellery raises berth fees")
    page.wait_for_url("**/articles/*")
    marks = page.locator("div.body mark.q")
    assert marks.count() >= 2
    first = marks.first
    tip = first.locator(".tip")
    assert not tip.is_visible()
    first.focus()  # keyboard users see the tooltip too
    assert tip.is_visible()
    assert "Jonas Hale" in tip.inner_text() and "confidence" in tip.inner_text()
    # one colour per speaker: Hale's quotes share a colour, other speakers get others
    classes = marks.evaluate_all(
        "ms => ms.map(m => [m.className, m.querySelector('.tip').textContent])"
    )
    by_speaker: dict[str, set[str]] = {}
    for cls, text in classes:
        by_speaker.setdefault(text.split(" · ")[0], set()).add(cls)
    assert all(len(c) == 1 for c in by_speaker.values()), by_speaker
    assert len(by_speaker) >= 2 and len(set.union(*by_speaker.values())) == len(by_speaker)
    colour = page.evaluate(
        "getComputedStyle(document.querySelector('div.body mark.q')).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    first.hover()
    _shot(page, "article")

    page.click("ul.legend a >> text=Jonas Hale")
    page.wait_for_url("**/speakers/Jonas%20Hale")
    assert page.locator("h1").inner_text() == "Jonas Hale"
    assert page.locator("ol.quotes li").count() >= 2
    assert page.locator("table.chains tbody tr").count() >= 1
    _shot(page, "speaker")
    assert page.problems == []


def _check_trace_graph(page: Any) -> None:
    """The trace's SVG graph: the three outlets' articles, one first, and edges between nodes."""
    graph = page.locator("svg.provenance")
    box = graph.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 100
    nodes = graph.locator("g.node").evaluate_all(
        "gs => gs.map(g => [g.dataset.id, g.getAttribute('class'), g.dataset.label])"
    )
    labels = {label for _, cls, label in nodes if "article" in cls}
    assert {"NWS", "DailyScroll", "Scoopline"} <= labels
    assert [cls for _, cls, _ in nodes].count("node article first") == 1
    assert any(ident == "outlet:nws" and "source" in cls for ident, cls, _ in nodes)
    edges = graph.locator("path.edge").evaluate_all(
        "ps => ps.map(p => [p.dataset.source, p.dataset.target, p.dataset.kind,"
        " p.getTotalLength()])"
    )
    ids = {ident for ident, _, _ in nodes}
    assert all(s in ids and t in ids and length > 10 for s, t, _, length in edges)
    assert {"first_reported", "cites", "republishes"} <= {kind for _, _, kind, _ in edges}
    cites = {(s, t) for s, t, kind, _ in edges if kind == "cites"}
    assert sum(1 for s, t in cites if t == "outlet:nws" and s.startswith("article:")) >= 2


def test_story_copy_group_and_quote_trace(page: Any, live_server: str) -> None:
    """From a search hit to the article, its story, its copy group and a quote's trace."""
    page.goto(live_server + "/")
    assert page.locator("ol.stories li").count() >= 3
    page.fill("#home-q", "striking dockers")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?q=striking+dockers*")
    page.click("li.hit:has-text('Scoopline') a.title")
    page.wait_for_url("**/articles/*")
    assert page.locator("div.body mark.q").count() >= 2
    assert "A wire copy in" in page.locator("div.linkbox").inner_text()

    page.click("div.linkbox p.story-link a")
    page.wait_for_url("**/stories/*")
    lanes = page.locator("svg.storyline g.lane")
    grouped = page.locator("svg.storyline g.lane.grouped")
    assert lanes.count() >= 3 and grouped.count() >= 1
    assert grouped.first.locator("circle.origin").count() == 1
    assert grouped.first.locator("circle.copy").count() >= 2
    assert (
        page.locator("svg.storyline circle").count() == page.locator("ol.story-articles li").count()
    )
    _shot(page, "story")

    page.click("div.lane-list h3 a[href^='/copy-groups/']")
    page.wait_for_url("**/copy-groups/*")
    assert page.locator("tr.origin").count() == 1
    assert page.locator("article.changes").count() >= 2
    assert page.locator("article.changes ins").count() >= 1
    assert "NWS" in page.locator("section.origin-box").inner_text()
    _shot(page, "copy-group")

    page.go_back()
    page.go_back()
    page.wait_for_url("**/articles/*")
    page.click("td.traces a >> nth=0")
    page.wait_for_url("**/traces/*")
    assert page.locator("ol.appearances li").count() >= 3
    assert page.locator("ol.appearances li.first .badge").inner_text().lower() == "first"
    _check_trace_graph(page)
    _shot(page, "trace")

    page.click("svg.provenance a >> nth=0")  # graph nodes link to their articles
    page.wait_for_url("**/articles/*")
    assert page.problems == []


def test_hostile_strings_inert_on_linking_pages(page: Any, live_server: str) -> None:
    page.goto(live_server + "/search?q=dredging")
    page.click("li.hit a.title >> nth=0")
    page.wait_for_url("**/articles/*")
    pages = [
        page.locator("div.linkbox a[href^='/copy-groups/']").first.get_attribute("href"),
        page.locator("div.linkbox a[href^='/stories/']").get_attribute("href"),
        page.locator("td.traces a").first.get_attribute("href"),
    ]
    names = ("copy-group-hostile", "story-hostile", "trace-hostile")
    for path, name in zip(pages, names, strict=True):
        page.goto(live_server + str(path))
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("main img, main script, main iframe").count() == 0
        hrefs = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript:")]
        _shot(page, name)
    assert "<img src=x onerror=alert(1)>" in page.locator("svg.provenance").inner_html().replace(
        "&lt;", "<"
    ).replace("&gt;", ">")
    assert page.problems == []


def test_hostile_article_is_inert(page: Any, live_server: str) -> None:
    page.goto(live_server + "/search?q=dredging")
    page.click("li.hit a.title")
    page.wait_for_url("**/articles/*")
    assert "<script>" in page.locator("h1").inner_text()  # shown as text
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("div.body img, div.body script").count() == 0
    hrefs = page.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript:")]
    page.locator("div.body mark.q").first.focus()
    _shot(page, "article-hostile")
    assert page.problems == []


def test_error_pages_and_no_javascript(browser: Any, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    response = tab.goto(live_server + "/articles/0000000000")
    assert response.status == 404 and tab.locator("h1").inner_text() == "404"
    _shot(tab, "error-404")
    tab.goto(live_server + "/")
    tab.fill("#home-q", "co-founder")
    tab.press("#home-q", "Enter")  # a plain form: works without JavaScript
    tab.wait_for_url("**/search?q=co-founder*")
    assert tab.locator("li.hit").count() >= 1
    tab.goto(live_server + "/docs")
    assert tab.locator("section.op").count() >= 8
    _shot(tab, "docs")
    context.close()
