"""Article markup: quotes, cues and mentions marked without overlap, everything escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirelens.cli import main
from wirelens.model import Attribution, Cue, Hop, Span, Speaker
from wirelens.web.highlight import body_html, speaker_colours
from wirelens.web.render import safe_url, snippet_html

BODY = '"<b>Go</b>," said Ana Lee. "Stop," Bo Ray said & left.'


def _attribution(body: str, quote: str, speaker: str, cue: str, mention: str) -> Attribution:
    q, c, m = body.index(quote), body.index(cue), body.index(mention)
    return Attribution(
        kind="direct",
        quote=Span(text=quote, start=q, end=q + len(quote)),
        speaker=Speaker(name=speaker, mention=Span(text=mention, start=m, end=m + len(mention))),
        cue=Cue(text=cue, lemma="say", start=c, end=c + len(cue)),
        chain=(Hop(source="<i>Wire</i>", relation="agency"),),
        confidence=0.8,
    )


def test_body_marks_each_speaker_and_escapes() -> None:
    first = _attribution(BODY, '"<b>Go</b>,"', "Ana Lee", "said", "Ana Lee")
    second = _attribution(BODY, '"Stop,"', "Bo Ray", "said &", "Bo Ray")
    html = str(body_html(BODY, [first, second]))
    assert "<b>" not in html and "&lt;b&gt;Go&lt;/b&gt;" in html and "&amp;</span> left" in html
    assert html.count('<mark class="q c0"') == 1 and html.count('<mark class="q c1"') == 1
    assert 'class="who c0">Ana Lee</span>' in html and 'class="cue c1">said &amp;</span>' in html
    assert "&lt;i&gt;Wire&lt;/i&gt;" in html and "confidence 0.80" in html
    assert speaker_colours([first, second, first]) == {"Ana Lee": "c0", "Bo Ray": "c1"}


def test_overlapping_and_out_of_range_spans_are_dropped() -> None:
    whole = _attribution(BODY, '"<b>Go</b>," said Ana Lee.', "Ana Lee", "said", "Ana Lee")
    inner = _attribution(BODY, '"<b>Go</b>,"', "Other", "said", "Ana Lee")
    broken = Attribution(kind="direct", quote=Span(text="x", start=500, end=510))
    html = str(body_html(BODY, [whole, inner, broken]))
    assert html.count("<mark") == 1  # the earlier, longer span wins; the rest is plain text
    assert html.replace("<", "").count("Bo Ray") == 1


def test_safe_url_and_snippets() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JaVaScRiPt:x", "data:text/html,x", "//evil", None):
        assert safe_url(bad) is None
    assert (
        str(snippet_html("a [<b>] & [word]")) == "a <mark>&lt;b&gt;</mark> &amp; <mark>word</mark>"
    )


def test_serve_refuses_a_bad_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n")
    assert main(["serve", "--db", str(notes), "--port", "8399"]) == 2
    assert "not a SQLite database" in capsys.readouterr().err
