"""Speaker identity scoring (issue 15): the name rule, matching, the gold file and the command."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SHARED, require
from wirelens.cli import main
from wirelens.errors import EvalError
from wirelens.eval.speakers import (
    MENTION_TYPES,
    GoldSource,
    Mention,
    SpeakerScorer,
    equivalent,
    load_gold,
    match,
)

MINI_GOLD = FIXTURES / "eval" / "standoff-mini" / "ferry-fares.speakers.tsv"


@pytest.mark.parametrize(
    ("predicted", "gold", "article", "same"),
    [
        ("Donald J. Trump", "Donald Trump", (), True),
        ("Mr. Obama", "Barack Obama", (), True),
        ("trump", "Donald Trump", ("Donald Trump",), True),
        # a namesake in the article: a bare surname does not say which Trump
        ("Trump", "Donald Trump", ("Donald Trump", "Ivana Trump"), False),
        ("Ivana Trump", "Donald Trump", (), False),
        ("Michelle Obama", "Barack Obama", (), False),
        ("IMF", "International Monetary Fund", (), True),
        ("AROS", "Alliance to Reclaim Our Schools", (), True),
        ("The Times", "New York Times", (), True),
        ("Trump", "Trump campaign", (), False),
        ("Clinton campaign", "Trump campaign", (), False),
        ("Washington Post", "New York Post", (), False),
        (None, "Donald Trump", (), False),
        ("François Hollande", "Francois Hollande", (), True),
    ],
)
def test_name_equivalence(
    predicted: str | None, gold: str, article: tuple[str, ...], same: bool
) -> None:
    assert equivalent(predicted, gold, article) is same


TEXT = 'Mayor Ann Lee spoke first. "We will not wait," she said, according to the Daily Tern.'


def _at(s: str) -> tuple[int, int]:
    i = TEXT.index(s)
    return i, i + len(s)


def _gold(s: str, kind: str, name: str) -> GoldSource:
    start, end = _at(s)
    return GoldSource("t", start, end, kind, name, "read")


def test_matching_is_one_to_one_by_overlap_and_prefers_speakers_over_hops() -> None:
    golds = [_gold("she", "pronoun", "Ann Lee"), _gold("the Daily Tern", "organisation", "x")]
    she, tern = _at("she"), _at("Daily Tern")
    mentions = [
        Mention(tern[0], tern[1], "Daily Tern", hop=True),
        Mention(she[0], she[1] + 5, "Ann Lee"),  # "she said": overlaps the gold "she"
        Mention(she[0], she[1], "Someone", hop=True),
    ]
    assert match(TEXT, golds, mentions) == {0: 1, 1: 0}


def test_scorer_counts_accuracy_by_type_and_skips_unknown_referents() -> None:
    golds = [
        _gold("Mayor Ann Lee", "full name", "Ann Lee"),
        _gold("she", "pronoun", "Ann Lee"),
        _gold("the Daily Tern", "organisation", "unknown"),
    ]
    lee, she = _at("Mayor Ann Lee"), _at("she")
    mentions = [Mention(lee[0], lee[1], "Ann Lee"), Mention(she[0], she[1], "Bob Stone")]
    scorer = SpeakerScorer()
    scorer.add(TEXT, golds, mentions, lambda _text, _span: "Ann Lee")
    report = scorer.report()
    assert report["ours"]["full name"] == {"accuracy": 1.0, "n": 1}
    assert report["ours"]["pronoun"] == {"accuracy": 0.0, "n": 1}
    assert report["ours"]["overall"] == {"accuracy": 0.5, "n": 2}
    assert report["baseline"]["overall"]["accuracy"] == 1.0
    assert report["baseline_all"]["overall"]["n"] == 2
    assert (report["gold"], report["unknown"], report["matched"]) == (3, 1, round(2 / 3, 4))
    assert [e["gold"] for e in scorer.errors] == ["Ann Lee"]


def test_shipped_gold_is_standoff_and_large_enough() -> None:
    gold = load_gold()
    read = [g for g in gold if g.labelled == "read"]
    assert len(read) >= 600
    assert {g.type for g in gold} <= set(MENTION_TYPES)
    assert len({g.article for g in gold}) >= 83
    assert Counter(g.labelled for g in gold).keys() <= {"read", "auto"}
    assert all(g.labelled == "read" for g in gold if g.type != "full name")
    # names labelled automatically are offsets into the corpus, never text copied from it
    assert all(re.fullmatch(r"@\d+-\d+", g.canonical) for g in gold if g.labelled == "auto")


def test_shipped_gold_fits_the_polnear_dev_texts() -> None:
    dev = SHARED / "data" / "polnear" / "dev" / "text"
    require(dev.is_dir(), f"PolNeAR dev not found at {dev}")
    for g in load_gold():
        text = (dev / f"{g.article}.txt").read_text(encoding="utf-8")
        assert g.end <= len(text) and text[g.start : g.end].strip(), g
        named = g.named(text)
        assert named.canonical.strip() and not re.fullmatch(r"@\d+-\d+", named.canonical), g
        if g.labelled == "auto":  # the name lies inside its source span
            assert named.canonical in text[g.start : g.end], g


def test_bad_gold_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "gold.tsv"
    bad.write_text("article\tstart\n", encoding="utf-8")
    with pytest.raises(EvalError, match="expected a header"):
        load_gold(bad)
    bad.write_text(MINI_GOLD.read_text(encoding="utf-8") + "x\t1\t2\tpoem\tY\tread\n")
    with pytest.raises(EvalError, match="bad type"):
        load_gold(bad)


def test_command_scores_a_folder_against_a_gold_file(
    polnear_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["eval", "speakers", str(polnear_folder), "--gold", str(MINI_GOLD), "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["gold"], report["unknown"], report["articles"]) == (3, 1, 1)
    assert report["ours"]["full name"] == {"accuracy": 1.0, "n": 1}
    assert report["ours"]["pronoun"] == {"accuracy": 1.0, "n": 1}
    assert set(report) >= {"ours", "baseline", "baseline_all", "matched"}


def test_command_rejects_gold_for_articles_the_folder_lacks(
    polnear_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text(MINI_GOLD.read_text(encoding="utf-8") + "elsewhere\t1\t5\tpronoun\tX\tread\n")
    assert main(["eval", "speakers", str(polnear_folder), "--gold", str(gold)]) == 2
    assert "annotated articles missing" in capsys.readouterr().err


def test_shipped_train_gold_is_a_second_standoff_split() -> None:
    gold = load_gold(split="train")
    read = [g for g in gold if g.labelled == "read"]
    assert len(read) >= 200 and len({g.article for g in gold}) >= 20
    assert all(g.labelled == "read" for g in gold if g.type != "full name")
    assert all(re.fullmatch(r"@\d+-\d+", g.canonical) for g in gold if g.labelled == "auto")
    assert not {g.article for g in gold} & {g.article for g in load_gold()}  # no dev article
    with pytest.raises(EvalError, match="no shipped speaker gold"):
        load_gold(split="test")


def test_shipped_train_gold_fits_the_polnear_train_texts() -> None:
    train = SHARED / "data" / "polnear" / "train" / "text"
    require(train.is_dir(), f"PolNeAR train not found at {train}")
    for g in load_gold(split="train"):
        text = (train / f"{g.article}.txt").read_text(encoding="utf-8")
        assert g.end <= len(text) and text[g.start : g.end].strip(), g
        if g.labelled == "auto":  # the name lies inside its source span
            assert g.named(text).canonical in text[g.start : g.end], g


def test_header_comment_lines_are_skipped_and_line_numbers_kept(tmp_path: Path) -> None:
    bad = tmp_path / "gold.tsv"
    body = MINI_GOLD.read_text(encoding="utf-8")
    bad.write_text("# how it was made\n# by reading\n" + body + "x\t1\t2\tpoem\tY\tread\n")
    rows = len(body.splitlines())
    with pytest.raises(EvalError, match=f"gold.tsv:{rows + 3}: bad type"):
        load_gold(bad)
    bad.write_text("# how it was made\n" + body, encoding="utf-8")
    assert len(load_gold(bad)) == rows - 1


def test_command_takes_the_split_and_checks_it_fits_the_folder(
    polnear_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "speakers", str(polnear_folder), "--split", "train"]) == 2
    assert "annotated articles missing" in capsys.readouterr().err
