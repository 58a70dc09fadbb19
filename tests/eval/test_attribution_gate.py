"""Quality gate: wirelens on PolNeAR dev must stay above its pinned exact-F1 floors and its
strict-content floor, keep its confidence calibrated (ECE ceiling), and stay above textacy's
direct_quotations scored the same way in the same run.

The floor file pins the sha256 of the gold files it was measured on: if the data changes, the
gate fails loudly instead of comparing against numbers from another corpus.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import SHARED, require
from wirelens.eval.attribution import Scorer, baseline_predictor, wirelens_predictor
from wirelens.eval.standoff import load_polnear

FLOOR = json.loads((Path(__file__).parent / "attribution_floor.json").read_text())
DEV = SHARED / "data" / "polnear" / "dev"


def _corpus_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((DEV / "attributions").glob("*.ann")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_polnear_dev_floor_and_baseline() -> None:
    require(DEV.is_dir(), f"PolNeAR dev not found at {DEV}")
    assert _corpus_hash() == FLOOR["sha256"], "PolNeAR dev changed: re-measure and re-pin"
    articles = load_polnear(DEV)
    ours, baseline = Scorer(), Scorer()
    predict, base = wirelens_predictor(FLOOR["scope"]), baseline_predictor()
    for article in articles:
        ours.run(article, predict)
        baseline.run(article, base)
    got, base_report = ours.report(), baseline.report()
    assert got["raised"] == 0
    # the baseline really ran (textacy needs lemmas; a pipeline without them scores zero)
    assert base_report["source"]["exact"]["f1"] > 0.1
    for part, floor in FLOOR["floor_exact_f1"].items():
        f1 = got[part]["exact"]["f1"]
        assert f1 >= floor, f"{part} exact F1 {f1} fell below the floor {floor}"
        assert f1 > base_report[part]["exact"]["f1"], f"{part}: not above textacy"
    strict = got["content"]["strict"]["f1"]
    assert strict >= FLOOR["floor_strict_content_f1"], f"strict content F1 {strict} fell"
    # confidence is the precision measured on train: on dev it must stay calibrated
    ece = got["calibration"]["ece"]
    assert ece <= FLOOR["max_ece"], f"expected calibration error {ece} above {FLOOR['max_ece']}"
