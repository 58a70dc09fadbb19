"""``wirelens eval extraction``: JSON shape, table, bad folders, and a run on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SHARED, require
from wirelens.cli import main

REAL = SHARED / "data" / "extraction"
KEYS = {"f1", "precision", "recall", "pages_per_s", "pages", "title_accuracy", "shingle4"}


def _run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, dict[str, object]]:
    assert main(["eval", "extraction", *args, "--json"]) == 0
    result: dict[str, dict[str, object]] = json.loads(capsys.readouterr().out)
    return result


@pytest.mark.parametrize("name", ["aeb-mini", "wcxb-mini"])
def test_json_on_fictional_folders(
    capsys: pytest.CaptureFixture[str], gold_folders: dict[str, Path], name: str
) -> None:
    result = _run_json(capsys, str(gold_folders[name]))
    assert set(result) == {"ours", "baseline"}
    for entry in result.values():
        assert entry.keys() >= KEYS
        assert entry["pages"] == 2
        assert 0.0 <= float(str(entry["f1"])) <= 1.0
    # the fictional pages are clean articles: both extractors should find most of the body
    assert float(str(result["ours"]["f1"])) > 0.8


def test_wcxb_mini_scores_metadata(
    capsys: pytest.CaptureFixture[str], gold_folders: dict[str, Path]
) -> None:
    ours = _run_json(capsys, str(gold_folders["wcxb-mini"]))["ours"]
    assert ours["title_accuracy"] == 1.0
    assert ours["author_accuracy"] == 1.0
    assert ours["date_accuracy"] == 1.0
    assert ours["date_invented_rate"] == 0.0  # the moss page has no date and must not get one


def test_table_names_both_extractors(
    capsys: pytest.CaptureFixture[str], gold_folders: dict[str, Path]
) -> None:
    assert main(["eval", "extraction", str(gold_folders["aeb-mini"]), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "wirelens" in out and "trafilatura" in out and "pages/s" in out


@pytest.mark.parametrize("args", [["nowhere-at-all"], [str(FIXTURES)]])
def test_bad_folder_is_one_line_error(capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main(["eval", "extraction", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("wirelens: error: ")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["aeb", "wcxb-dev-articles"])
def test_real_data_limit_20(capsys: pytest.CaptureFixture[str], name: str) -> None:
    folder: Path = REAL / name
    require(folder.is_dir(), f"extraction data not found at {folder}")
    result = _run_json(capsys, str(folder), "--limit", "20")
    for entry in result.values():
        assert entry.keys() >= KEYS
        assert entry["pages"] == 20
        assert float(str(entry["pages_per_s"])) > 0
    assert float(str(result["ours"]["f1"])) > 0.85
