"""Wire copies on both backends: groups, origins, changes, incremental joins and bad input."""

from __future__ import annotations

import time
from typing import Any

import pytest

import wirelens
from tests.conftest import ROOT
from tests.link.conftest import GERMAN, WIRE, aggregator_copy, analysis
from wirelens.errors import StoreError
from wirelens.link import LinkOptions, copy_group, group_rows, link
from wirelens.link.db import query
from wirelens.model import Analysis, Article
from wirelens.store import open_store
from wirelens.store.base import Store

CORPUS = ROOT / "examples" / "corpus"


def _name(row: dict[str, Any]) -> str:
    return str(row["source"]).rsplit("/", 1)[-1]


def _group_of(store: Store, source_end: str) -> dict[str, Any]:
    (article_id,) = query(
        store, "SELECT id FROM articles WHERE source LIKE ?", ("%" + source_end,)
    )[0]
    return copy_group(store, article_id)


@pytest.fixture
def examples(store_url: str) -> Store:
    store = open_store(store_url)
    store.add(Analysis(article=a) for a in wirelens.read(str(CORPUS)))
    link(store)
    return store


def test_each_example_group_has_the_wire_original_as_origin(examples: Store) -> None:
    expected = {
        "nws-bridge-closure.html": {
            "dailyscroll-bridge-closure.html",
            "newsbeam-bridge-closure.html",
            "scoopline-bridge-closure.txt",
        },
        "nws-cod-quota.html": {
            "dailyscroll-cod-quota.html",
            "newsbeam-cod-quota.html",
            "scoopline-cod-quota.html",
        },
        "nws-port-strike.txt": {"scoopline-port-strike.txt"},
    }
    for wire, copies in expected.items():
        group = _group_of(examples, wire)
        assert _name(group["origin"]) == wire
        assert group["rule"] == "wire credit", group["reason"]
        names = {_name(m) for m in group["members"]}
        assert copies <= names and wire in names
        # copies of other stories never join
        assert all(n.split("-", 1)[1].split(".")[0] in wire for n in names), names
    examples.close()


def test_edited_and_cut_copies_record_their_changes(examples: Store) -> None:
    group = _group_of(examples, "nws-bridge-closure.html")
    members = {_name(m): m for m in group["members"]}
    edited = members["scoopline-bridge-closure.txt"]["changes"]
    assert "edited" in edited["kinds"]
    (edit,) = edited["sentences_edited"]
    assert {"op": "replace", "from": "the old", "to": "a safe"} in edit["diff"]
    assert edited["headline"]["to"] == "Island cut off as Norvale closes cracked bridge"
    assert edited["time_shift_seconds"] is None  # the copy has no date
    cut = members["newsbeam-bridge-closure.html"]["changes"]
    assert cut["truncated"] and len(cut["paragraphs_cut"]) == 3
    assert cut["time_shift_seconds"] == 9000  # 09:10 -> 11:40
    whole = members["dailyscroll-bridge-closure.html"]["changes"]
    assert {"kind": "related", "text": "Also Read | Skarvoy Lighthouse Reopens to Visitors "
            "After Storm Repairs."} in whole["wrapper_added"]  # fmt: skip
    assert not whole["paragraphs_cut"] and not whole["sentences_edited"]
    assert members["nws-bridge-closure.html"]["changes"]["origin"] is True
    examples.close()


def test_undated_group_still_gets_an_origin_and_a_reason(examples: Store) -> None:
    group = _group_of(examples, "scoopline-port-strike.txt")
    assert _name(group["origin"]) == "nws-port-strike.txt"
    assert "no member has a date" in group["reason"]
    assert "bare NWS wire feed" in group["reason"]
    examples.close()


def test_export_rows_name_both_articles_with_source_and_url(examples: Store) -> None:
    rows = list(group_rows(examples))
    assert {r["group_id"] for r in rows} == {
        r[0] for r in query(examples, "SELECT id FROM copy_groups")
    }
    for row in rows:
        assert row["source"] and row["origin_source"] and "url" in row and "origin_url" in row
        assert row["article_id"].startswith("sha256:") and row["origin_id"].startswith("sha256:")
    assert sum(r["is_origin"] for r in rows) == len({r["group_id"] for r in rows})
    examples.close()


def test_relinking_an_unchanged_corpus_does_nothing(examples: Store) -> None:
    before = query(examples, "SELECT article_id, group_id, changes FROM copy_members")
    report = link(examples)
    assert report.copies.signed == 0 and report.copies.candidates == 0
    assert query(examples, "SELECT article_id, group_id, changes FROM copy_members") == before
    examples.close()


def test_a_new_copy_joins_the_existing_group_incrementally(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add([analysis(WIRE, "wire.txt"), analysis(aggregator_copy("DailyScroll"), "ds.txt")])
        link(store)
        (gid,) = query(store, "SELECT id FROM copy_groups")[0]
        store.add([analysis(aggregator_copy("Scoopline", cut=3), "scoop.txt")])
        report = link(store)
        assert report.copies.signed == 1  # only the new article is signed
        assert report.copies.candidates <= LinkOptions().bands
        group = copy_group(
            store, query(store, "SELECT id FROM articles WHERE source = 'scoop.txt'")[0][0]
        )
        assert group["group"] == gid and group["size"] == 3
        assert _name(group["origin"]) == "wire.txt"


def test_empty_corpus_and_one_article(store_url: str) -> None:
    with open_store(store_url) as store:
        report = link(store)
        assert report.copies.signed == 0 and report.copies.groups == 0
        assert list(group_rows(store)) == []
        store.add([analysis(WIRE, "wire.txt")])
        report = link(store)
        assert report.copies.signed == 1 and report.copies.groups == 0
        article_id = query(store, "SELECT id FROM articles")[0][0]
        with pytest.raises(StoreError, match="in no copy group"):
            copy_group(store, article_id[7:20])
        with pytest.raises(StoreError, match="no stored article"):
            copy_group(store, "ffff0000")
        # not hex: before, "%" and "_" were LIKE wildcards (the article was found) and a lone
        # surrogate (a non-UTF-8 `wirelens copies` argument) raised UnicodeEncodeError
        for bad in ("%", "_", "", "sha256:%", "ab\udcff"):
            with pytest.raises(StoreError, match="no stored article"):
                copy_group(store, bad)


def test_5000_identical_copies_make_one_group_in_linear_work(store_url: str) -> None:
    body = analysis(WIRE, "wire.txt").article.body
    copies = [
        Analysis(
            article=Article(
                id=f"sha256:{i:064x}", body=body, text=body, outlet=f"Outlet {i}", source=f"c{i}"
            )
        )
        for i in range(5000)
    ]
    with open_store(store_url) as store:
        store.add(copies)
        started = time.perf_counter()
        report = link(store)
        seconds = time.perf_counter() - started
        assert report.copies.groups == 1
        assert query(store, "SELECT count(*), count(DISTINCT group_id) FROM copy_members") == [
            (5000, 1)
        ]
        # a star per bucket: one pair per member (all buckets share a leader here), never the
        # 12.5 million pairs of all against all - pairs and memory stay linear
        assert report.copies.candidates == report.copies.copies == 4999
        assert seconds < 90, seconds
        group = copy_group(store, "0" * 64)
        assert group["rule"] == "smallest id"  # identical credit, time and length
        assert group["origin"]["id"] == "sha256:" + "0" * 64


def test_undated_uncredited_copies_choose_the_most_complete_text(store_url: str) -> None:
    plain = WIRE.replace(" (NWS)", "").replace("April 2 (NWS) - ", "")
    short = "\n\n".join(plain.split("\n\n")[:4]) + "\n"
    with open_store(store_url) as store:
        store.add([analysis(plain, "full.txt"), analysis(short, "short.txt")])
        link(store)
        group = _group_of(store, "short.txt")
        assert _name(group["origin"]) == "full.txt"
        assert group["rule"] == "most complete text"
        assert "no member has a date" in group["reason"]


def test_earliest_copy_is_origin_when_no_wire_copy_is_there(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add(
            [
                analysis(aggregator_copy("DailyScroll"), "late.txt", published="2026-04-02T12:00Z"),
                analysis(aggregator_copy("NewsBeam"), "early.txt", published="2026-04-02T09:30Z"),
                analysis(aggregator_copy("Scoopline"), "undated.txt"),
            ]
        )
        link(store)
        group = _group_of(store, "late.txt")
        assert _name(group["origin"]) == "early.txt"
        assert group["rule"] == "earliest published"
        assert "2 of 3 members dated" in group["reason"]


def test_a_copy_in_another_language_is_not_joined(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add(
            [
                analysis(WIRE, "wire.txt"),
                analysis(aggregator_copy("DailyScroll", edit=True), "ds.txt"),
                analysis(GERMAN, "de.txt"),
            ]
        )
        link(store)
        assert (
            store.get(
                query(store, "SELECT id FROM articles WHERE source = 'de.txt'")[0][0][7:]
            ).article.language
            == "de"
        )
        with pytest.raises(StoreError, match="in no copy group"):
            _group_of(store, "de.txt")
        group = _group_of(store, "ds.txt")
        assert {_name(m) for m in group["members"]} == {"wire.txt", "ds.txt"}
        edited = next(m for m in group["members"] if _name(m) == "ds.txt")["changes"]
        assert edited["sentences_edited"][0]["diff"] == [{"op": "insert", "from": "", "to": "pure"}]


def test_the_same_text_labelled_another_language_is_refused_explicitly(store_url: str) -> None:
    english = analysis(WIRE, "wire.txt")
    relabelled = Analysis(
        article=Article(
            id="sha256:" + "1" * 64,
            body=english.article.body,
            text=english.article.text,
            language="fr",
            source="fr.txt",
        )
    )
    with open_store(store_url) as store:
        store.add([english, relabelled])
        report = link(store)
        assert report.copies.groups == 0 and report.copies.other_language == 1


def test_python_api_is_what_the_cli_uses(store_url: str) -> None:
    with wirelens.open_store(store_url) as store:
        store.add([analysis(WIRE, "wire.txt"), analysis(aggregator_copy("NewsBeam"), "nb.txt")])
        report = wirelens.link_corpus(store)
        assert report.copies.groups == 1
        article_id = query(store, "SELECT id FROM articles WHERE source = 'nb.txt'")[0][0]
        group = wirelens.copies(store, article_id[7:20])
        assert group == copy_group(store, article_id)
        assert len(list(wirelens.copy_groups(store))) == 2


def test_both_band_join_plans_give_the_same_pairs(store_url: str) -> None:
    from wirelens.link.banding import CANDIDATES_SQL, SCAN_SQL
    from wirelens.link.signatures import sign_new

    with open_store(store_url) as store:
        store.add(Analysis(article=a) for a in wirelens.read(str(CORPUS)))
        link(store)  # everything linked: new articles must prefer the old leaders
        store.add(
            [
                analysis(WIRE, "wire.txt"),
                analysis(aggregator_copy("NewsBeam"), "nb.txt"),
                analysis(aggregator_copy("Scoopline", cut=3), "sc.txt"),
                analysis((CORPUS / "nws-cod-quota.html").read_text(encoding="utf-8"), "cod"),
            ]
        )
        sign_new(store, LinkOptions())
        scan, lookup = set(query(store, SCAN_SQL)), set(query(store, CANDIDATES_SQL))
        assert scan == lookup and len(scan) >= 3
