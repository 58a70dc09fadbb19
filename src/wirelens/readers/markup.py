"""HTML pages: one decoded Document per page, markup kept.

Read whole (within ``max-bytes``) and decoded using the HTTP charset, else the page's own
``<meta charset>``. Scripts, styles and iframes stay in the markup because trafilatura needs
the page structure; :mod:`wirelens.clean` makes sure none of them reach an Article's text.
"""

from __future__ import annotations

from wirelens.model import Document
from wirelens.readers.decode import declared_charset
from wirelens.readers.plain import decoded_document

__all__ = ["read_html"]


def read_html(
    data: bytes,
    name: str,
    *,
    url: str | None = None,
    content_type: str | None = None,
    fetched: str | None = None,
) -> Document:
    """Read an HTML page."""
    declared = declared_charset(data[:16384], content_type)
    return decoded_document(data, name, "html", declared=declared, url=url, fetched=fetched)
