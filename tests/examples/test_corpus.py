"""The sample corpus (examples/): big and varied enough for the demo, and marked fictional."""

from __future__ import annotations

import gzip

import wirelens
from tests.conftest import ROOT

CORPUS = ROOT / "examples" / "corpus"


def test_at_least_40_articles_in_every_form() -> None:
    articles = list(wirelens.read(str(CORPUS)))
    assert len(articles) >= 40
    sources = {a.source.split("#")[0].rsplit(".", 1)[-1] for a in articles if a.source}
    assert {"txt", "html", "xml", "atom", "gz"} <= sources


def test_at_least_8_outlets_and_one_wire_agency() -> None:
    outlets = {p.name.split("-")[0] for p in CORPUS.glob("*.txt")}
    outlets |= {a.outlet for a in wirelens.read(str(CORPUS)) if a.outlet}
    assert len(outlets) >= 8
    agencies = [a.agency for a in wirelens.read(str(CORPUS)) if a.agency]
    assert agencies.count("NWS") >= 5


def test_markup_files_are_marked_fictional() -> None:
    for path in [*CORPUS.glob("*.html"), *CORPUS.glob("*.xml"), *CORPUS.glob("*.atom")]:
        assert "FICTIONAL" in path.read_text(encoding="utf-8"), path.name
    assert b"FICTIONAL" in gzip.decompress((CORPUS / "archive.warc.gz").read_bytes())
    assert "fictional" in (ROOT / "examples" / "README.md").read_text(encoding="utf-8").lower()


def test_the_changing_quote_is_there() -> None:
    original = (CORPUS / "nws-port-strike.txt").read_text(encoding="utf-8")
    changed = (CORPUS / "courier-port-strike.html").read_text(encoding="utf-8")
    assert "We will not tolerate further delays at the docks" in original
    assert "we will not accept delays" in changed


def test_wire_stories_have_three_aggregators_with_cut_edited_and_undated_copies() -> None:
    articles = {a.source.rsplit("/", 1)[-1]: a for a in wirelens.read(str(CORPUS)) if a.source}
    copies = [a for name, a in articles.items() if "bridge-closure" in name or "cod-quota" in name]
    aggregators = {a.outlet for a in copies if a.agency == "NWS"} - {"Northern Wire Service"}
    assert {"DailyScroll", "NewsBeam", "Scoopline"} <= aggregators
    undated = articles["scoopline-bridge-closure.txt"]
    assert undated.published is None and undated.agency == "NWS"
    wire = articles["nws-bridge-closure.html"].body
    cut = articles["newsbeam-bridge-closure.html"].body
    assert len(cut.split()) < 0.7 * len(wire.split())
    assert "we do not even have the old one" in wire
    assert "we do not even have a safe one" in undated.body
