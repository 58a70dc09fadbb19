"""Quote traces on the sample corpus, on SQLite and PostgreSQL in the same tests.

The port-strike storyline of ``examples/corpus`` (fictional, see examples/README.md): Harbour
Minister Varga told NRK-Norvale "We will not tolerate further delays at the docks"; the NWS wire
carries it, DailyScroll republishes the wire word for word, the Courier prints "we will not
accept delays", NewsBeam "would not accept delays", Coastline Radio "would not tolerate more
delays". The tests use those files only, and no count of the whole corpus, so that new copies
added to the folder do not change them. Their own small fixtures are fictional, written here.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

import wirelens
from tests.conftest import ROOT
from wirelens.cli import main
from wirelens.link.graph import graph_graphml, provenance_graph
from wirelens.link.provenance import Appearance
from wirelens.link.traces import update_traces
from wirelens.model import Analysis, Document
from wirelens.store import Store, open_store

CORPUS = ROOT / "examples" / "corpus"
PORT_STRIKE = [
    "nws-port-strike.txt",
    "dailyscroll-port-strike.txt",
    "courier-port-strike.html",
    "newsbeam-port-talks.txt",
    "coastline-radio.xml",
    "bizday-exporters.txt",
]
QUOTE = "We will not tolerate further delays at the docks"


@pytest.fixture(scope="module")
def analyses() -> dict[str, list[Analysis]]:
    """The storyline's files analysed once for every test (spaCy is the slow part)."""
    return {name: list(wirelens.analyze(str(CORPUS / name))) for name in PORT_STRIKE}


@pytest.fixture
def db(store_url: str, analyses: dict[str, list[Analysis]]) -> str:
    """The storyline stored, with its quote traces built."""
    with open_store(store_url) as store:
        store.add(a for name in PORT_STRIKE for a in analyses[name])
        assert update_traces(store) > 0
    return store_url


@pytest.fixture
def corpus(db: str) -> Iterator[Store]:
    with open_store(db) as store:
        yield store


def _source(appearance: Appearance) -> str:
    return (appearance.source or "").rsplit("/", 1)[-1]


def test_trace_returns_the_wire_as_first_appearance_and_the_path(corpus: Store) -> None:
    traces = wirelens.trace(corpus, "we will NOT tolerate further delays, at the docks")
    trace = traces[0]
    assert _source(trace.first) == "nws-port-strike.txt"
    assert trace.first.chain == ("state broadcaster NRK-Norvale", "NWS")
    assert [a.position for a in trace.appearances] == list(range(len(trace.appearances)))
    by_source = {_source(a).split("#")[0]: a for a in trace.appearances}
    assert {
        "dailyscroll-port-strike.txt",
        "courier-port-strike.html",
        "newsbeam-port-talks.txt",
        "coastline-radio.xml",
    } <= set(by_source)
    # the aggregator's sourcing chain runs back through the wire to the broadcaster
    assert by_source["dailyscroll-port-strike.txt"].chain[-2:] == ("NWS", "DailyScroll")
    # dated appearances in time order, undated ones after them
    dates = [a.published for a in trace.appearances[1:]]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated


def test_edited_quote_is_altered_with_its_diff(corpus: Store) -> None:
    trace = wirelens.trace(corpus, QUOTE)[0]
    by_source = {_source(a).split("#")[0]: a for a in trace.appearances}
    copy = by_source["dailyscroll-port-strike.txt"]
    assert not copy.altered and copy.diff["changes"] == []
    courier = by_source["courier-port-strike.html"]
    assert courier.altered
    assert {"op": "replace", "first": "tolerate further", "here": "accept"} in courier.diff[
        "changes"
    ]
    coastline = by_source["coastline-radio.xml"]
    assert coastline.altered and coastline.kind == "indirect"
    assert {"op": "replace", "first": "further", "here": "more"} in coastline.diff["changes"]


def test_trace_by_attribution_id_finds_the_same_trace(corpus: Store) -> None:
    trace = wirelens.trace(corpus, QUOTE)[0]
    later = trace.appearances[-1]
    by_id = wirelens.trace(corpus, attribution_id=later.attribution_id)
    assert trace.id in [t.id for t in by_id]


def test_trace_with_no_match(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        assert wirelens.trace(store, "purple elephants juggle saxophones") == []
    assert main(["trace", "purple elephants juggle saxophones", "--db", db]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "no stored quote matches" in out.err
    assert main(["trace", "--id", "987654321", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    # before, an id past SQL's integers raised OverflowError, a traceback (found by fuzzing)
    assert main(["trace", "--id", "9" * 20, "--db", db]) == 2
    assert "Invalid value for '--id'" in capsys.readouterr().err


def test_cli_trace_prints_first_appearance_first(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["trace", QUOTE, "--json", "--db", db]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["appearances"][0]["source"].endswith("nws-port-strike.txt")
    assert main(["trace", QUOTE, "--db", db]) == 0
    table = capsys.readouterr().out
    first_row = next(line for line in table.splitlines() if line.startswith("│ 0 "))
    assert "NWS" in first_row and "first" in first_row
    assert table.index("first appearance") < table.index("accept")


def _varga(store: Store) -> int:
    return next(s["count"] for s in store.speakers(limit=100) if s["name"] == "Ilse Varga")


def test_speakers_count_each_statement_once(
    store_url: str, analyses: dict[str, list[Analysis]]
) -> None:
    without = [n for n in PORT_STRIKE if n != "dailyscroll-port-strike.txt"]
    with open_store(store_url) as store:
        store.add(a for name in without for a in analyses[name])
        update_traces(store)
        before = _varga(store)
        raw_before = len(store.quotes(speaker="Varga", limit=1000, repeats=True))
        # the aggregator republishes the wire: more attributions, no new statement
        store.add(analyses["dailyscroll-port-strike.txt"])
        update_traces(store)
        assert len(store.quotes(speaker="Varga", limit=1000, repeats=True)) > raw_before + 2
        assert _varga(store) == before
        # quotes lists each statement once unless repeats are asked for
        listed = {q["article_id"] for q in store.quotes(speaker="Varga", limit=1000)}
        copy = analyses["dailyscroll-port-strike.txt"][0].article.id
        assert copy not in listed


def test_speaker_is_a_signal_not_a_requirement(store_url: str) -> None:
    wire = Document(
        content=(
            "Cod quota cut by a fifth\n\n"
            "Fisheries Minister Anna Holm said on Tuesday that the northern cod quota would "
            "fall by a fifth next season to protect spawning stocks in the Skarvoy banks.\n"
        ),
        kind="text",
        source="fiction-wire",
        published="2026-04-07T09:00:00Z",
    )
    copy = Document(
        content=(
            "Fishermen face smaller cod catch\n\n"
            "The northern cod quota will fall by a fifth next season to protect spawning "
            "stocks in the Skarvoy banks, fleet owner Piet Lind said.\n"
        ),
        kind="text",
        source="fiction-copy",
        published="2026-04-07T15:00:00Z",
    )
    with open_store(store_url) as store:
        store.add(wirelens.analyze([wire, copy]))
        assert update_traces(store) == 1
        trace = wirelens.trace(store, "cod quota would fall by a fifth")[0]
    assert [a.source for a in trace.appearances] == ["fiction-wire", "fiction-copy"]
    assert trace.appearances[1].speaker == "Piet Lind"
    assert not trace.appearances[1].speaker_agrees


def test_empty_and_single_article_corpora(store_url: str) -> None:
    with open_store(store_url) as store:
        assert update_traces(store) == 0
        assert wirelens.trace(store, QUOTE) == []
        store.add(wirelens.analyze(str(CORPUS / "nws-port-strike.txt")))
        assert update_traces(store) == 0
        only = wirelens.trace(store, QUOTE)
        assert len(only) == 1 and only[0].id is None and len(only[0].appearances) == 1


def test_export_traces_rows_name_articles(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--what", "traces", "--format", "jsonl", "--db", db]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["article_id"].startswith("sha256:") for r in rows)
    assert all("source" in r and "url" in r and r["first_source"] for r in rows)
    firsts = [r for r in rows if r["first"]]
    assert len(firsts) == len({r["trace_id"] for r in rows})


def test_graph_edges(corpus: Store) -> None:
    graph = provenance_graph(corpus)
    kinds = {e["kind"] for e in graph["edges"]}
    assert {"quotes", "cites", "first_reported"} <= kinds
    ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    assert {"kind": "outlet", "id": "outlet:nws", "label": "NWS"} in graph["nodes"]
    cites = {(e["source"], e["target"]) for e in graph["edges"] if e["kind"] == "cites"}
    assert ("outlet:dailyscroll", "outlet:nws") in cites
    assert ("outlet:nws", "outlet:state broadcaster nrk-norvale") in cites
    first = [e for e in graph["edges"] if e["kind"] == "first_reported"]
    wire = _article_id(corpus, "nws-port-strike.txt")
    assert any(e["source"] == "article:" + wire and "tolerate" in e["quote"] for e in first)
    root = ET.fromstring(graph_graphml(graph))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall("g:graph/g:node", ns)) == len(graph["nodes"])
    assert len(root.findall("g:graph/g:edge", ns)) == len(graph["edges"])


def _article_id(store: Store, name: str) -> str:
    rows = store._execute("SELECT id FROM articles WHERE source LIKE ?", (f"%{name}",))
    return str(rows.fetchone()[0])


def test_graph_republishes_follow_copy_groups(corpus: Store) -> None:
    """``republishes`` edges come from the copies step's tables; made here when absent."""
    has_tables = True
    try:
        corpus._execute("SELECT 1 FROM copy_members WHERE 1 = 0").fetchall()
    except corpus._errors:
        has_tables = False
    if not has_tables:  # the copies step (migration 0003) is not in this build
        assert not [e for e in provenance_graph(corpus)["edges"] if e["kind"] == "republishes"]
        wire = _article_id(corpus, "nws-port-strike.txt")
        copy = _article_id(corpus, "dailyscroll-port-strike.txt")
        corpus._execute("CREATE TABLE copy_groups (id INTEGER, origin_id TEXT, reason TEXT)")
        corpus._execute(
            "CREATE TABLE copy_members (article_id TEXT, group_id INTEGER, similarity REAL)"
        )
        corpus._execute("INSERT INTO copy_groups VALUES (1, ?, 'wire credit')", (wire,))
        corpus._execute("INSERT INTO copy_members VALUES (?, 1, 1.0), (?, 1, 0.9)", (wire, copy))
    expected = {
        ("article:" + m, "article:" + o)
        for m, o in corpus._execute(
            "SELECT m.article_id, g.origin_id FROM copy_members m "
            "JOIN copy_groups g ON g.id = m.group_id WHERE m.article_id <> g.origin_id"
        )
    }
    edges = {
        (e["source"], e["target"])
        for e in provenance_graph(corpus)["edges"]
        if e["kind"] == "republishes"
    }
    assert edges == expected
    if not has_tables:
        assert len(edges) == 1


def test_cli_exports_the_graph(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--what", "graph", "--format", "graphml", "--db", db]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    kinds = {d.text for d in root.iterfind("g:graph/g:edge/g:data[@key='e_kind']", ns)}
    assert {"quotes", "cites", "first_reported"} <= kinds
    assert main(["export", "--what", "graph", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out)["nodes"]
    # a graph is no table, and traces are no graph: one line, exit 2
    assert main(["export", "--what", "traces", "--format", "graphml", "--db", db]) == 2
    assert "does not fit" in capsys.readouterr().err
