"""Strict content scoring (pieces against gold fragments), the PolNeAR reader's fragments, the
correctness judged for confidence, the reliability table, and the confidence table's backoff.

The sentences are fictional, written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.attribute.confidence import MIN_SUPPORT, Table, cue_class, quote_marks
from wirelens.eval.attribution import Predicted, Scorer, judge, reliability
from wirelens.eval.standoff import Gold, GoldArticle, load_polnear

TEXT = '"The bridge will open," Mara Tull said on Friday. "Then the ferry stops."\n'


def _span(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


FIRST, SECOND = _span('"The bridge will open,"'), _span('"Then the ferry stops."')
GOLD = Gold(
    source=_span("Mara Tull"),
    cue=_span("said"),
    content=(FIRST[0], SECOND[1]),
    fragments=(FIRST, SECOND),
)


def _report(pred: Predicted) -> dict[str, dict[str, float]]:
    scorer = Scorer()
    scorer.add(GoldArticle("bridge", TEXT, ((GOLD,),)), [pred])
    return scorer.report()["content"]


def test_strict_scores_pieces_and_exact_only_the_ends() -> None:
    pieces = Predicted(GOLD.source, GOLD.cue, GOLD.content, pieces=(FIRST, SECOND))
    assert _report(pieces)["strict"]["f1"] == 1.0
    # one span over the tag: right ends, wrong pieces - exact credits it, strict does not
    one = Predicted(GOLD.source, GOLD.cue, GOLD.content)
    assert _report(one)["exact"]["f1"] == 1.0
    assert _report(one)["strict"]["f1"] == 0.0
    # only the first piece found: strict gives it half the recall, exact nothing
    half = Predicted(GOLD.source, GOLD.cue, FIRST, pieces=(FIRST,))
    assert _report(half)["strict"] == {"p": 1.0, "r": 0.5, "f1": 0.6667}
    assert _report(half)["exact"]["f1"] == 0.0


def test_reader_keeps_fragments(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "bridge.txt").write_text(TEXT, encoding="utf-8")
    ann = (
        f"T1\tSource {GOLD.source[0]} {GOLD.source[1]}\tMara Tull\n"
        f"T2\tCue {GOLD.cue[0]} {GOLD.cue[1]}\tsaid\n"
        f"T3\tContent {FIRST[0]} {FIRST[1]};{SECOND[0]} {SECOND[1]}\tx\n"
        "T4\tAttribution 0 1\tx\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    )
    (tmp_path / "attributions" / "bridge_ann1.ann").write_text(ann, encoding="utf-8")
    [article] = load_polnear(tmp_path)
    assert article.annotators[0][0] == GOLD


def test_judge_needs_content_and_cue_overlap() -> None:
    assert judge(TEXT, Predicted(None, _span("said"), FIRST), [GOLD])
    assert not judge(TEXT, Predicted(None, _span("Friday"), FIRST), [GOLD])
    assert judge(TEXT, Predicted(None, None, SECOND), [GOLD])
    only_first = Gold(source=None, cue=GOLD.cue, content=FIRST)
    assert not judge(TEXT, Predicted(None, None, _span("Then the ferry")), [only_first])


def test_reliability_and_ece() -> None:
    judged = [("p", 0.95, True)] * 9 + [("p", 0.95, False)] + [("q", 0.55, True)] * 5
    judged += [("q", 0.55, False)] * 5
    table = reliability(judged)
    assert [(b["bin"], b["n"], b["precision"]) for b in table["bins"]] == [
        ("0.5-0.6", 10, 0.5),
        ("0.9-1.0", 10, 0.9),
    ]
    assert table["ece"] == pytest.approx((0.05 * 10 + 0.05 * 10) / 20)
    assert table["precision"] == 0.7


def test_table_backs_off_and_shrinks() -> None:
    table = Table(
        {
            "balanced|verb.ccomp|name|say": (200, 180),
            "balanced|verb.ccomp|pronoun|say": (5, 0),  # too few: backs off to verb.ccomp
            "balanced|colon|none|none": (100, 50),
            "unbalanced|verb.ccomp|name|say": (40, 20),
        }
    )
    overall = 250 / 345

    def shrink(n: int, hits: int, parent: float) -> float:
        return (hits + 10 * parent) / (n + 10)

    balanced = shrink(305, 230, overall)
    ccomp = shrink(205, 180, balanced)
    named = shrink(200, 180, shrink(200, 180, ccomp))
    assert table.precision("balanced", "verb.ccomp", "name", "say") == round(named, 3)
    assert table.precision("balanced", "verb.ccomp", "pronoun", "say") == round(ccomp, 3)
    assert table.precision("balanced", "unseen", "name", "say") == round(balanced, 3)
    open_quote = table.precision("unbalanced", "verb.ccomp", "name", "say")
    assert open_quote < table.precision("balanced", "verb.ccomp", "name", "say")
    assert MIN_SUPPORT > 5


def test_quote_marks() -> None:
    assert quote_marks(['"We will stay," ', '"Then we go."']) == "balanced"
    assert quote_marks(['"We will stay, and nobody leaves']) == "unbalanced"
    assert quote_marks(["“Open ended"]) == "unbalanced"
    assert quote_marks(["the plan would fail"]) == "balanced"


def test_cue_classes() -> None:
    assert cue_class("say", "indirect") == "say"
    assert cue_class("tell", "direct") == "speech"
    assert cue_class(None, "direct") == "none"
    assert cue_class("according to", "according_to") == "according_to"
