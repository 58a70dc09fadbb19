"""Articles as IPTC ninjs 2.x ("News in JSON"), the news industry's interchange format.

Only fields wirelens knows are written, with ninjs 2.x names: ``uri``, ``type``,
``representationtype``, ``headlines``, ``by`` (the 1.x ``byline``), ``located``,
``firstcreated``/``versioncreated`` (only for a full date-time: ninjs requires one, and a bare
date must not be dressed up as midnight), ``bodies`` (the 1.x ``body_text``), ``descriptions``
(the lead paragraph; the 1.x ``description_text``), ``language``, ``altids`` (URLs and the
content hash) and ``infosources`` (outlet and wire agency). What ninjs has no field for (typed
parts with offsets, the parsed dateline, credits, the date's source and confidence) goes in a
``wirelens`` extension object so nothing is lost.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from wirelens.model import Article, to_dict

__all__ = ["NINJS_SCHEMA", "NINJS_VERSION", "to_ninjs"]

NINJS_VERSION = "2.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json#"
_LEAD_MAX = 400
_WORD = re.compile(r"\w+")


def _datetime(value: str | None) -> str | None:
    """``value`` if it is a full ISO 8601 date-time, else None."""
    if not value or "T" not in value:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _located(article: Article) -> str | None:
    dateline = article.dateline
    if dateline is None or not dateline.place:
        return None
    return f"{dateline.place}, {dateline.country}" if dateline.country else dateline.place


def _lead(body: str) -> str | None:
    for paragraph in body.split("\n"):
        text = paragraph.strip()
        if text:
            return text if len(text) <= _LEAD_MAX else text[: _LEAD_MAX - 1].rstrip() + "…"
    return None


def _extension(article: Article) -> dict[str, Any]:
    record = to_dict(article)
    keep = ("id", "section", "agency", "dateline", "credits", "published", "source")
    block = {key: record[key] for key in keep if record.get(key) not in (None, [], {})}
    block["parts"] = record["parts"]
    return block


def to_ninjs(article: Article) -> dict[str, Any]:
    """Map an Article to a ninjs 2.x object (plus the ``wirelens`` extension block)."""
    item: dict[str, Any] = {
        "uri": f"urn:wirelens:{article.id}",
        "type": "text",
        "representationtype": "full",
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
    }
    if article.title:
        item["headlines"] = [{"role": "main", "contenttype": "text/plain", "value": article.title}]
    if article.authors:
        item["by"] = ", ".join(article.authors)
    located = _located(article)
    if located:
        item["located"] = located
    when = _datetime(article.published.value if article.published else None)
    if when:
        item["firstcreated"] = when
        item["versioncreated"] = when
    if article.language:
        item["language"] = article.language
    lead = _lead(article.body)
    if lead:
        item["descriptions"] = [{"role": "lead", "contenttype": "text/plain", "value": lead}]
    item["bodies"] = [
        {
            "role": "main",
            "contenttype": "text/plain",
            "charcount": len(article.body),
            "wordcount": len(_WORD.findall(article.body)),
            "value": article.body,
        }
    ]
    altids = [{"role": "wirelens", "value": article.id}]
    if article.url:
        altids.append({"role": "url", "value": article.url})
    if article.canonical_url and article.canonical_url != article.url:
        altids.append({"role": "canonical", "value": article.canonical_url})
    item["altids"] = altids
    sources = []
    if article.outlet:
        sources.append({"name": article.outlet, "role": "publisher"})
    if article.agency:
        sources.append({"name": article.agency, "role": "originator"})
    if sources:
        item["infosources"] = sources
    item["wirelens"] = _extension(article)
    return item
