"""Headline recasing for the parser (fictional text, written for this test)."""

from __future__ import annotations

from wirelens.attribute import extract
from wirelens.attribute.casing import recase

BODY = "The harbour master, Ines Calloway, said on Monday that the GOP plan would fail."


def test_title_case_line_is_recased_keeping_names_and_offsets() -> None:
    text = f"Harbour Master Ines Calloway Rejects GOP Ferry Plan\n{BODY}"
    out = recase(text)
    assert out.split("\n")[0] == "Harbour master Ines Calloway rejects GOP ferry plan"
    assert len(out) == len(text)
    assert out.split("\n")[1] == BODY


def test_ordinary_text_is_left_alone() -> None:
    assert recase(BODY) == BODY
    assert recase("") == ""


def test_a_title_case_headline_is_attributed_on_the_original_text() -> None:
    headline = "Mayor Denies Ferry Contract Was Rigged"
    text = f"{headline}\n\n{BODY}"
    got = [a for a in extract(text, scope="stance") if a.cue and a.cue.start < len(headline)]
    # the parser, shown the line as written, reads it as one long name and finds no cue
    assert [(a.cue.text if a.cue else None, a.quote.text) for a in got] == [
        ("Denies", "Ferry Contract Was Rigged")
    ]
    assert all(text[a.quote.start : a.quote.end] == a.quote.text for a in extract(text))
