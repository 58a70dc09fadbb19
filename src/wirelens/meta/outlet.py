"""The outlet (publisher) of an article, from the page's own words or its address.

Order of trust: what the reader was told (feed, JSONL), the page's site name, the outlet named
in boilerplate (``... at LatestLY``, ``... opinions of LatestLY``), and last the URL's host.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["first_outlet", "outlet_from_url"]


def outlet_from_url(url: str | None) -> str | None:
    """``https://www.example-news.com/a/b`` -> ``example-news.com``; None without a host."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    return host or None


def first_outlet(*candidates: str | None) -> str | None:
    """The first non-empty candidate, whitespace-normalised."""
    for candidate in candidates:
        if candidate and candidate.strip():
            return " ".join(candidate.split())
    return None
