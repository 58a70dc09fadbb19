"""One attribute stage behind every entry point; options honoured or rejected at the edge."""

from __future__ import annotations

import dataclasses
from typing import Any

import msgspec
import pytest

import wirelens
from tests.conftest import ROOT
from wirelens.attribute import (
    analyze_article,
    analyze_articles,
    analyze_batch,
    extract,
    setup,
)
from wirelens.errors import ConfigError, InputError
from wirelens.link.db import query
from wirelens.link.options import LinkOptions
from wirelens.link.signatures import sign_new
from wirelens.model import Article, to_json
from wirelens.run.options import Options
from wirelens.run.stages import STAGES, attribute_stage, signature_stage
from wirelens.store import open_store

CORPUS = ROOT / "examples" / "corpus"
#: a few fictional example articles of each kind (text, HTML, feed)
FILES = ["nws-port-strike.txt", "metro-transfer.txt", "berg-signs.html", "coastline-radio.xml"]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    found = [a for f in FILES for a in wirelens.read(CORPUS / f)]
    assert len(found) >= len(FILES)
    return found


def test_entry_points_give_identical_output(articles: list[Article]) -> None:
    options = Options.resolve()
    one = [to_json(analyze_article(a)) for a in articles]
    assert [to_json(x) for x in analyze_articles(articles)] == one
    assert [to_json(x) for x in analyze_batch(articles, scope="speech")] == one
    assert [to_json(x) for x in attribute_stage(options, articles)] == one
    assert sum(len(a.attributions) for a in analyze_batch(articles, scope="speech")) > 10


def test_extract_and_component_match_the_stage(articles: list[Article]) -> None:
    from wirelens.attribute.component import AttributionComponent

    component = AttributionComponent("speech")
    nlp = setup()
    for article in articles:
        staged = extract(article.body)
        # the component on a Doc parsed by the same pipeline gives exactly the same records
        doc = component(nlp(article.body))
        assert [to_json(a) for a in doc._.attributions] == [to_json(a) for a in staged]
        # metadata hops apart, the batch stage finds the same attributions
        batch = analyze_batch([article], scope="speech")[0].attributions
        assert [a.quote for a in batch] == [a.quote for a in staged]


def test_analyze_honours_attribution_scope() -> None:
    path = str(CORPUS / "nws-port-strike.txt")
    speech = [a for x in wirelens.analyze(path) for a in x.attributions]
    stance = [a for x in wirelens.analyze(path, attribution_scope="stance") for a in x.attributions]
    direct = [to_json(analyze_article(a, scope="stance")) for a in wirelens.read(path)]
    assert [to_json(x) for x in wirelens.analyze(path, attribution_scope="stance")] == direct
    assert {a.quote.start for a in speech} <= {a.quote.start for a in stance}


@pytest.mark.parametrize(
    ("keyword", "value"),
    [("db", "x.db"), ("workers", 2), ("scope", "speech"), ("attribution_scope", "gossip")],
)
def test_analyze_rejects_options_it_cannot_honour(keyword: str, value: Any) -> None:
    with pytest.raises(ConfigError):
        wirelens.analyze("no-such-file.txt", **{keyword: value})  # raised before any reading


def test_read_rejects_attribution_options() -> None:
    with pytest.raises(ConfigError, match="attribution_scope"):
        wirelens.read("no-such-file.txt", attribution_scope="stance")


def test_analyze_text_never_reads_a_path() -> None:
    line = "Port spokeswoman Lena Ortiz said the strike would end on Friday."
    with pytest.raises(InputError, match="no such file"):
        list(wirelens.analyze(line))  # a one-line string is a path, as documented
    [analysis] = wirelens.analyze_text(line)
    [attribution] = analysis.attributions
    assert attribution.speaker is not None and attribution.speaker.name == "Lena Ortiz"
    assert analysis.article.body[attribution.quote.start : attribution.quote.end] == (
        attribution.quote.text
    )


def test_options_are_frozen_and_resolved_once() -> None:
    options = Options.resolve({"attribution_scope": "stance", "max_bytes": 1000})
    assert (options.scope, options.read.max_bytes) == ("stance", 1000)
    assert options.model != "auto"  # resolved to an installed package at the edge
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.scope = "speech"  # type: ignore[misc]
    assert [s.name for s in STAGES] == ["read", "clean", "attribute", "link-signatures"]


def test_signature_stage_gives_the_rows_link_stores(store_url: str) -> None:
    """The link-signatures stage (what Spark runs) makes exactly the signature and band rows
    ``wirelens link`` stores; a too-short article is signed with no bands."""
    every = [a for f in sorted(CORPUS.glob("*.txt"))[:12] for a in wirelens.read(f)]
    short = msgspec.structs.replace(every[0], id="sha256:" + "0" * 64, body="Tide rose.")
    signed = signature_stage(Options.resolve(), [*every, short])
    assert [s.article_id for s in signed] == [a.id for a in [*every, short]]
    assert signed[-1].bands == () and signed[-1].shingles == 1  # 2 words: one shingle
    assert all(len(s.bands) == LinkOptions().bands for s in signed[:-1])
    with open_store(store_url) as store:
        store.add(analyze_articles([*every, short]))
        assert sign_new(store, LinkOptions()) == len(every) + 1
        stored = {r[0]: r[1] for r in query(store, "SELECT article_id, shingles FROM signatures")}
        bands = sorted(
            query(
                store,
                "SELECT b.band, b.band_hash, s.article_id FROM bands b "
                "JOIN signatures s ON s.key = b.key",
            )
        )
    assert stored == {s.article_id: s.shingles for s in signed}
    assert bands == sorted(
        (band, value, s.article_id) for s in signed for band, value in enumerate(s.bands)
    )


def test_the_allocator_keeps_freed_memory_where_glibc_can() -> None:
    """``mallopt`` exists in glibc only; elsewhere nothing is changed and nothing fails."""
    import platform

    from wirelens.run.stages import keep_freed_memory

    assert keep_freed_memory() is (platform.libc_ver()[0] == "glibc")
