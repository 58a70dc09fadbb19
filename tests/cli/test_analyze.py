"""``wirelens analyze``: formats, exit statuses and errors, through ``wirelens.cli.main``.

The first group replaces :func:`wirelens.analyze` with a stub yielding a known Analysis, so the
output formats are checked exactly and independently of the engine's quality. The second group
runs the real pipeline (read -> clean -> attribute) on fixture files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import wirelens
from tests.conftest import FIXTURES
from wirelens.cli import main
from wirelens.errors import InputError
from wirelens.model import (
    Addressee,
    Analysis,
    Article,
    Attribution,
    Cue,
    Hop,
    Span,
    Speaker,
    content_id,
)

BODY = (
    'Dock workers will strike, the union said. "We walked away. Nobody should be surprised that '
    'the cranes are still standing idle and will stay idle for weeks to come," he told Radio Nord.'
)
ARTICLES = FIXTURES / "attribution"


def _analysis(title: str = "Dock strike goes on") -> Analysis:
    quote_text = BODY[BODY.index("We walked") : BODY.index(',"')]
    quote = Span(text=quote_text, start=BODY.index("We walked"), end=BODY.index(',"'))
    he = BODY.index("he told")
    radio = BODY.index("Radio Nord")
    attribution = Attribution(
        kind="direct",
        quote=quote,
        speaker=Speaker(mention=Span(text="he", start=he, end=he + 2), name="Teodor Marsh"),
        cue=Cue(text="told", lemma="tell", start=he + 3, end=he + 7),
        addressee=Addressee(name="Radio Nord", relation="told", start=radio, end=radio + 10),
        chain=(
            Hop(source="Radio Nord", relation="told", start=radio, end=radio + 10),
            Hop(source="Reuters", relation="agency"),
            Hop(source="The Courier", relation="outlet"),
        ),
        confidence=0.9,
    )
    article = Article(id=content_id(BODY), body=BODY, text=BODY, title=title, outlet="The Courier")
    return Analysis(article=article, attributions=(attribution,))


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace wirelens.analyze; record the options the command passes to it."""
    calls: list[dict[str, Any]] = []

    def fake(source: Any, **options: Any) -> Iterator[Analysis]:
        calls.append({"source": source, **options})
        names = source if isinstance(source, list) else [source]
        for name in names:
            if str(name).startswith("bad"):
                options["on_error"](str(name), InputError(f"{name}: not news"))
            elif str(name).startswith("fatal"):
                raise InputError(f"{name}: no such file")
            else:
                yield _analysis(title=f"Story {name}")

    monkeypatch.setattr(wirelens, "analyze", fake)
    return calls


def test_json_is_a_list_of_analyses(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "one", "two", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["article"]["title"] for d in data] == ["Story one", "Story two"]
    first = data[0]["attributions"][0]
    assert first["speaker"]["name"] == "Teodor Marsh"
    assert [h["source"] for h in first["chain"]] == ["Radio Nord", "Reuters", "The Courier"]
    assert BODY[first["quote"]["start"] : first["quote"]["end"]] == first["quote"]["text"]
    assert stub[0]["source"] == ["one", "two"]


def test_jsonl_is_one_analysis_per_line(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "one", "two", "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert [json.loads(line)["article"]["title"] for line in lines] == ["Story one", "Story two"]


def test_default_format_off_a_terminal_is_jsonl(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "one"]) == 0
    assert json.loads(capsys.readouterr().out)["attributions"][0]["kind"] == "direct"


def test_table_shows_speaker_kind_cue_quote_and_chain(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # wide enough that no cell wraps
    assert main(["analyze", "one", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("Story one")
    for column in ("speaker", "kind", "cue", "quote", "chain"):
        assert column in out
    flat = " ".join(out.split())
    assert "Teodor Marsh" in flat and " he " in flat  # canonical name, then the mention
    assert "direct" in flat and "told" in flat
    assert "Radio Nord -> Reuters -> The Courier" in flat
    assert "…" in out and "weeks to come" not in flat  # the long quote is truncated


def test_allow_private_is_passed_to_the_readers(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "one", "--allow-private", "--format", "jsonl"]) == 0
    assert stub[-1]["allow_private"] is True
    assert main(["analyze", "one", "--format", "jsonl"]) == 0
    assert stub[-1]["allow_private"] is None  # not given: the setting decides


def test_some_inputs_failing_exits_1_with_warnings(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "one", "bad.bin", "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "wirelens: warning: bad.bin: not news" in captured.err
    assert "1 input(s) could not be read; 1 article(s) analysed" in captured.err


def test_nothing_readable_exits_2(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "bad1", "bad2", "--format", "jsonl"]) == 2
    assert "wirelens: error: nothing could be analysed" in capsys.readouterr().err


def test_a_bad_single_source_is_one_error_line(
    stub: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["analyze", "fatal.txt", "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "wirelens: error: fatal.txt: no such file"


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "x", "--format", "xml"]) == 2
    assert "xml" in capsys.readouterr().err


# The real pipeline ------------------------------------------------------------------------------


def test_real_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wirelens: error:") and len(err.strip().splitlines()) == 1


def test_real_private_url_refused_without_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "http://10.0.0.1/story.html", "--format", "jsonl"]) == 2
    assert capsys.readouterr().err.startswith("wirelens: error:")


def test_real_fixture_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    path = ARTICLES / "reuters-dock-strike.txt"
    assert main(["analyze", str(path), "--format", "json"]) == 0
    [data] = json.loads(capsys.readouterr().out)
    body = data["article"]["body"]
    assert data["attributions"], "the fixture has seven attributions"
    for a in data["attributions"]:
        assert body[a["quote"]["start"] : a["quote"]["end"]] == a["quote"]["text"]
    assert any(
        a["speaker"] and a["speaker"]["name"] == "Teodor Marsh" for a in data["attributions"]
    )


def test_real_folder_with_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text(
        (ARTICLES / "ap-clinic-nurses.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "bad.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path), "--format", "jsonl"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 1
    assert "wirelens: warning:" in captured.err and "bad.txt" in captured.err


def test_real_table(capsys: pytest.CaptureFixture[str]) -> None:
    path = ARTICLES / "afp-glacier-melt.txt"
    assert main(["analyze", str(path), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "Marchetti" in out and "->" in out
    assert "Traceback" not in out
