"""Reading PolNeAR (Newell, Margolin, Ruths, LREC 2018) from its brat standoff files.

A folder holds ``text/NAME.txt`` (the raw article, title on line 1) and
``attributions/NAME_XXXX.ann`` (one file per annotator: the suffix after the last underscore
names the annotator). Text-bound lines ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>``
give spans; event lines ``E<n>\\tAttribution:T4 Content:T3 Cue:T2 Source:T1`` tie them into one
attribution (``Attribution-no-source`` has no Source). A discontinuous span is taken from its
first start to its last end (``content``); its pieces, with those of any ``Content2``,
``Content3``... of the same attribution, are kept as ``fragments`` for the strict content score.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from wirelens.errors import EvalError

__all__ = ["Gold", "GoldArticle", "load_polnear"]

Offsets = tuple[int, int]


@dataclass(frozen=True)
class Gold:
    """One annotated attribution: source (or None), cue and content spans."""

    source: Offsets | None
    cue: Offsets | None
    content: Offsets | None
    #: the content's discontinuous pieces (an interrupted quote), in text order
    fragments: tuple[Offsets, ...] = ()


@dataclass(frozen=True)
class GoldArticle:
    """An article's text and, per annotator, its attributions."""

    name: str
    text: str
    annotators: tuple[tuple[Gold, ...], ...]


def _spans(
    path: Path,
) -> tuple[dict[str, Offsets], dict[str, list[Offsets]], list[dict[str, str]]]:
    spans: dict[str, Offsets] = {}
    pieces: dict[str, list[Offsets]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label_and_ranges = fields[1].replace(";", " ").split()
            try:
                numbers = [int(x) for x in label_and_ranges[1:]]
            except ValueError:
                continue
            if numbers:
                spans[fields[0]] = (numbers[0], numbers[-1])
                pieces[fields[0]] = list(zip(numbers[::2], numbers[1::2], strict=False))
        elif line.startswith("E") and len(fields) >= 2:
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            events.append(roles)
    return spans, pieces, events


def _read_ann(path: Path) -> tuple[Gold, ...]:
    spans, pieces, events = _spans(path)
    golds = []
    for roles in events:
        if "Cue" not in roles and "Content" not in roles:
            continue
        contents = [v for k, v in roles.items() if k.startswith("Content")]
        fragments = sorted(p for ref in contents for p in pieces.get(ref, []))
        golds.append(
            Gold(
                source=spans.get(roles.get("Source", "")),
                cue=spans.get(roles.get("Cue", "")),
                content=spans.get(roles.get("Content", "")),
                fragments=tuple(fragments),
            )
        )
    return tuple(golds)


def load_polnear(folder: Path, limit: int | None = None) -> list[GoldArticle]:
    """Every article of a PolNeAR split folder that has at least one annotation file."""
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        msg = f"{folder} is not a PolNeAR folder: expected text/ and attributions/ inside it"
        raise EvalError(msg)
    by_article: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        by_article.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        anns = by_article.get(text_path.stem)
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(GoldArticle(text_path.stem, text, tuple(_read_ann(a) for a in anns)))
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise EvalError(f"{folder}: no article with annotations found")
    return articles
