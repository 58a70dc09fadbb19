"""Bylines and the stopword language guess."""

from __future__ import annotations

import pytest

from wirelens.meta.byline import parse_byline
from wirelens.meta.language import detect_language


@pytest.mark.parametrize(
    ("line", "authors", "agency"),
    [
        ("By Jane Doe", ("Jane Doe",), None),
        ("By JANE DOE and JOHN ROE, Associated Press", ("Jane Doe", "John Roe"), "AP"),
        ("Jane Doe | Reuters", ("Jane Doe",), "Reuters"),
        ("By Priya Nandakumar, Staff Writer", ("Priya Nandakumar",), None),
        ("Posted by Tom Okafor on March 3, 2025", ("Tom Okafor",), None),
        ("By Mira Sol-Varga and Kenji Aoyama", ("Mira Sol-Varga", "Kenji Aoyama"), None),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...], agency: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.agency == agency


@pytest.mark.parametrize(
    "line", ["By the way, this is not a byline", "Jane Doe said that", "", "By 2030 prices rise"]
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The minister said on Monday that the talks would go on and he was hopeful.", "en"),
        ("Le ministre a déclaré lundi que les discussions se poursuivraient.", "fr"),
        ("Der Minister sagte am Montag, dass die Gespräche fortgesetzt werden.", "de"),
        ("El ministro dijo el lunes que las conversaciones con los socios seguirán.", "es"),
        ("Il ministro ha detto lunedì che i colloqui con i partner continueranno.", "it"),
        ("Министр заявил в понедельник, что переговоры продолжатся.", "ru"),
        ("وقال الوزير يوم الاثنين إن المحادثات ستستمر", "ar"),
        ("Share Now", None),
    ],
)  # fmt: skip
def test_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang
