"""The synthetic syndication benchmark behind ``wirelens eval syndication``.

No public gold set of wire copies exists, so one is generated - reproducibly, from a fixed seed
- out of ECB+ (``stories/ecbplus_docs.jsonl``: 982 news documents, gold story ``cluster``).

How the benchmark is built:

1. **Wire originals.** Every ECB+ document with at least four sentences (URL lines dropped)
   becomes a wire story of the fictional agency Northern Wire Service: its first line is the
   headline when it looks like one (15 words at most, no full stop), else the first 12 words
   of the lede are; sentences are grouped into paragraphs of one or two;
   it ends with the ``(NWS)`` sign-off and gets a publication time. ECB+ itself holds some
   real-world copies: it collected several outlets' versions of one wire or press-release
   text (e.g. one AFP report of a Paris jewellery heist on Yahoo and on City Press, 75% of
   shingles shared). Of two documents of a topic sharing at least half of the smaller one's
   3-word shingles (``NEAR_DUPLICATE``, fixed here and not the linker's own threshold), only
   the first by ``doc_id`` is kept, so that a pair counted as a false positive is two
   different articles. The count is reported. (At 0.8 instead, 35 are dropped and the
   remaining 0.5-0.8 pairs - copies in fact - cost about seven points of precision.)
2. **Copies.** Each original is republished by ``copies`` (default 3) of four fictional
   aggregators, each with its own **wrapper** (section label on the headline, a site blurb
   opening the text, a disclaimer and share line at the end) and a **time shift** (5 minutes
   to 36 hours later). Each copy then gets, each with probability one half (at least one):
   ``also_read`` (one or two "Also Read | <another headline>" lines between paragraphs),
   ``truncated`` (only the first 50-80% of paragraphs kept, at least two, sign-off re-added),
   ``lede`` (the first sentence rewritten around its names and numbers), ``reordered`` (two
   later paragraphs swapped) and ``headline`` (a new headline).
3. **Hard negatives.** All originals are in the same corpus, so the other documents of the
   same gold story (ECB+ has about eleven per story, on the same event or its twin event
   of the same topic) and their copies are there to be wrongly joined.
4. Every document goes through the real pipeline (``clean`` on the raw text, then the store
   and :func:`wirelens.link.link` in a temporary SQLite corpus).

Scoring is over **pairs**: the gold pairs are all pairs inside an original's family (the
original and its copies); the predicted pairs are all pairs inside a predicted copy group.
Precision and recall are reported overall and per kind of change (over the pairs that involve
a copy with that change), with the hard-negative pairs joined and how often a found group's
origin is the wire original.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from wirelens.errors import EvalError
from wirelens.link.options import LinkOptions

__all__ = ["DEFAULT_DATA", "KINDS", "SEED", "Family", "build", "score"]

DEFAULT_DATA = Path("../shared/data/stories/ecbplus_docs.jsonl")
SEED = 20260306
KINDS = ("wrapper", "time_shift", "also_read", "truncated", "lede", "reordered", "headline")
OPTIONAL = ("also_read", "truncated", "lede", "reordered", "headline")
WIRE, CREDIT = "Northern Wire Service", "NWS"
MIN_SENTENCES = 4
#: containment at which two ECB+ documents are one report collected twice
NEAR_DUPLICATE = 0.5

#: aggregator -> (headline format, blurb opening the text, closing lines)
AGGREGATORS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "DailyScroll": (
        "World News | {title}",
        "Get latest articles and stories on World at DailyScroll.",
        (
            "(This story has not been edited by DailyScroll staff and is auto-generated from a "
            "syndicated NWS feed.)",
            "Share Now",
        ),
    ),
    "NewsBeam": (
        "Europe | {title}",
        "Read more stories like this at NewsBeam.",
        ("Follow NewsBeam on X for more updates.",),
    ),
    "Scoopline": (
        "Trending | {title}",
        "Stay updated with the latest news at Scoopline.",
        ("Scoopline publishes wire stories as received. Share this story.",),
    ),
    "PressPlus": (
        "{title} - PressPlus",
        "Catch all the latest news only on PressPlus.",
        (
            "Disclaimer: PressPlus carries this story from a syndicated feed and is not "
            "responsible for its content.",
        ),
    ),
}
_LEDES = (
    "{a} and {b} were at the centre of events on {day}, as {c} drew attention.",
    "Here is what happened on {day}: {a}, {b} and {c} made the news.",
    "The latest on {a}: {b} was involved, with {c} also named, reports said on {day}.",
)
_HEADLINES = ("{a}: what we know so far", "{a} and {b} in focus", "Latest: {a}, {b}")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ENTITY = re.compile(r"\b(?:[A-Z][\w'-]+|\d[\d,.]*)\b")


@dataclass
class Family:
    """One wire original and its copies, as sources (ids are filled in after ingest)."""

    doc_id: str
    cluster: str
    original: str
    copies: dict[str, list[str]] = field(default_factory=dict)  # source -> kinds


def _sentences(text: str) -> list[str]:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return [line for line in lines if line and not line.lower().startswith(("http", "www"))]


def _title(sentences: list[str]) -> tuple[str, list[str]]:
    """A short first line without a full stop is the headline; else the lede's first words."""
    first = sentences[0]
    if len(first.split()) <= 15 and not first.rstrip().endswith((".", "?", "!", '"')):
        return first, sentences[1:]
    return " ".join(first.split()[:12]), sentences


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(sentences):
        step = 1 if i == 0 else rng.choice((1, 2))
        out.append(" ".join(sentences[i : i + step]))
        i += step
    return out


def _entities(sentence: str, rng: random.Random) -> dict[str, str]:
    found = [e for e in _ENTITY.findall(sentence) if e.lower() not in {"the", "a", "in"}]
    found = list(dict.fromkeys(found)) or ["officials"]
    picks = [found[i % len(found)] for i in range(3)]
    return {"a": picks[0], "b": picks[1], "c": picks[2], "day": rng.choice(_DAYS)}


def _text(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def _copy(
    wire: tuple[str, list[str]],
    outlet: str,
    kinds: list[str],
    other_titles: list[str],
    rng: random.Random,
) -> str:
    """The aggregator ``outlet``'s copy of the ``wire`` (title, paragraphs) with ``kinds``."""
    title, paragraphs = wire
    head, blurb, closing = AGGREGATORS[outlet]
    paras = list(paragraphs)
    paras[-1] = paras[-1].removesuffix(f" ({CREDIT})")
    if "lede" in kinds:
        first = re.split(r"(?<=[.!?])\s+", paras[0], maxsplit=1)
        new = rng.choice(_LEDES).format(**_entities(first[0], rng))
        paras[0] = " ".join([new, *first[1:]])
    if "reordered" in kinds and len(paras) >= 3:
        i, j = rng.sample(range(1, len(paras)), 2)
        paras[i], paras[j] = paras[j], paras[i]
    if "truncated" in kinds:
        keep = max(2, round(len(paras) * rng.uniform(0.5, 0.8)))
        paras = paras[: min(keep, len(paras) - 1)] if len(paras) > 2 else paras
    paras[-1] += f" ({CREDIT})"
    if "also_read" in kinds:
        for _ in range(rng.choice((1, 2))):
            at = rng.randrange(1, len(paras) + 1)
            paras.insert(at, f"Also Read | {rng.choice(other_titles)}.")
    if "headline" in kinds:
        title = rng.choice(_HEADLINES).format(**_entities(title, rng))
    paras[0] = f"{blurb} {paras[0]}"
    return _text(head.format(title=title), [*paras, *closing])


def load(path: Path) -> list[dict[str, Any]]:
    """The ECB+ documents (one JSON a line with ``doc_id``, ``cluster``, ``text``)."""
    if not path.is_file():
        raise EvalError(f"{path}: no such file (the ECB+ JSONL, e.g. {DEFAULT_DATA})")
    try:
        docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        return [d for d in docs if {"doc_id", "cluster", "text"} <= d.keys()]
    except (ValueError, AttributeError) as exc:
        raise EvalError(f"{path}: not JSON Lines with doc_id, cluster and text ({exc})") from exc


def _near_duplicates(docs: list[dict[str, Any]]) -> set[str]:
    """doc_ids of ECB+ documents that copy an earlier one of the same topic.

    Fixed here, independent of the linker's thresholds: at least ``NEAR_DUPLICATE`` of the
    smaller document's 3-word shingles are in the other.
    """
    from wirelens.link.shingles import shingle_hashes
    from wirelens.link.verify import similarity

    shingles = {d["doc_id"]: shingle_hashes(d["text"], 3) for d in docs}
    by_topic: dict[str, list[str]] = {}
    for d in docs:
        by_topic.setdefault(d["cluster"].split("_")[0], []).append(d["doc_id"])
    dropped: set[str] = set()
    for ids in by_topic.values():
        for a, b in combinations(sorted(ids), 2):
            if a in dropped or b in dropped:
                continue
            if similarity(shingles[a], shingles[b])[1] >= NEAR_DUPLICATE:
                dropped.add(b)
    return dropped


def build(
    docs: list[dict[str, Any]], copies: int = 3, seed: int = SEED
) -> tuple[list[tuple[str, str, str, str]], list[Family], int]:
    """(source, text, outlet, published) rows, the families, and near-duplicates dropped."""
    rng = random.Random(seed)
    usable = sorted(
        (d for d in docs if len(_sentences(d["text"])) >= MIN_SENTENCES), key=lambda d: d["doc_id"]
    )
    dropped = _near_duplicates(usable)
    originals = [d for d in usable if d["doc_id"] not in dropped]
    titles = [_title(_sentences(d["text"]))[0] for d in originals]
    base = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)
    rows, families = [], []
    for doc in originals:
        title, sentences = _title(_sentences(doc["text"]))
        paragraphs = _paragraphs(sentences, rng)
        paragraphs[-1] += f" ({CREDIT})"
        published = base + timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
        source = f"nws/{doc['doc_id']}"
        rows.append((source, _text(title, paragraphs), WIRE, published.isoformat()))
        family = Family(doc["doc_id"], doc["cluster"], source)
        for outlet in rng.sample(sorted(AGGREGATORS), min(copies, len(AGGREGATORS))):
            kinds = [k for k in OPTIONAL if rng.random() < 0.5] or [rng.choice(OPTIONAL)]
            text = _copy((title, paragraphs), outlet, kinds, titles, rng)
            when = published + timedelta(minutes=rng.randrange(5, 36 * 60))
            copy_source = f"{outlet.lower()}/{doc['doc_id']}"
            rows.append((copy_source, text, outlet, when.isoformat()))
            family.copies[copy_source] = ["wrapper", "time_shift", *kinds]
        families.append(family)
    return rows, families, len(dropped)


def _same_story_pairs(families: list[Family]) -> int:
    """Pairs of documents of the same gold story but different families (hard negatives)."""
    sizes: dict[str, list[int]] = {}
    for f in families:
        sizes.setdefault(f.cluster, []).append(1 + len(f.copies))
    total = sum(sum(s) * (sum(s) - 1) // 2 for s in sizes.values())
    return total - sum(n * (n - 1) // 2 for s in sizes.values() for n in s)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 1.0


def score(
    groups: list[tuple[str, list[str]]], families: list[Family], ids: dict[str, str]
) -> dict[str, Any]:
    """Pair precision/recall overall and per kind, hard negatives joined, origin accuracy.

    ``groups`` is (origin id, member ids) per predicted group; ``ids`` maps source -> id.
    """
    family_of: dict[str, int] = {}
    kinds_of: dict[str, set[str]] = {}
    cluster_of: dict[str, str] = {}
    for n, f in enumerate(families):
        for source in [f.original, *f.copies]:
            family_of[ids[source]] = n
            cluster_of[ids[source]] = f.cluster
            kinds_of[ids[source]] = set(f.copies.get(source, ()))
    gold = {
        frozenset(p)
        for f in families
        for p in combinations(sorted({ids[s] for s in [f.original, *f.copies]}), 2)
    }
    predicted = {frozenset(p) for _, members in groups for p in combinations(sorted(members), 2)}
    hits = gold & predicted

    def kinds(pair: frozenset[str]) -> set[str]:
        return set().union(*(kinds_of.get(a, set()) for a in pair))

    per_kind = {}
    for kind in KINDS:
        g = [p for p in gold if kind in kinds(p)]
        q = [p for p in predicted if kind in kinds(p)]
        found = sum(1 for p in g if p in hits)
        per_kind[kind] = {
            "gold": len(g),
            "precision": _ratio(sum(1 for p in q if p in gold), len(q)),
            "recall": _ratio(found, len(g)),
        }
    same_story = [p for p in predicted - gold if len({cluster_of.get(a) for a in p}) == 1]
    wire = {ids[f.original] for f in families}
    with_wire = [(o, m) for o, m in groups if wire & set(m)]
    precision, recall = _ratio(len(hits), len(predicted)), _ratio(len(hits), len(gold))
    return {
        "pairs": {
            "gold": len(gold),
            "predicted": len(predicted),
            "true_positive": len(hits),
            "precision": precision,
            "recall": recall,
            "f1": round(2 * precision * recall / (precision + recall), 4)
            if precision + recall
            else 0.0,
        },
        "per_kind": per_kind,
        "hard_negatives": {
            "pairs_same_story": _same_story_pairs(families),
            "false_pairs_same_story": len(same_story),
            "false_pairs_other_story": len(predicted - gold) - len(same_story),
        },
        "groups": {
            "predicted": len(groups),
            "gold": len(families),
            "origin_is_wire": _ratio(sum(1 for o, _ in with_wire if o in wire), len(with_wire)),
        },
    }


def run(
    path: Path = DEFAULT_DATA,
    copies: int = 3,
    seed: int = SEED,
    progress: Callable[[str], None] | None = None,
    options: LinkOptions | None = None,
) -> dict[str, Any]:
    """Build the benchmark, link it in a temporary SQLite corpus and score it."""
    from wirelens.clean import clean
    from wirelens.link import link
    from wirelens.link.db import query
    from wirelens.model import Analysis, Document
    from wirelens.store import open_store

    say = progress or (lambda _line: None)
    started = time.perf_counter()
    rows, families, dropped = build(load(path), copies, seed)
    say(f"cleaning {len(rows)} documents")
    analyses = [
        Analysis(
            article=clean(
                Document(content=text, kind="text", source=src, outlet=outlet, published=when)
            )
        )
        for src, text, outlet, when in rows
    ]
    ids = {a.article.source or "": a.article.id for a in analyses}
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.db")) as store:
        store.add(analyses)
        say("linking")
        link_started = time.perf_counter()
        report = link(store, options, progress=say)
        link_seconds = time.perf_counter() - link_started
        members: dict[int, list[str]] = {}
        for article_id, group_id in query(store, "SELECT article_id, group_id FROM copy_members"):
            members.setdefault(int(group_id), []).append(str(article_id))
        origins = dict(query(store, "SELECT id, origin_id FROM copy_groups"))
    groups = [(str(origins[g]), m) for g, m in sorted(members.items())]
    result = score(groups, families, ids)
    return {
        "data": str(path),
        "seed": seed,
        "documents": len(rows),
        "originals": len(families),
        "copies": len(rows) - len(families),
        "near_duplicate_originals_dropped": dropped,
        **result,
        "candidates": report.copies.candidates,
        "link_seconds": round(link_seconds, 2),
        "seconds": round(time.perf_counter() - started, 2),
        "goal": {"precision": 0.98, "recall": 0.95},
    }
