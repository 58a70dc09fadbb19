"""The PolNeAR reader and the attribution metric, on hand-computed cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SHARED, require
from wirelens.cli import main
from wirelens.errors import EvalError
from wirelens.eval.attribution import Predicted, Scorer
from wirelens.eval.standoff import Gold, GoldArticle, load_polnear


def _span(text: str, s: str) -> tuple[int, int]:
    i = text.index(s)
    return i, i + len(s)


def test_reader_groups_annotators_per_article(polnear_folder: Path) -> None:
    [article] = load_polnear(polnear_folder)
    assert article.name == "ferry-fares"
    assert [len(a) for a in article.annotators] == [3, 2]
    gold = article.annotators[0][0]
    assert gold.source is not None
    assert article.text[gold.source[0] : gold.source[1]] == "Mayor Ellen Brask"


def test_unknown_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="not a PolNeAR folder"):
        load_polnear(tmp_path)


TEXT = 'Ann Lee said the plan "will fail badly" next year.'
GOLD = Gold(
    source=_span(TEXT, "Ann Lee"),
    cue=_span(TEXT, "said"),
    content=_span(TEXT, 'the plan "will fail badly" next year'),
)


def _score(preds: list[Predicted], annotators: tuple[tuple[Gold, ...], ...] = ((GOLD,),)) -> dict:
    scorer = Scorer()
    scorer.add(GoldArticle("t", TEXT, annotators), preds)
    return scorer.report()


def test_exact_match_ignores_edge_punctuation() -> None:
    content = _span(TEXT, 'the plan "will fail badly" next year.')  # trailing period
    report = _score([Predicted(GOLD.source, GOLD.cue, content)])
    for part in ("source", "cue", "content", "attribution"):
        assert report[part]["exact"]["f1"] == 1.0


def test_overlap_gives_token_credit_where_exact_gives_none() -> None:
    content = _span(TEXT, "the plan")  # 2 of 7 gold tokens, all predicted tokens right
    report = _score([Predicted(GOLD.source, GOLD.cue, content)])
    assert report["content"]["exact"]["f1"] == 0.0
    assert report["content"]["overlap"]["p"] == 1.0
    assert report["content"]["overlap"]["r"] == pytest.approx(2 / 7, abs=1e-3)


def test_overlap_credit_does_not_depend_on_where_the_spans_start() -> None:
    content = _span(TEXT, "will fail badly")  # starts inside the gold: 3 of 7 gold tokens
    report = _score([Predicted(GOLD.source, GOLD.cue, content)])
    assert report["content"]["overlap"]["p"] == 1.0
    assert report["content"]["overlap"]["r"] == pytest.approx(3 / 7, abs=1e-3)
    wider = _span(TEXT, 'Ann Lee said the plan "will fail badly"')  # 5 of its 8 tokens are gold
    report = _score([Predicted(GOLD.source, GOLD.cue, wider)])
    assert report["content"]["overlap"]["p"] == pytest.approx(5 / 8, abs=1e-3)
    assert report["content"]["overlap"]["r"] == pytest.approx(5 / 7, abs=1e-3)


def test_matching_is_one_to_one() -> None:
    twice = [Predicted(GOLD.source, GOLD.cue, GOLD.content)] * 2
    report = _score(twice)
    assert report["cue"]["exact"]["p"] == 0.5
    assert report["cue"]["exact"]["r"] == 1.0


def test_missing_source_matches_missing_source_only() -> None:
    no_source = Gold(None, GOLD.cue, GOLD.content)
    ok = _score([Predicted(None, GOLD.cue, GOLD.content)], ((no_source,),))
    assert ok["attribution"]["exact"]["f1"] == 1.0
    wrong = _score([Predicted(GOLD.source, GOLD.cue, GOLD.content)], ((no_source,),))
    assert wrong["attribution"]["exact"]["f1"] == 0.0


def test_several_annotators_are_averaged() -> None:
    other = Gold(GOLD.source, _span(TEXT, "Ann"), GOLD.content)  # disagrees on the cue
    report = _score([Predicted(GOLD.source, GOLD.cue, GOLD.content)], ((GOLD,), (other,)))
    assert report["cue"]["exact"]["r"] == 0.5
    assert report["source"]["exact"]["r"] == 1.0


def test_cli_json_has_the_contract_keys(
    capsys: pytest.CaptureFixture[str], polnear_folder: Path
) -> None:
    assert main(["eval", "attribution", str(polnear_folder), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"ours", "baseline"}
    for system in report.values():
        for part in ("source", "cue", "content", "attribution"):
            modes = {"exact", "overlap", "strict"} if part == "content" else {"exact", "overlap"}
            assert set(system[part]) == modes
            assert set(system[part]["exact"]) == {"p", "r", "f1"}
        assert system["articles_per_s"] > 0
    # issue 15: wirelens' confidence against its observed precision (the baseline has none)
    calibration = report["ours"]["calibration"]
    assert {"bins", "ece", "predictions", "precision"} <= set(calibration)
    assert calibration["predictions"] == sum(b["n"] for b in calibration["bins"]) > 0
    assert "calibration" not in report["baseline"]
    # the mini article is easy: wirelens finds the said/told/according-to attributions
    assert report["ours"]["cue"]["exact"]["r"] >= 0.6


def test_cli_bad_folder_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "attribution", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("wirelens: error:")


def test_real_polnear_dev_runs() -> None:
    dev = SHARED / "data" / "polnear" / "dev"
    require(dev.is_dir(), f"PolNeAR dev not found at {dev}")
    articles = load_polnear(dev, limit=3)
    scorer = Scorer()
    from wirelens.eval.attribution import wirelens_predictor

    predict = wirelens_predictor()
    for article in articles:
        scorer.run(article, predict)
    report = scorer.report()
    assert report["articles"] == 3 and report["raised"] == 0
    assert report["source"]["exact"]["f1"] > 0.3


def test_adapter_keeps_an_attribution_between_two_pieces_of_a_quote() -> None:
    # PolNeAR drops nested attributions; a tag between the pieces of a quote is not nested
    from wirelens.eval.attribution import wirelens_predictor

    text = (
        '"The fares must come down," the mayor said, referring to the island ferry. '
        '"Families cannot pay this."'
    )
    predicted = wirelens_predictor("stance")(text)
    contents = {text[p.content[0] : p.content[1]] for p in predicted}
    assert "the island ferry" in contents
    whole = '"The fares must come down," the mayor said, referring to the island ferry. '
    assert whole + '"Families cannot pay this."' in contents


def test_adapter_skips_what_analyze_cuts_from_the_body() -> None:
    # the benchmark attributes raw text; an editor's note is boilerplate, never the story
    from wirelens.eval.attribution import wirelens_predictor

    text = (
        "The harbour master said the pier would reopen in June.\n\n"
        "Editor’s note: The mayor has repeatedly pledged to close the pier."
    )
    predicted = wirelens_predictor("stance")(text)
    cues = [text[p.cue[0] : p.cue[1]] for p in predicted if p.cue]
    assert cues == ["said"]
