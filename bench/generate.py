"""Deterministic generator of fictional news articles for benchmarks.

``python -m bench.generate --n 10000 --out DIR|FILE.jsonl [--seed 1]`` writes N articles built
from the sample corpus' storylines (examples/corpus): invented people, places, outlets and a
wire agency, varied so that every article has its own content hash. Everything is fictional.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

FIRST = [
    "Ilse",
    "Tomas",
    "Marta",
    "Paul",
    "Anna",
    "Dana",
    "Owen",
    "Lena",
    "Karl",
    "Nadia",
    "Piet",
    "Sofia",
    "Ravi",
    "Jonas",
    "Mira",
    "Erik",
]
LAST = [
    "Varga",
    "Berg",
    "Jensen",
    "Smith",
    "Reyes",
    "Holt",
    "Lund",
    "Okafor",
    "Brandt",
    "Novak",
    "Sato",
    "Ferreira",
    "Quinn",
    "Dahl",
]
ROLES = [
    "Harbour Minister",
    "Union leader",
    "Council leader",
    "Transport analyst",
    "Finance Minister",
    "port authority spokeswoman",
    "Health Minister",
    "Mayor",
]
PLACES = ["Vesthavn", "Norby", "Skarvoy", "Lindmark", "Ostrand", "Havre", "Kelsey", "Brill"]
TOPICS = [
    ("dock strike", "wage talks"),
    ("ferry subsidy", "island routes"),
    ("flood defences", "river barrier"),
    ("interest rates", "mortgage costs"),
    ("hospital waits", "night shifts"),
    ("rail tender", "signal upgrade"),
]
OUTLETS = [
    "DailyScroll",
    "The Norvale Courier",
    "Coastline Radio",
    "Harbour Post",
    "Lake Gazette",
    "Northern Ledger",
    "Metro Brief",
    "Island Voice",
]
VERBS = ["said", "told reporters", "warned", "added", "insisted"]
MONTHS = "January February March April May June July August September October November December"


def article(rng: random.Random, i: int) -> dict[str, str]:
    """One fictional article as {"text", "outlet", "published"}."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    other = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role, place = rng.choice(ROLES), rng.choice(PLACES)
    topic, detail = rng.choice(TOPICS)
    month, day = rng.choice(MONTHS.split()), rng.randint(1, 28)
    outlet = rng.choice(OUTLETS)
    n = rng.randint(2, 90)
    surname = name.rsplit(maxsplit=1)[-1]
    paragraphs = [
        f"{place} {topic}: {surname} sets out plan on {detail} (item {i})",
        f"{place.upper()}, {month} {day} (NWS) - {role} {name} said on Monday that the "
        f"{detail} would be reviewed within {n} days, as pressure grew over the {topic}.",
        f'"We will not tolerate further delays on the {detail}," {surname} '
        f"{rng.choice(VERBS)}, according to state broadcaster NRK-Norvale.",
        f"{other}, who chairs the {place} residents' group, told the {outlet} that people "
        f'had waited {n + 3} weeks for an answer and were "running out of patience".',
        f"He added that a public meeting would be held on {month} {day + 1}. (NWS)",
    ]
    if rng.random() < 0.5:  # vary paragraph order so copies differ beyond names and numbers
        paragraphs[3], paragraphs[4] = paragraphs[4], paragraphs[3]
    return {
        "text": "\n\n".join(paragraphs) + "\n",
        "outlet": outlet,
        "published": f"2026-{MONTHS.split().index(month) + 1:02d}-{day:02d}",
    }


def generate(n: int, seed: int = 1) -> Iterator[dict[str, str]]:
    """N articles, the same for the same seed."""
    rng = random.Random(seed)
    for i in range(n):
        yield article(rng, i)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="a folder, or a .jsonl file")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    args = parser.parse_args()
    if args.out.suffix == ".jsonl":
        with args.out.open("w", encoding="utf-8") as fh:
            for item in generate(args.n, args.seed):
                fh.write(json.dumps(item) + "\n")
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, item in enumerate(generate(args.n, args.seed)):
            (args.out / f"article-{i:06d}.txt").write_text(item["text"], encoding="utf-8")
    print(f"wrote {args.n} fictional articles to {args.out}")


if __name__ == "__main__":
    main()
