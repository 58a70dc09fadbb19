"""Scoring attribution extraction against PolNeAR, for wirelens and a baseline alike.

The metric (issue 3), per span type (source, cue, content) and for whole attributions:

* **exact**: a predicted span counts when it equals a gold span after trimming whitespace (any
  Unicode space, no-break spaces included) and
  edge punctuation (quote marks included) from both;
* **overlap**: token-overlap credit: a matched pair earns ``shared tokens / predicted tokens``
  towards precision and ``shared tokens / gold tokens`` towards recall (tokens are runs of word
  characters, identified by position);
* matching is one-to-one: pairs are taken greedily, most shared tokens first, and a gold span
  credits at most one predicted span (and the reverse);
* a whole attribution matches **exactly** when source, cue and content all match exactly (a
  missing source matches a missing source); its **overlap** credit is the mean of the three
  part credits, pairs chosen greedily by that mean;
* an article annotated by several annotators is scored against each and the counts averaged;
  counts are then summed over articles (micro average).

Content is scored two ways. **strict** (the headline content figure): PolNeAR marks an
interrupted quote ('"A," she said, "B."') as discontinuous pieces (``Content 10 20;40 60``, or
``Content2``); each predicted piece (wirelens' quote and its ``continued`` pieces) is matched
exactly against each gold fragment, one to one, pieces with only white space between them
joined first (brat cuts a span at line breaks). **exact** (the convention of earlier reports)
takes both a predicted and a gold content from its first start to its last end, which credits
a prediction that gets the pieces wrong but the ends right. Source, cue and whole attributions
use the first-to-last content.

Confidence calibration (wirelens only): a prediction is *correct* when a gold attribution of
any annotator shares a token with its content and, when it has a cue, with its cue
(:func:`judge`). The reliability table bins predictions by confidence against the share that
are correct; the expected calibration error (ECE) is the bins' gaps weighted by their size.
The same share over all predictions, with ``--scope speech``, is a floor on the precision of
the product's default scope: PolNeAR's stance scope is wider than speech, so a speech
prediction gold does not overlap is wrong or outside what PolNeAR annotates.

Constructions (direct, indirect, mixed, according-to, pronoun speaker) are read off the gold
spans of the first annotator, and their recall is exact content recall.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from wirelens.eval.standoff import Gold, GoldArticle, Offsets
from wirelens.scope import Scope

__all__ = [
    "PARTS",
    "Predicted",
    "Scorer",
    "baseline_predictor",
    "judge",
    "reliability",
    "wirelens_predictor",
]

PARTS = ("source", "cue", "content")
_EDGE = " \t\r\n\"'“”‘’«»„‹›.,;:!?()[]{}—–-"
_TOKEN = re.compile(r"\w+")
_QUOTES = '"“”‘’«»'
_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it", "you", "who"})


@dataclass(frozen=True)
class Predicted:
    """A predicted attribution as three optional character spans.

    ``pieces`` are the content's pieces when a quote is interrupted (empty: ``content`` is one
    piece); ``path`` (``rule|resolution|cue class``) and ``confidence`` are wirelens' own, for
    calibration; a baseline leaves them None.
    """

    source: Offsets | None
    cue: Offsets | None
    content: Offsets | None
    pieces: tuple[Offsets, ...] = ()
    path: str | None = None
    confidence: float | None = None


Predictor = Callable[[str], Sequence[Predicted]]


def _trim(text: str, span: Offsets | None) -> Offsets | None:
    if span is None:
        return None
    start, end = span
    while start < end and (text[start] in _EDGE or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1].isspace()):
        end -= 1
    return (start, end) if end > start else None


def _tokens(text: str, span: Offsets | None) -> frozenset[int]:
    if span is None:
        return frozenset()
    # finditer's pos/endpos keep offsets absolute, so tokens of different spans compare
    return frozenset(m.start() for m in _TOKEN.finditer(text, span[0], span[1]))


@dataclass
class Counts:
    """Numerators and denominators of precision and recall (fractional when averaged)."""

    tp_p: float = 0.0
    tp_r: float = 0.0
    pred: float = 0.0
    gold: float = 0.0

    def add(self, other: Counts, weight: float = 1.0) -> None:
        self.tp_p += other.tp_p * weight
        self.tp_r += other.tp_r * weight
        self.pred += other.pred * weight
        self.gold += other.gold * weight

    def prf(self) -> dict[str, float]:
        p = self.tp_p / self.pred if self.pred else 0.0
        r = self.tp_r / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def _greedy(pairs: list[tuple[float, int, int, float, float]]) -> tuple[float, float]:
    """One-to-one matching, best first: returns summed precision and recall credit."""
    used_p: set[int] = set()
    used_g: set[int] = set()
    cp = cr = 0.0
    for _, pi, gi, credit_p, credit_r in sorted(pairs, key=lambda x: -x[0]):
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        cp += credit_p
        cr += credit_r
    return cp, cr


def _part_counts(
    text: str, preds: list[Offsets | None], golds: list[Offsets | None], exact: bool
) -> Counts:
    p_spans = [s for s in (_trim(text, x) for x in preds) if s is not None]
    g_spans = [s for s in (_trim(text, x) for x in golds) if s is not None]
    pairs = []
    for pi, ps in enumerate(p_spans):
        pt = _tokens(text, ps)
        for gi, gs in enumerate(g_spans):
            if exact:
                if ps == gs:
                    pairs.append((1.0, pi, gi, 1.0, 1.0))
                continue
            gt = _tokens(text, gs)
            shared = len(pt & gt)
            if shared:
                pairs.append((shared, pi, gi, shared / len(pt), shared / len(gt)))
    cp, cr = _greedy(pairs)
    return Counts(cp, cr, len(p_spans), len(g_spans))


def _part_credit(
    text: str, p: Offsets | None, g: Offsets | None, exact: bool
) -> tuple[float, float]:
    p, g = _trim(text, p), _trim(text, g)
    if p is None or g is None:
        return (1.0, 1.0) if p is None and g is None else (0.0, 0.0)
    if exact:
        return (1.0, 1.0) if p == g else (0.0, 0.0)
    pt, gt = _tokens(text, p), _tokens(text, g)
    shared = len(pt & gt)
    return (shared / len(pt) if pt else 0.0, shared / len(gt) if gt else 0.0)


def _attribution_counts(
    text: str, preds: Sequence[Predicted], golds: Sequence[Gold], exact: bool
) -> Counts:
    pairs = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(golds):
            credits = [
                _part_credit(text, getattr(p, part), getattr(g, part), exact) for part in PARTS
            ]
            cp = sum(c[0] for c in credits) / 3
            cr = sum(c[1] for c in credits) / 3
            if exact and (cp < 1.0 or cr < 1.0):
                continue
            if cp > 0 or cr > 0:
                pairs.append(((cp + cr) / 2, pi, gi, cp, cr))
    cp, cr = _greedy(pairs)
    return Counts(cp, cr, len(preds), len(golds))


def _pieces_of(p: Predicted) -> list[Offsets]:
    if p.pieces:
        return list(p.pieces)
    return [p.content] if p.content is not None else []


def _fragments_of(g: Gold) -> list[Offsets]:
    if g.fragments:
        return list(g.fragments)
    return [g.content] if g.content is not None else []


def _joined(text: str, pieces: list[Offsets]) -> list[Offsets]:
    """Pieces with only white space between them as one (brat splits a span at line breaks)."""
    out: list[Offsets] = []
    for start, end in sorted(pieces):
        if out and not text[out[-1][1] : start].strip():
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _shares(text: str, a: Offsets | None, b: Offsets | None) -> bool:
    return bool(_tokens(text, a) & _tokens(text, b))


def judge(text: str, p: Predicted, golds: Sequence[Gold]) -> bool:
    """Whether a prediction is a real attribution, as confidence measures it.

    Correct means: some gold attribution (of any annotator; PolNeAR's stance scope) shares a
    token with the prediction's content and, when the prediction has a cue, a token with its
    cue (contents from their first start to their last end). Boundaries and speakers are not
    judged: this is the precision of "there is an attribution here", the question a reader
    filtering by confidence asks.
    """
    for g in golds:
        if not _shares(text, p.content, g.content):
            continue
        if p.cue is None or _shares(text, p.cue, g.cue):
            return True
    return False


#: Upper edges of the reliability table's confidence bins.
BINS = (0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def reliability(judged: Sequence[tuple[str, float, bool]]) -> dict[str, Any]:
    """Reliability table (confidence bins vs observed precision) and expected calibration error.

    ECE is the mean over predictions of |bin precision - bin mean confidence|, i.e. the bins'
    gaps weighted by their share of predictions. ``precision`` is the share of all predictions
    judged correct (see :func:`judge`).
    """
    rows = []
    ece = 0.0
    low = 0.0
    for high in BINS:
        inside = [(c, ok) for _, c, ok in judged if low <= c < high or (high == 1.0 and c == 1.0)]
        if inside:
            conf = sum(c for c, _ in inside) / len(inside)
            prec = sum(ok for _, ok in inside) / len(inside)
            ece += abs(prec - conf) * len(inside) / len(judged)
            rows.append(
                {
                    "bin": f"{low:.1f}-{high:.1f}",
                    "n": len(inside),
                    "confidence": round(conf, 4),
                    "precision": round(prec, 4),
                }
            )
        low = high
    correct = sum(ok for _, _, ok in judged)
    return {
        "bins": rows,
        "ece": round(ece, 4),
        "predictions": len(judged),
        "precision": round(correct / len(judged), 4),
    }


def _construction(text: str, gold: Gold) -> list[str]:
    kinds = []
    content = _trim(text, gold.content)
    raw = text[gold.content[0] : gold.content[1]] if gold.content else ""
    cue = text[gold.cue[0] : gold.cue[1]].lower() if gold.cue else ""
    if "according to" in cue:
        kinds.append("according_to")
    elif raw.strip()[:1] in _QUOTES or raw.strip()[-1:] in _QUOTES:
        kinds.append("direct")
    elif content and any(ch in _QUOTES for ch in text[content[0] : content[1]]):
        kinds.append("mixed")
    else:
        kinds.append("indirect")
    if gold.source and text[gold.source[0] : gold.source[1]].strip().lower() in _PRONOUNS:
        kinds.append("pronoun_speaker")
    return kinds


@dataclass
class Scorer:
    """Accumulates counts over articles for one system."""

    counts: dict[str, dict[str, Counts]] = field(
        default_factory=lambda: (
            {part: {"exact": Counts(), "overlap": Counts()} for part in (*PARTS, "attribution")}
            | {"content": {"strict": Counts(), "exact": Counts(), "overlap": Counts()}}
        )
    )
    #: (path, confidence, correct) per wirelens prediction: see :func:`judge`
    judged: list[tuple[str, float, bool]] = field(default_factory=list)
    constructions: dict[str, list[int]] = field(default_factory=dict)
    seconds: float = 0.0
    articles: int = 0
    raised: int = 0

    def add(self, article: GoldArticle, preds: Sequence[Predicted]) -> None:
        """Score one article's predictions against each of its annotators, averaged."""
        self.articles += 1
        weight = 1.0 / len(article.annotators)
        text = article.text
        for golds in article.annotators:
            for part in PARTS:
                p_spans = [getattr(p, part) for p in preds]
                g_spans = [getattr(g, part) for g in golds]
                for mode in ("exact", "overlap"):
                    counts = _part_counts(text, p_spans, g_spans, mode == "exact")
                    self.counts[part][mode].add(counts, weight)
            strict = _part_counts(
                text,
                [piece for p in preds for piece in _joined(text, _pieces_of(p))],
                [piece for g in golds for piece in _joined(text, _fragments_of(g))],
                exact=True,
            )
            self.counts["content"]["strict"].add(strict, weight)
            for mode in ("exact", "overlap"):
                counts = _attribution_counts(text, preds, golds, mode == "exact")
                self.counts["attribution"][mode].add(counts, weight)
        every_gold = [g for golds in article.annotators for g in golds]
        for p in preds:
            if p.path is not None and p.confidence is not None:
                self.judged.append((p.path, p.confidence, judge(text, p, every_gold)))
        predicted_contents = {_trim(text, p.content) for p in preds}
        for gold in article.annotators[0]:
            hit = _trim(text, gold.content) in predicted_contents
            for kind in _construction(text, gold):
                found, total = self.constructions.setdefault(kind, [0, 0])
                self.constructions[kind] = [found + hit, total + 1]

    def report(self) -> dict[str, Any]:
        """The JSON shape of issue 3, plus constructions, articles and raised."""
        result: dict[str, Any] = {
            part: {mode: c.prf() for mode, c in modes.items()}
            for part, modes in self.counts.items()
        }
        result["articles_per_s"] = round(self.articles / self.seconds, 2) if self.seconds else 0.0
        result["articles"] = self.articles
        result["raised"] = self.raised
        if self.judged:
            result["calibration"] = reliability(self.judged)
        result["constructions"] = {
            kind: {"recall": round(found / total, 4) if total else 0.0, "gold": total}
            for kind, (found, total) in sorted(self.constructions.items())
        }
        return result

    def run(self, article: GoldArticle, predictor: Predictor) -> None:
        """Predict (timed) and score one article; a predictor that raises scores nothing."""
        start = time.perf_counter()
        try:
            preds = list(predictor(article.text))
        except Exception:  # a baseline that raises is counted, not fatal
            self.raised += 1
            preds = []
        self.seconds += time.perf_counter() - start
        self.add(article, preds)


def wirelens_predictor(scope: Scope = Scope.STANCE) -> Predictor:
    """wirelens' attribution on raw text, mapped to (speaker mention, cue, quote) spans.

    PolNeAR annotates stances ("backed the bill") as attributions, so the benchmark runs
    wirelens in its ``stance`` scope by default; ``speech`` is the product default.
    """
    from wirelens.attribute import extract, setup

    setup()

    def predict(text: str) -> list[Predicted]:
        out = []
        boilerplate = _boilerplate(text)
        for a in _outermost(extract(text, scope=scope)):
            if a.cue is not None and any(s <= a.cue.start < e for s, e in boilerplate):
                continue  # what ``analyze`` would have cut from the body before attributing
            outer = _outer_source(text, a)
            if outer is not None:
                out.append(replace(outer, path=_path(a), confidence=a.confidence))
                continue
            mention = a.speaker.mention if a.speaker else None
            out.append(
                Predicted(
                    source=(mention.start, mention.end) if mention else None,
                    cue=(a.cue.start, a.cue.end) if a.cue else None,
                    # PolNeAR marks an interrupted quote as one discontinuous span; its reader
                    # (like ours) takes it from the first start to the last end
                    content=_content(a),
                    pieces=tuple((c.start, c.end) for c in (a.quote, *a.continued)),
                    path=_path(a),
                    confidence=a.confidence,
                )
            )
        return out

    return predict


def _path(a: Any) -> str:
    """An attribution's path for the confidence table: rule, resolution and cue class."""
    from wirelens.attribute.confidence import cue_class, path_key, quote_marks

    marks = quote_marks([p.text for p in (a.quote, *a.continued)])
    cue = cue_class(a.cue.lemma if a.cue else None, a.kind)
    return path_key(marks, a.rule, a.resolution, cue)


def _boilerplate(text: str) -> list[Offsets]:
    """Where the news pass finds boilerplate in raw text (an editor's note, a share bar).

    The benchmark attributes the raw text so that offsets match the annotations; ``analyze``
    attributes the cleaned body, which has none of these lines. The headline stays: PolNeAR
    annotates it.
    """
    from wirelens.clean.news import split_news

    return [(p.start, p.end) for p in split_news(text).parts if p.kind != "headline"]


def _content(a: Any) -> Offsets:
    """An attribution's content from its first piece's start to its last piece's end."""
    return a.quote.start, max([a.quote.end] + [c.end for c in a.continued])


def _outermost(attributions: list[Any]) -> list[Any]:
    """Drop attributions whose cue lies inside another's content.

    PolNeAR annotates only the outermost of nested attributions ("X criticised Y for saying
    that ..." is X's alone); wirelens keeps the inner one, with the outer speaker as a hop of
    its chain, so the benchmark leaves it out rather than count it against the gold.
    """
    # the pieces themselves, not the extent over them: a tag between two pieces of a quote
    # ('"A," X said, referring to Y. "B."') is no nested attribution
    pieces = [[(p.start, p.end) for p in (a.quote, *a.continued)] for a in attributions]
    kept = []
    for i, a in enumerate(attributions):
        cue = a.cue
        inside = cue is not None and any(
            j != i and start <= cue.start and cue.end <= end
            for j, spans in enumerate(pieces)
            for start, end in spans
        )
        if not inside:
            kept.append(a)
    return kept


#: In-text hops that PolNeAR annotates as the outer attribution of the whole statement.
_OUTER_RELATIONS = frozenset({"according_to", "as_per"})


def _outer_source(text: str, a: Any) -> Predicted | None:
    """ "X said Y, according to Z" as PolNeAR annotates it: Z's attribution of "X said Y".

    wirelens keeps X as the speaker and Z as a hop of the chain; PolNeAR's guidelines make the
    sourcing phrase the (outer) attribution and leave the nested one out.
    """
    hop = next((h for h in a.chain if h.relation in _OUTER_RELATIONS and h.start is not None), None)
    if hop is None or hop.start is None or hop.end is None or not hop.cue:
        return None
    start = (
        hop.start - 4 if text[max(0, hop.start - 4) : hop.start].lower() == "the " else hop.start
    )
    cue_at = text.lower().rfind(hop.cue.lower(), max(0, start - 40), start)
    if cue_at < 0:
        return None
    parts = [a.quote, *a.continued]
    if a.cue is not None:
        parts.append(a.cue)
    if a.speaker is not None and a.speaker.mention is not None:
        parts.append(a.speaker.mention)
    first, last = min(p.start for p in parts), max(p.end for p in parts)
    if first < cue_at < last:
        return None  # the phrase sits inside the statement: no clean outer span
    return Predicted(
        source=(start, hop.end), cue=(cue_at, cue_at + len(hop.cue)), content=(first, last)
    )


def _token_span(tokens: Iterable[Any]) -> Offsets | None:
    toks = list(tokens)
    if not toks:
        return None
    return (min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def baseline_predictor() -> Predictor:
    """textacy's ``direct_quotations`` on the same spaCy pipeline (the issue's baseline)."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from wirelens.nlp_modes import model_name

    # the full pipeline: textacy reads lemmas, which wirelens' own pipeline leaves out
    nlp = spacy.load(model_name())

    def predict(text: str) -> list[Predicted]:
        doc = nlp(text)
        out = []
        for triple in direct_quotations(doc):
            content = triple.content
            out.append(
                Predicted(
                    source=_token_span(triple.speaker),
                    cue=_token_span(triple.cue),
                    content=(content.start_char, content.end_char),
                )
            )
        return out

    return predict
