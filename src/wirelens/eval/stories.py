"""Scoring story clustering against gold stories (ECB+ or any JSONL), wirelens beside a baseline.

Input: JSON Lines, one article a line, with ``text``, optionally ``published``, ``outlet`` and
``title``, and a gold label (``cluster`` unless told otherwise). When lines also carry a
``topic`` (ECB+ does: two similar-but-different events per topic), the report says how often
events of one topic were merged, the hard negatives a story linker must keep apart.

* **ours** runs the real path: the articles go into a temporary SQLite corpus and
  :func:`wirelens.link.stories.update_stories` links them, all at once or ``batch`` at a time
  (each batch linked before the next arrives, the incremental path).
* **baseline**: TF-IDF vectors (sublinear, English stop words) of title and text,
  average-linkage cosine clustering cut at one fixed similarity, :data:`BASELINE_THRESHOLD`
  (its best on ECB+, B-cubed F1 .879).

Metrics: B-cubed precision, recall and F1 (Bagga & Baldwin 1998, averaged over articles) and
the adjusted Rand index.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from wirelens.errors import EvalError

__all__ = [
    "BASELINE_THRESHOLD",
    "GoldArticle",
    "bcubed",
    "load_jsonl",
    "predict_baseline",
    "predict_ours",
    "score",
]

#: Cosine similarity at which the baseline's average-linkage clustering stops merging.
BASELINE_THRESHOLD = 0.175


@dataclass(frozen=True)
class GoldArticle:
    """One article of the gold file with its gold story (and topic when the file has one)."""

    text: str
    label: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    topic: str | None = None


def _optional(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    return None if value is None or value == "" else str(value)


def load_jsonl(path: Path, label: str = "cluster") -> list[GoldArticle]:
    """Read the gold file; a missing file, a bad line or a line without text or label is an
    :class:`EvalError` naming the line."""
    if not path.is_file():
        raise EvalError(f"{path}: no such file (give a JSONL file of articles with gold stories)")
    articles: list[GoldArticle] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise EvalError(f"{path}:{number}: expected a JSON object")
            text, gold = record.get("text"), record.get(label)
            if not isinstance(text, str) or not text.strip():
                raise EvalError(f"{path}:{number}: no 'text'")
            if gold is None or gold == "":
                raise EvalError(f"{path}:{number}: no gold label {label!r} (see --label)")
            articles.append(
                GoldArticle(
                    text=text,
                    label=str(gold),
                    title=_optional(record, "title"),
                    published=_optional(record, "published"),
                    outlet=_optional(record, "outlet"),
                    topic=_optional(record, "topic"),
                )
            )
    if not articles:
        raise EvalError(f"{path}: no articles")
    return articles


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 over items (each item's share of its cluster)."""
    gold_sets: dict[str, set[int]] = defaultdict(set)
    pred_sets: dict[str, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        gold_sets[g].add(i)
        pred_sets[p].add(i)
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        shared = len(gold_sets[g] & pred_sets[p])
        precision += shared / len(pred_sets[p])
        recall += shared / len(gold_sets[g])
    precision, recall = precision / len(gold), recall / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": round(precision, 4), "r": round(recall, 4), "f1": round(f1, 4)}


def _hard_negatives(articles: Sequence[GoldArticle], predicted: Sequence[str]) -> dict[str, Any]:
    """How often different gold stories of one topic were merged: topics and pairs."""
    topics: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        if article.topic is not None:
            topics[article.topic].add(article.label)
    several = {t for t, labels in topics.items() if len(labels) > 1}
    merged_topics: set[str] = set()
    pairs = merged_pairs = 0
    by_topic: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        if article.topic in several:
            by_topic[article.topic].append(i)
    for topic, members in by_topic.items():
        for i, j in combinations(members, 2):
            if articles[i].label != articles[j].label:
                pairs += 1
                if predicted[i] == predicted[j]:
                    merged_pairs += 1
                    merged_topics.add(topic)
    return {
        "topics": len(several),
        "topics_merged": len(merged_topics),
        "cross_event_pairs": pairs,
        "cross_event_pairs_merged": merged_pairs,
    }


def score(articles: Sequence[GoldArticle], predicted: Sequence[str]) -> dict[str, Any]:
    """B-cubed, ARI, the number of stories and the hard-negative merges of one prediction."""
    from sklearn.metrics import adjusted_rand_score

    gold = [a.label for a in articles]
    report: dict[str, Any] = {
        "bcubed": bcubed(gold, predicted),
        "ari": round(float(adjusted_rand_score(gold, predicted)), 4),
        "stories": len(set(predicted)),
    }
    if any(a.topic is not None for a in articles):
        report["hard_negatives"] = _hard_negatives(articles, predicted)
    return report


def predict_baseline(articles: Sequence[GoldArticle]) -> list[str]:
    """TF-IDF + average-linkage cosine clustering at :data:`BASELINE_THRESHOLD`."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return ["0"] * len(articles)
    texts = [f"{a.title}\n{a.text}" if a.title else a.text for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    distance = (1.0 - (matrix @ matrix.T).toarray()).clip(0.0, 2.0)
    distance[range(len(texts)), range(len(texts))] = 0.0
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - BASELINE_THRESHOLD, criterion="distance")
    return [str(label) for label in labels]


def _analysis(article: GoldArticle, number: int) -> Any:
    from wirelens.model import Analysis, Article, Published, content_id

    published = (
        Published(value=article.published, source="input", confidence=1.0)
        if article.published
        else None
    )
    return Analysis(
        article=Article(
            id=content_id(article.text),
            body=article.text,
            text=article.text,
            title=article.title,
            outlet=article.outlet,
            published=published,
            source=f"line-{number}",
        )
    )


def predict_ours(
    articles: Sequence[GoldArticle],
    batch: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """Stories from the real store path; ``batch`` articles arrive and are linked at a time
    (in publication order, undated last), or all at once."""
    from wirelens.link.stories import update_stories
    from wirelens.store import open_store

    analyses = [_analysis(a, i) for i, a in enumerate(articles, start=1)]
    order = sorted(
        range(len(articles)),
        key=lambda i: (articles[i].published is None, articles[i].published or ""),
    )
    size = batch or len(articles)
    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(str(Path(folder) / "eval.db")) as store,
    ):
        for start in range(0, len(order), size):
            store.add(analyses[i] for i in order[start : start + size])
            update_stories(store)
            if progress:
                progress(min(size, len(order) - start))
        story_of = dict(store._execute("SELECT article_id, story_id FROM story_members"))
    return [str(story_of[a.article.id]) for a in analyses]


def timed(predict: Callable[[], list[str]]) -> tuple[list[str], float]:
    """A prediction and the seconds it took."""
    start = time.perf_counter()
    predicted = predict()
    return predicted, round(time.perf_counter() - start, 2)
