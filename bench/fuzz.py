"""Robustness probe: attribution over mutated real news and word soup, crashes grouped by cause.

``python -m bench.fuzz [--shared ../shared] [--seconds 600] [--seed 1] [--out FILE]``

Not a speed benchmark: it looks for the inputs that make :func:`wirelens.attribute.extract`
raise, or return a record that is not a record (offsets that do not index the text, an empty
quote, an empty speaker mention). Two generators, alternated:

* **mutations** of a random stretch of a PolNeAR text (read by path from ``--shared``; nothing
  is copied into the repository): quote marks, colons, line breaks, dashes, "said" and
  "according to" inserted; stretches deleted, repeated or re-cased - what scraping and
  boilerplate removal do to news;
* **word soup**: news words, names, every quote mark, control and zero-width characters in
  random order, with and without spaces.

Each failure is grouped by its exception and the innermost wirelens frame, and the first of
each group is shrunk (characters removed while it still fails) so the cause shows. Prints one
line per group and writes them, with the counts, to ``--out`` (JSON). Found this way (session
11): a colon after punctuation only ("—: ...") and "according to" before a double space.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: What mutations insert: the marks and phrases that attribution rules react to.
INSERTS = (
    *('"', "“", "”", "‘", "’", "'", "''", "``", "«", "»", ":", "\n", "\n\n", "—", "— "),
    *("(", ")", ".", "?", "\u200b", "\r", "\t", "Mr. ", "Q: ", "A: "),
    *(" said ", " he said", ", she told ", " according to "),
)
_SOUP_WORDS = """
said says told added according to the minister Mr. Smith Jane Doe he she they it : ; , . ? ! - —
( ) [ ] President Reuters (ANI) Also Read: Photo: by staff reporter WASHINGTON claimed that his
spokesman in a statement to Al Jazeera on Tuesday 2:45 p.m. Q: A: 'We will', Mira Holt 5
percent 1990s' don't é ß 中文
"""
SOUP = _SOUP_WORDS.split()


def mutate(rng: random.Random, text: str) -> str:
    """A stretch of ``text`` (50 to 1,500 characters) with 1 to 25 edits."""
    start = rng.randrange(max(1, len(text) - 1500))
    chars = list(text[start : start + rng.randint(50, 1500)])
    for _ in range(rng.randint(1, 25)):
        at, op = rng.randrange(len(chars) + 1), rng.random()
        if op < 0.5:
            chars[at:at] = list(rng.choice(INSERTS))
        elif op < 0.75:
            del chars[at : at + rng.randint(1, 20)]
        elif op < 0.85 and chars:
            chars[at:at] = chars[rng.randrange(len(chars)) :][: rng.randint(1, 200)]
        else:
            end = min(len(chars), at + rng.randint(1, 100))
            piece = "".join(chars[at:end])
            chars[at:end] = list(piece.upper() if rng.random() < 0.5 else piece.lower())
    return "".join(chars)


def soup(rng: random.Random) -> str:
    """Word soup: 1 to 120 pieces, joined by spaces or not at all."""
    pieces = [*SOUP, '"', "“", "”", "‘", "’", "'", "\n", "\n\n", "\u200b", "\ufeff", "\r"]
    words = [rng.choice(pieces) for _ in range(rng.randint(1, 120))]
    return ("" if rng.random() < 0.3 else " ").join(words)


def problem(extract: Callable[[str], Sequence[Any]], text: str) -> str | None:
    """Why ``text`` fails (exception and innermost wirelens frame, or the broken record), or
    None when every attribution is a well-formed record."""
    from wirelens.errors import WirelensError

    try:
        found = extract(text)
    except WirelensError:
        return None
    except Exception as exc:  # what the probe is looking for
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "wirelens" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].name}" if frames else "?"
        return f"{type(exc).__name__} in {where}"
    for a in found:
        if text[a.quote.start : a.quote.end] != a.quote.text or not a.quote.text.strip():
            return "quote offsets or empty quote"
        if a.cue and text[a.cue.start : a.cue.end] != a.cue.text:
            return "cue offsets"
        mention = a.speaker.mention if a.speaker else None
        if mention and (text[mention.start : mention.end] != mention.text or not mention.text):
            return "speaker mention offsets or empty mention"
    return None


def shrink(extract: Callable[[str], Sequence[Any]], text: str, why: str) -> str:
    """``text`` with characters removed (halves, then smaller pieces) while it fails as ``why``."""
    parts = 2
    while len(text) > 1:
        size, smaller = max(1, len(text) // parts), False
        for at in range(0, len(text), size):
            candidate = text[:at] + text[at + size :]
            if candidate and problem(extract, candidate) == why:
                text, parts, smaller = candidate, max(parts - 1, 2), True
                break
        if not smaller:
            if size == 1:
                break
            parts = min(len(text), parts * 2)
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--seconds", type=float, default=600, help="how long to probe")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "fuzz.json")
    args = parser.parse_args(argv)
    from wirelens.attribute import extract, setup

    setup()
    folder = args.shared / "data" / "polnear"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*/text/*.txt"))]
    if not texts:
        parser.error(f"no PolNeAR texts under {folder}: give --shared")
    rng = random.Random(args.seed)
    groups: dict[str, dict[str, Any]] = {}
    tried, started = 0, time.monotonic()
    while time.monotonic() - started < args.seconds:
        text = mutate(rng, rng.choice(texts)) if tried % 2 == 0 else soup(rng)
        tried += 1
        why = problem(extract, text)
        if why is None:
            continue
        if why not in groups:
            groups[why] = {"count": 0, "shrunk": shrink(extract, text, why)}
            print(f"{why}: {groups[why]['shrunk']!r}", flush=True)
        groups[why]["count"] += 1
    report = {"seed": args.seed, "seconds": args.seconds, "texts": tried, "failures": groups}
    failures = sum(g["count"] for g in groups.values())
    print(f"{tried} texts, {failures} failures in {len(groups)} groups")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 1 if groups else 0


if __name__ == "__main__":
    raise SystemExit(main())
