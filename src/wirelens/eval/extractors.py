"""The two extractors ``wirelens eval extraction`` compares: wirelens and trafilatura alone.

Both are plain functions ``(html, url) -> {variant: Prediction}`` so the benchmark runs them
the same way on the same pages in one process. wirelens reports two variants when the cleaning
package is present: the text :func:`wirelens.clean.markup.extract_html` produced (as
``Article.text``) and the body after the news pass (``Article.body``); the benchmark shows
whichever scores better and says which.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from wirelens.eval.body_extraction import Prediction
from wirelens.model import Article, Document

__all__ = ["baseline_body", "baseline_metadata", "wirelens_extractor"]

Extract = Callable[[str, str | None], dict[str, Prediction]]


def wirelens_extractor() -> tuple[tuple[str, ...], Extract]:
    """The full wirelens HTML path; (variant names, extractor).

    With :func:`wirelens.clean.clean` available: ``clean.body`` (after the news pass) and
    ``clean.text`` (the HTML extract before it). Without it (the cleaning package not built
    yet): ``extract_html`` alone.
    """
    try:
        module = importlib.import_module("wirelens.clean")
    except ImportError:
        module = None
    clean: Callable[[Document], Article] | None = getattr(module, "clean", None)
    if clean is None:
        return ("extract_html",), _extract_html_only

    def run(html: str, url: str | None) -> dict[str, Prediction]:
        doc = Document(content=html, kind="html", source=url or "page.html", url=url)
        article = clean(doc)
        published = article.published.value if article.published else None
        return {
            variant: Prediction(body, article.title, article.authors, published)
            for variant, body in (("clean.body", article.body), ("clean.text", article.text))
        }

    return ("clean.body", "clean.text"), run


def _extract_html_only(html: str, url: str | None) -> dict[str, Prediction]:
    from wirelens.clean.markup import extract_html

    found = extract_html(html, url)
    published = found.published.value if found.published else None
    pred = Prediction(found.text, found.title, found.authors, published)
    return {"extract_html": pred}


def baseline_body(html: str, url: str | None) -> dict[str, Prediction]:
    """trafilatura alone, default settings: ``trafilatura.extract(html, url=url)``."""
    import trafilatura

    return {"trafilatura": Prediction(body=trafilatura.extract(html, url=url) or "")}


def baseline_metadata(html: str, url: str | None) -> Prediction:
    """trafilatura's own metadata (title, author, htmldate date) with default settings."""
    from trafilatura import extract_metadata

    meta = extract_metadata(html, default_url=url)
    if meta is None:
        return Prediction(body="")
    authors = tuple(a.strip() for a in (meta.author or "").split(";") if a.strip())
    return Prediction(body="", title=meta.title, authors=authors, published=meta.date)
