"""``wirelens eval stories``: the metric on hand-made cases, the command on the fictional story
fixtures (tests/fixtures/stories), and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from wirelens.cli import main
from wirelens.eval.stories import GoldArticle, bcubed, score

GOLD = FIXTURES / "stories" / "articles.jsonl"


def test_bcubed_by_hand() -> None:
    # one predicted cluster for two gold stories: precision (2/3 + 2/3 + 1/3) / 3, recall 1
    assert bcubed(["a", "a", "b"], ["1", "1", "1"]) == {"p": 0.5556, "r": 1.0, "f1": 0.7143}
    # every item alone: precision 1, recall (1/2 + 1/2 + 1) / 3
    assert bcubed(["a", "a", "b"], ["1", "2", "3"]) == {"p": 1.0, "r": 0.6667, "f1": 0.8}
    assert bcubed(["a", "a", "b"], ["x", "x", "y"])["f1"] == 1.0


def test_hard_negatives_count_merged_events_of_a_topic() -> None:
    articles = [
        GoldArticle(text="t", label=label, topic=topic)
        for label, topic in (("q1", "q"), ("q1", "q"), ("q2", "q"), ("r1", "r"))
    ]
    report = score(articles, ["1", "1", "1", "2"])
    assert report["hard_negatives"] == {
        "topics": 1,  # only topic q has two events
        "topics_merged": 1,
        "cross_event_pairs": 2,
        "cross_event_pairs_merged": 2,
    }
    assert report["ari"] < 1.0


def test_eval_stories_on_the_fixtures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "stories", str(GOLD), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["articles"], report["gold_stories"]) == (6, 3)
    ours = report["ours"]
    assert ours["bcubed"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert ours["ari"] == 1.0
    assert ours["hard_negatives"]["topics_merged"] == 0
    assert set(report["baseline"]) >= {"bcubed", "ari", "stories", "seconds"}


def test_eval_stories_one_at_a_time_and_another_label(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "stories", str(GOLD), "--batch", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ours"]["bcubed"]["f1"] == 1.0
    assert main(["eval", "stories", str(GOLD), "--label", "topic", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["gold_stories"] == 2
    assert report["ours"]["bcubed"]["r"] < 1.0  # the two ferry stories are one topic


def test_eval_stories_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "stories", str(GOLD)]) == 0
    out = capsys.readouterr().out
    assert "B-cubed F1" in out and "ARI" in out and "topics with events merged" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "x", "cluster": "a"}\nnot json\n', ":2: not JSON"),
        ('{"text": "x"}\n', ":1: no gold label 'cluster'"),
        ('{"cluster": "a"}\n', ":1: no 'text'"),
        ("\n", "no articles"),
    ],
)
def test_bad_gold_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    assert main(["eval", "stories", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wirelens: error: ") and message in err
    assert "Traceback" not in err


def test_missing_gold_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "stories", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
