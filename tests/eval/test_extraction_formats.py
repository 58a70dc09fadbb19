"""Gold-format detection and loading on tiny fictional folders (tests/fixtures/eval, laid out
as the benchmarks are by the ``gold_folders`` fixture)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from wirelens.errors import EvalError
from wirelens.eval.body_extraction import detect_format, load_pages


def test_detects_both_formats(gold_folders: dict[str, Path]) -> None:
    assert detect_format(gold_folders["aeb-mini"]) == "aeb"
    assert detect_format(gold_folders["wcxb-mini"]) == "wcxb"


def test_aeb_pages_have_body_and_url_only(gold_folders: dict[str, Path]) -> None:
    pages = load_pages(gold_folders["aeb-mini"])
    assert [p.id for p in pages] == ["harbour-ferry", "orchard-fair"]
    ferry = pages[0]
    assert ferry.url == "https://courier.example/local/harbour-ferry"
    assert ferry.body is not None and ferry.body.startswith("PORT ELSWYTH")
    assert ferry.title is None and ferry.authors is None and ferry.published is None
    assert "Fictional test page" in ferry.read_html()


def test_wcxb_pages_have_metadata_and_no_date_flag(gold_folders: dict[str, Path]) -> None:
    lantern, moss = load_pages(gold_folders["wcxb-mini"])
    assert lantern.title == "How we repaired the old lighthouse lantern"
    assert lantern.authors == ("Tobiah Rennick",)
    assert lantern.published == "2023-11-14"
    assert not lantern.no_date
    assert moss.authors is None and moss.published is None
    assert moss.no_date  # annotated as having no date: a predicted date counts as invented


def test_limit_and_gzip(tmp_path: Path, gold_folders: dict[str, Path]) -> None:
    folder = tmp_path / "aeb"
    shutil.copytree(gold_folders["aeb-mini"], folder)
    for page in (folder / "html").glob("*.html"):
        page.with_suffix(".html.gz").write_bytes(gzip.compress(page.read_bytes()))
        page.unlink()
    pages = load_pages(folder, limit=1)
    assert len(pages) == 1
    assert pages[0].html_path.name.endswith(".html.gz")
    assert "harbour ferry" in pages[0].read_html()


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ({}, "no html/ folder"),
        ({"html": None}, "neither ground-truth.json"),
        ({"html": None, "ground-truth.json": "{}"}, "no gold pages"),
        ({"html": None, "ground-truth.json": "[not json"}, "cannot read gold file"),
    ],
)
def test_bad_folders_raise_eval_error(
    tmp_path: Path, layout: dict[str, str | None], message: str
) -> None:
    for name, content in layout.items():
        if content is None:
            (tmp_path / name).mkdir()
        else:
            (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        load_pages(tmp_path)


def test_missing_folder_raises_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="not a directory"):
        detect_format(tmp_path / "nowhere")
