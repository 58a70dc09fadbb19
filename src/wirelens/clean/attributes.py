"""Elements with thousands of attributes: trim them before anything parses the page.

libxml2 checks each new attribute against the element's others, so parsing one element with
n attributes costs n²: a 0.9 MB page holding one ``<div>`` with 100,000 attributes took 89 s
of CPU to clean (lxml parses it three times, and justext and htmldate walk the attributes as
well), well under the default ``max-bytes``; 200,000 took minutes. Found by fuzzing the HTML
reader. Real pages carry a few dozen attributes per element at most, so a start tag longer than
:data:`LONG_TAG_CHARS` is rewritten keeping its first :data:`MAX_ATTRIBUTES` attributes; the
text of the page is untouched. Short pages and short tags are left as they are (one scan).
"""

from __future__ import annotations

import re

__all__ = ["LONG_TAG_CHARS", "MAX_ATTRIBUTES", "trim_attributes"]

#: Start tags shorter than this are never looked at (a long ``src`` data URI is one attribute).
LONG_TAG_CHARS = 4096
#: Attributes kept on an element (real markup: a few dozen at most).
MAX_ATTRIBUTES = 200

#: possessive (``*+``, ``{n,}+``): a long run with no ``>`` after it (minified script) fails
#: at once instead of being retried at every length, which is quadratic
_LONG_TAG = re.compile(rf"<([a-zA-Z][^\s/<>]*+)(\s[^<>]{{{LONG_TAG_CHARS},}}+)>")
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def trim_attributes(html: str) -> str:
    """``html`` with every start tag over :data:`MAX_ATTRIBUTES` attributes cut to that many."""
    if len(html) < LONG_TAG_CHARS:
        return html
    return _LONG_TAG.sub(_trim, html)


def _trim(match: re.Match[str]) -> str:
    attributes = _ATTRIBUTE.findall(match.group(2))
    if len(attributes) <= MAX_ATTRIBUTES:
        return match.group(0)
    return f"<{match.group(1)} {' '.join(attributes[:MAX_ATTRIBUTES])}>"
