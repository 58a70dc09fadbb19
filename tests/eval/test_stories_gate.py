"""Quality gate: story linking on ECB+ must keep B-cubed F1 and ARI above their pinned floors,
stay above the TF-IDF average-linkage baseline scored in the same run, and keep the two events
of a topic apart in most topics.

The floor file pins the sha256 of the gold file it was measured on: if the data changes, the
gate fails loudly instead of comparing against numbers from another corpus.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import SHARED, require
from wirelens.eval.stories import load_jsonl, predict_baseline, predict_ours, score

FLOOR = json.loads((Path(__file__).parent / "stories_floor.json").read_text())
ECBPLUS = SHARED / "data" / "stories" / "ecbplus_docs.jsonl"


def test_ecbplus_floor_and_baseline() -> None:
    require(ECBPLUS.is_file(), f"ECB+ documents not found at {ECBPLUS}")
    assert hashlib.sha256(ECBPLUS.read_bytes()).hexdigest() == FLOOR["sha256"], (
        "ECB+ file changed: re-measure and re-pin"
    )
    articles = load_jsonl(ECBPLUS)
    ours = score(articles, predict_ours(articles))
    baseline = score(articles, predict_baseline(articles))
    f1 = ours["bcubed"]["f1"]
    assert f1 >= FLOOR["floor_bcubed_f1"], f"B-cubed F1 {f1} fell below the floor"
    assert ours["ari"] >= FLOOR["floor_ari"], f"ARI {ours['ari']} fell below the floor"
    assert f1 > baseline["bcubed"]["f1"], f"not above the baseline ({baseline['bcubed']})"
    # the baseline really ran: it clusters ECB+ far better than chance
    assert baseline["bcubed"]["f1"] > 0.8
    merged = ours["hard_negatives"]["topics_merged"]
    assert merged <= FLOOR["most_topics_merged"], f"events merged in {merged} topics"
