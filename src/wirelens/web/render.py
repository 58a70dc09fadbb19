"""Pages from Jinja templates with autoescaping on: a stored string is never markup.

Templates live in ``templates/``; the only markup that does not come from a template is built
by :mod:`wirelens.web.highlight` from escaped text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, quote_plus

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from wirelens.web.diffview import changes_summary, inline_diff

__all__ = ["duration", "render", "safe_url", "snippet_html"]

_BRACKETED = re.compile(r"\[([^\[\]]{1,200})\]")


def snippet_html(snippet: str) -> Markup:
    """A search snippet, escaped, with the store's ``[match]`` markers as ``<mark>``."""
    return Markup(_BRACKETED.sub(r"<mark>\1</mark>", str(escape(snippet))))


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) link; None for ``javascript:``, ``data:`` and the rest."""
    if url and re.match(r"https?://[^\s\"'<>]+\Z", url, re.IGNORECASE):
        return url
    return None


def _query(params: dict[str, Any], **changes: Any) -> str:
    """A query string from ``params`` with ``changes`` applied (None removes a key).

    The same as ``urlencode``; each value is encoded once (a search page links 30 variants
    of one query string, and the facet values repeat from page to page).
    """
    merged = {**params, **changes}
    return "&".join(
        f"{_encoded(str(k))}={_encoded(str(v))}"
        for k, v in merged.items()
        if v is not None and v != ""
    )


@lru_cache(maxsize=4096)
def _encoded(text: str) -> str:
    return quote_plus(text)


def duration(seconds: int | float | None) -> str:
    """A time shift for people: ``+1 h 15 min``, ``-3 min``, ``+2 d 4 h``."""
    if seconds is None:
        return ""
    sign, rest = ("-" if seconds < 0 else "+"), int(abs(seconds))
    days, rest = divmod(rest, 86_400)
    hours, rest = divmod(rest, 3_600)
    parts = [f"{days} d" if days else "", f"{hours} h" if hours else "", f"{rest // 60} min"]
    if days:
        parts[2] = ""
    return sign + " ".join(p for p in parts if p)


def _path_part(text: str) -> str:
    return quote(text, safe="")


_env = Environment(
    loader=PackageLoader("wirelens.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["snippet"] = snippet_html
_env.filters["safe_url"] = safe_url
_env.filters["pathpart"] = _path_part
_env.filters["inline_diff"] = inline_diff
_env.filters["duration"] = duration
_env.globals["query"] = _query
_env.globals["changes_summary"] = changes_summary


def render(name: str, **context: Any) -> str:
    """Render the template ``name`` with ``context``."""
    return _env.get_template(name).render(**context)
