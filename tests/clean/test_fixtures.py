"""Every fixture article (tests/fixtures/articles) read through ``wirelens.read`` and checked.

The expectations live beside each fixture in ``NAME.expected.json`` (format in the folder's
README). Besides the expected fields, every article must keep the part-offset invariant and
have a content id of its own text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import wirelens
from tests.conftest import FIXTURES
from wirelens.model import Article, content_id

ARTICLES = FIXTURES / "articles"
SUFFIX = ".expected.json"
CASES = sorted(p for p in ARTICLES.glob(f"*{SUFFIX}"))
PART_KINDS = {
    "section", "headline", "blurb", "related", "share", "caption", "credit", "signoff",
    "disclaimer", "promo", "pullquote", "duplicate", "byline", "dateline", "other",
}  # fmt: skip


def _source(expected: Path) -> Path:
    stem = expected.name[: -len(SUFFIX)]
    found = [
        p
        for p in ARTICLES.iterdir()
        if p.name.split(".")[0] == stem and not p.name.endswith(SUFFIX)
    ]
    assert len(found) == 1, f"no single source file for {expected.name}: {found}"
    return found[0]


def _check_fields(article: Article, spec: dict[str, Any]) -> None:
    for key in ("title", "section", "outlet", "agency", "language"):
        if key in spec:
            assert getattr(article, key) == spec[key], key
    if "authors" in spec:
        assert len(article.authors) == len(spec["authors"]), article.authors
        for want, got in zip(spec["authors"], article.authors, strict=True):
            assert want in got, (want, article.authors)
    if "published" in spec:
        if spec["published"] is None:
            assert article.published is None
        else:
            assert article.published is not None
            assert article.published.value.startswith(spec["published"])
    if "credits" in spec:
        got = [{"kind": c.kind, "text": c.text, "agency": c.agency} for c in article.credits]
        assert got == spec["credits"]


def _check_dateline(article: Article, spec: dict[str, Any]) -> None:
    if "dateline" not in spec:
        return
    want = spec["dateline"]
    if want is None:
        assert article.dateline is None, article.dateline
        return
    assert article.dateline is not None
    for key, value in want.items():
        assert getattr(article.dateline, key) == value, key


def _check_parts(article: Article, spec: dict[str, Any]) -> None:
    for want in spec.get("parts", []):
        matches = [p for p in article.parts if p.kind == want["kind"] and p.text == want["text"]]
        assert matches, f"missing part {want}"
        for key, value in want.get("data", {}).items():
            assert matches[0].data.get(key) == value, (want, matches[0].data)


def _check_body(article: Article, spec: dict[str, Any]) -> None:
    assert article.body.strip()
    for text in spec.get("body_contains", []):
        assert text in article.body, text
    for text in spec.get("body_excludes", []):
        assert text not in article.body, text


def _check_invariants(article: Article) -> None:
    assert article.id == content_id(article.text)
    for part in article.parts:
        assert part.kind in PART_KINDS, part.kind
        assert article.text[part.start : part.end] == part.text, part
    for paragraph in article.body.split("\n\n"):
        assert paragraph == paragraph.strip()
        assert paragraph in article.text


@pytest.mark.parametrize("expected", CASES, ids=[p.name[: -len(SUFFIX)] for p in CASES])
def test_fixture_article(expected: Path) -> None:
    spec = json.loads(expected.read_text(encoding="utf-8"))
    articles = list(wirelens.read(str(_source(expected))))
    assert len(articles) == len(spec["articles"])
    for article, want in zip(articles, spec["articles"], strict=True):
        _check_fields(article, want)
        _check_dateline(article, want)
        _check_parts(article, want)
        _check_body(article, want)
        _check_invariants(article)


def test_fixture_set_is_broad() -> None:
    """Issue 2: at least 25 articles in the styles of at least 8 kinds of source."""
    specs = [json.loads(p.read_text(encoding="utf-8")) for p in CASES]
    assert sum(len(s["articles"]) for s in specs) >= 25
    assert len({s["kind"] for s in specs}) >= 8
    readme = (ARTICLES / "README.md").read_text(encoding="utf-8")
    assert "fictional" in readme.lower()
