"""Quality gate: wirelens' body F1 on a fixed subset of each benchmark must not fall.

The floors live in ``extraction_floor.json`` beside the sha256 of the gold files they were
measured on; a changed corpus fails the gate too (the floors then need re-measuring, with
``wirelens eval extraction DIR --limit N``). Floors sit a little below the measured scores so
noise does not fail the gate, a real regression does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SHARED, require
from wirelens.eval.body_extraction import Report, corpus_hash, load_pages, run_extractor
from wirelens.eval.extractors import wirelens_extractor

FLOORS: dict[str, dict[str, Any]] = json.loads(
    (Path(__file__).parent / "extraction_floor.json").read_text(encoding="utf-8")
)


def gate_failures(report: Report, spec: dict[str, Any]) -> list[str]:
    """What in ``report`` falls below the floors of ``spec`` (empty when the gate passes)."""
    failures = []
    measured = {"f1": report.scores.f1, "title_accuracy": report.accuracy("title_ok")}
    for key, floor in spec["floors"].items():
        value = measured[key]
        if value is None or value < floor:
            failures.append(f"{key} {_fmt(value)} below floor {floor}")
    return failures


def _fmt(value: float | None) -> str:
    return "none" if value is None else f"{value:.3f}"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_quality_floor(name: str) -> None:
    spec = FLOORS[name]
    folder = SHARED / "data" / "extraction" / name
    require(folder.is_dir(), f"extraction data not found at {folder}")
    assert corpus_hash(folder) == spec["sha256"], (
        f"{folder} changed since the floors were measured: re-measure extraction_floor.json"
    )
    variants, extract = wirelens_extractor()
    reports = run_extractor("wirelens", load_pages(folder, spec["pages"]), extract, variants)
    best = max(reports.values(), key=lambda r: r.scores.f1)
    assert gate_failures(best, spec) == []


def test_gate_can_fail() -> None:
    """The gate's check is real: a perfect-score floor fails on an imperfect report."""
    from wirelens.eval.body_extraction import PageResult

    report = Report("fake", [PageResult("p", (0.5, 0.25, 0.25), title_ok=False)])
    assert gate_failures(report, {"floors": {"f1": 0.99}}) == ["f1 0.667 below floor 0.99"]
    assert gate_failures(report, {"floors": {"title_accuracy": 0.5}})
    assert gate_failures(report, {"floors": {"f1": 0.4}}) == []
