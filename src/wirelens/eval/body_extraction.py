"""Score main-text and metadata extraction from HTML against a gold data set.

Two gold formats are read, detected from the folder's layout so the user never has to say which:

- **AEB** (Scrapinghub's article-extraction-benchmark): ``html/<id>.html.gz`` plus one
  ``ground-truth.json`` mapping each id to ``{"articleBody", "url"}``.
- **WCXB** (web content extraction benchmark): ``html/NNNN.html.gz`` plus
  ``ground-truth/NNNN.json`` whose ``ground_truth`` holds ``title``, ``author``,
  ``publish_date`` and ``main_content``.

The body metric follows AEB's ``evaluate.py``: the text is split into word tokens (``\\w+``),
grouped into shingles of ``ngram`` consecutive tokens, and the multisets are intersected. Each
page's true/false positives and false negatives are normalised to sum to one so long pages do
not outweigh short ones; precision and recall are averaged over pages and F1 is their harmonic
mean. The headline number uses ``ngram=1`` (a bag of tokens, the figure the project tracks);
AEB's leaderboard uses 4-token shingles, which every report also carries (``shingle4``).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from wirelens.errors import EvalError, WirelensError

__all__ = [
    "AEB_NGRAM",
    "Counts",
    "Extractor",
    "GoldPage",
    "PageResult",
    "Prediction",
    "Report",
    "Scores",
    "author_match",
    "corpus_hash",
    "date_match",
    "detect_format",
    "judge",
    "load_pages",
    "match_counts",
    "run_extractor",
    "score",
    "title_match",
    "tokenize",
]

Format = Literal["aeb", "wcxb"]
#: Token n-gram size of AEB's published metric (4-token shingles).
AEB_NGRAM = 4
_TOKEN = re.compile(r"\w+")
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")
_AUTHOR_PREFIX = re.compile(r"^\s*(?:by|author|written by|dr\.?|prof\.?)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class GoldPage:
    """One gold page: where its HTML is, and what a perfect extractor would return.

    ``body`` is ``None`` when the gold set has no main text for the page (it is then left out of
    the body scores); ``title``, ``authors`` and ``published`` are ``None`` when the gold set does
    not annotate them, and those pages are left out of that field's accuracy.
    """

    id: str
    html_path: Path
    url: str | None
    body: str | None
    title: str | None = None
    authors: tuple[str, ...] | None = None
    published: str | None = None
    #: True when the gold set annotates dates and says this page has none.
    no_date: bool = False

    def read_html(self) -> str:
        """Return the page's markup (gzip or plain, UTF-8 with replacement for bad bytes)."""
        raw = self.html_path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Prediction:
    """What an extractor returned for one page."""

    body: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None


Counts = tuple[float, float, float]


@dataclass(frozen=True)
class Scores:
    """Body precision, recall and F1 averaged over pages, AEB style."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class PageResult:
    """One page's outcome: normalised body counts and whether each metadata field was right.

    ``counts`` uses the run's token n-gram size; ``shingle_counts`` always uses AEB's 4-token
    shingles, so both the bag-of-tokens and the leaderboard numbers come out of one run.
    """

    id: str
    counts: Counts | None
    shingle_counts: Counts | None = None
    title_ok: bool | None = None
    author_ok: bool | None = None
    date_ok: bool | None = None
    #: True when the page has no gold date but the extractor gave one.
    date_invented: bool | None = None


@dataclass
class Report:
    """The scores of one extractor (one output variant) on one data set."""

    name: str
    results: list[PageResult] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0

    @property
    def scores(self) -> Scores:
        """Body scores over every page that has a gold body."""
        return score([r.counts for r in self.results if r.counts is not None])

    @property
    def shingle_scores(self) -> Scores:
        """Body scores with AEB's 4-token shingles."""
        return score([r.shingle_counts for r in self.results if r.shingle_counts is not None])

    def accuracy(self, attr: str) -> float | None:
        """Share of annotated pages where ``attr`` (``title_ok``...) is true; None if none."""
        values = [getattr(r, attr) for r in self.results if getattr(r, attr) is not None]
        return sum(values) / len(values) if values else None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``wirelens eval extraction --json`` for one extractor."""
        scores, shingles = self.scores, self.shingle_scores
        pages = len(self.results)
        return {
            "f1": round(scores.f1, 4),
            "precision": round(scores.precision, 4),
            "recall": round(scores.recall, 4),
            "pages_per_s": round(pages / self.seconds, 1) if self.seconds > 0 else None,
            "pages": pages,
            "seconds": round(self.seconds, 2),
            "errors": self.errors,
            "shingle4": {
                "f1": round(shingles.f1, 4),
                "precision": round(shingles.precision, 4),
                "recall": round(shingles.recall, 4),
            },
            "title_accuracy": _round(self.accuracy("title_ok")),
            "author_accuracy": _round(self.accuracy("author_ok")),
            "date_accuracy": _round(self.accuracy("date_ok")),
            "date_invented_rate": _round(self.accuracy("date_invented")),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# --- the body metric ---------------------------------------------------------------------------


def tokenize(text: str) -> list[str]:
    """Split text into word tokens the way AEB does (``\\w+``; case kept)."""
    return _TOKEN.findall(text)


def _shingles(text: str, ngram: int) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    if len(tokens) <= ngram:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + ngram]) for i in range(len(tokens) - ngram + 1))


def match_counts(true: str, pred: str, ngram: int = 1) -> Counts:
    """Return (tp, fp, fn) of ``pred`` against ``true``, normalised to sum to one.

    Two empty texts give (0, 0, 0), which :func:`score` leaves out of both averages.
    """
    gold = _shingles(true, ngram)
    got = _shingles(pred, ngram)
    tp = float(sum((gold & got).values()))
    fp = float(sum((got - gold).values()))
    fn = float(sum((gold - got).values()))
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp > 0 else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn > 0 else 0.0


def score(counts: Sequence[Counts]) -> Scores:
    """Average per-page precision and recall (as AEB does) and take F1 of the averages.

    Precision is averaged over pages where something was predicted, recall over pages where
    something was expected, exactly as the benchmark's script does.
    """
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return Scores(precision=precision, recall=recall, f1=f1)


# --- metadata matches --------------------------------------------------------------------------


def _norm(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def title_match(gold: str, got: str | None) -> bool:
    """True when the titles are equal ignoring case, punctuation and spacing."""
    return got is not None and _norm(gold) == _norm(got) != ""


def _names(values: Iterable[str]) -> list[str]:
    """Normalised person names from author strings (``A, B and C`` -> three names)."""
    names: list[str] = []
    for value in values:
        for name in _AUTHOR_SPLIT.split(value):
            norm = _norm(_AUTHOR_PREFIX.sub("", name))
            if norm and norm not in names:
                names.append(norm)
    return names


def author_match(gold: Sequence[str], got: Sequence[str]) -> bool:
    """True when the first gold author is among the predicted names (case/punct. ignored).

    Only the first name is required because gold bylines often carry credentials after a
    comma (``Jane Roe, MD``) that no extractor should be asked to split the same way.
    """
    want = _names(gold)
    return bool(want) and want[0] in _names(got)


def date_match(gold: str, got: str | None) -> bool:
    """True when the predicted date has the gold calendar day (``YYYY-MM-DD``)."""
    return got is not None and got[:10] == gold[:10]


# --- loading -----------------------------------------------------------------------------------


def detect_format(folder: Path) -> Format:
    """Say which gold format ``folder`` holds, from its layout; raise EvalError if neither."""
    if not folder.is_dir():
        raise EvalError(f"{folder} is not a directory: pass an AEB or WCXB data folder")
    if not (folder / "html").is_dir():
        raise EvalError(f"{folder} has no html/ folder: not an AEB or WCXB data folder")
    if (folder / "ground-truth.json").is_file():
        return "aeb"
    if (folder / "ground-truth").is_dir():
        return "wcxb"
    raise EvalError(
        f"{folder} has neither ground-truth.json (AEB) nor ground-truth/ (WCXB): unknown format"
    )


def _html_file(folder: Path, page_id: str) -> Path | None:
    for name in (f"{page_id}.html.gz", f"{page_id}.html"):
        if (folder / "html" / name).is_file():
            return folder / "html" / name
    return None


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read gold file {path}: {exc}") from exc


def _aeb_pages(folder: Path) -> Iterator[GoldPage]:
    gold = _load_json(folder / "ground-truth.json")
    if not isinstance(gold, dict):
        raise EvalError(f"{folder}/ground-truth.json is not an object of id -> page")
    for page_id in sorted(gold):
        entry = gold[page_id]
        path = _html_file(folder, page_id)
        if path is None or not isinstance(entry, dict):
            continue
        body = entry.get("articleBody")
        yield GoldPage(
            id=page_id,
            html_path=path,
            url=entry.get("url") or None,
            body=body if isinstance(body, str) else None,
        )


def _opt_str(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _wcxb_pages(folder: Path) -> Iterator[GoldPage]:
    for gold_path in sorted((folder / "ground-truth").glob("*.json")):
        page_id = gold_path.stem
        path = _html_file(folder, page_id)
        if path is None:
            continue
        data = _load_json(gold_path)
        truth = data.get("ground_truth") if isinstance(data, dict) else None
        if not isinstance(truth, dict):
            continue
        author = _opt_str(truth.get("author"))
        published = _opt_str(truth.get("publish_date"))
        yield GoldPage(
            id=page_id,
            html_path=path,
            url=_opt_str(data.get("url")),
            body=_opt_str(truth.get("main_content")),
            title=_opt_str(truth.get("title")),
            authors=(author,) if author else None,
            published=published,
            no_date="publish_date" in truth and published is None,
        )


def corpus_hash(folder: Path) -> str:
    """``sha256:<hex>`` of a folder's gold files (names and bytes), to pin quality floors to it."""
    kind = detect_format(folder)
    files = (
        [folder / "ground-truth.json"]
        if kind == "aeb"
        else sorted((folder / "ground-truth").glob("*.json"))
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return "sha256:" + digest.hexdigest()


def load_pages(folder: Path, limit: int | None = None) -> list[GoldPage]:
    """Load the gold pages of an AEB or WCXB folder (format auto-detected), sorted by id."""
    kind = detect_format(folder)
    pages = _aeb_pages(folder) if kind == "aeb" else _wcxb_pages(folder)
    result: list[GoldPage] = []
    for page in pages:
        if limit is not None and len(result) >= limit:
            break
        result.append(page)
    if not result:
        raise EvalError(f"{folder} holds no gold pages with their HTML")
    return result


# --- running -----------------------------------------------------------------------------------


def judge(page: GoldPage, pred: Prediction, ngram: int = 1) -> PageResult:
    """Compare one prediction with its gold page."""
    counts = shingles = None
    if page.body is not None:
        counts = match_counts(page.body, pred.body, ngram)
        shingles = counts if ngram == AEB_NGRAM else match_counts(page.body, pred.body, AEB_NGRAM)
    return PageResult(
        id=page.id,
        counts=counts,
        shingle_counts=shingles,
        title_ok=title_match(page.title, pred.title) if page.title is not None else None,
        author_ok=author_match(page.authors, pred.authors) if page.authors is not None else None,
        date_ok=date_match(page.published, pred.published) if page.published else None,
        date_invented=(pred.published is not None) if page.no_date else None,
    )


#: An extractor maps (html, url) to one prediction per output variant (``{"body": ...}``).
Extractor = Callable[[str, "str | None"], dict[str, Prediction]]


def run_extractor(
    name: str,
    pages: Sequence[GoldPage],
    extract: Extractor,
    variants: Sequence[str],
    *,
    ngram: int = 1,
    metadata: Callable[[str, str | None], Prediction] | None = None,
    progress: Callable[[], None] | None = None,
) -> dict[str, Report]:
    """Run ``extract`` on every page; one Report per variant. Only ``extract`` is timed.

    ``metadata``, when given, is run untimed after ``extract`` and supplies title, authors and
    date to every variant: a baseline whose body extractor has no metadata is then timed on
    its body extraction alone, the way its authors benchmark it.

    A :class:`WirelensError` on one page (the extractor refusing it) counts as an empty
    prediction and an error, so one bad page does not stop a benchmark.
    """
    reports = {variant: Report(f"{name}:{variant}") for variant in variants}
    seconds, errors = 0.0, 0
    if pages:  # warm-up, untimed: imports and caches are not extraction speed
        with contextlib.suppress(WirelensError):
            extract(pages[0].read_html(), pages[0].url)
    for page in pages:
        html = page.read_html()
        start = time.perf_counter()
        try:
            preds = extract(html, page.url)
        except WirelensError:
            preds, errors = {}, errors + 1
        seconds += time.perf_counter() - start
        if metadata is not None:
            meta = metadata(html, page.url)
            preds = {
                v: replace(p, title=meta.title, authors=meta.authors, published=meta.published)
                for v, p in preds.items()
            }
        for variant, report in reports.items():
            report.results.append(judge(page, preds.get(variant, Prediction(body="")), ngram))
        if progress is not None:
            progress()
    for report in reports.values():
        report.seconds, report.errors = seconds, errors
    return reports
