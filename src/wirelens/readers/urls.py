"""Refuse a malformed URL with one line before anything tries to parse it for a connection.

Python's and httpx's URL parsers raise their own exceptions (``ValueError: Invalid IPv6 URL``,
``httpx.InvalidURL: Invalid IPv4 address``) on hosts such as ``999.1.1.1``, ``0177.0.0.1`` (an
octal spelling some resolvers read as 127.0.0.1), ``[::1`` or full-width digits. Checked here
first, each becomes a :class:`FetchError` naming the URL, so one bad URL among many sources is
reported and skipped like any other unreadable source.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from wirelens.errors import FetchError

__all__ = ["check_url"]


def check_url(url: str) -> None:
    """Raise :class:`FetchError` unless ``url`` is a well-formed http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
        host = httpx.URL(url).host
    except (ValueError, httpx.InvalidURL) as exc:
        raise FetchError(f"{url}: malformed URL ({exc}); check it") from exc
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchError(f"{url}: only http and https URLs can be fetched (got {parts.scheme!r})")
    if not host:
        raise FetchError(f"{url}: malformed URL (no host); check it")
