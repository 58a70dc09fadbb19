"""Render the sample articles in examples/sources/ into the forms wirelens reads.

``python examples/make_forms.py`` writes, into examples/corpus/: one HTML page per
``html--OUTLET--NAME.txt`` (with JSON-LD, Open Graph, navigation and a related-links widget),
an Atom feed of the ``atom--...`` items and a WARC file of the ``warc--...`` items as HTML
responses. Re-running it gives the same articles (the gzip timestamps of the WARC differ).
Every article is fictional, written by the wirelens team.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
from pathlib import Path

HERE = Path(__file__).parent
SOURCES, CORPUS = HERE / "sources", HERE / "corpus"
OUTLETS = {
    "courier": "The Norvale Courier",
    "flare": "The Daily Flare",
    "ledger": "Northern Ledger",
    "coastline": "Coastline Radio News",
    "newsbeam": "NewsBeam",
    "metro": "Metro Brief",
    "islandvoice": "Island Voice",
    "nws": "Northern Wire Service",
    "dailyscroll": "DailyScroll",
    "scoopline": "Scoopline",
}
MARK = "FICTIONAL: written by the wirelens team as a sample; every person and outlet is invented."


def _page(outlet: str, title: str, paragraphs: list[str], author: str = "", date: str = "") -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "publisher": {"@type": "Organization", "name": outlet},
    }
    if author:
        ld["author"] = {"@type": "Person", "name": author}
    if date:
        ld["datePublished"] = date
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    byline = f'<p class="byline">By {html.escape(author)}</p>' if author else ""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return f"""<!DOCTYPE html>
<!-- {MARK} -->
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(outlet)}</title>
<meta property="og:site_name" content="{html.escape(outlet)}">{meta}
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>var ads = []; ads.push("slot-1");</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>{html.escape(title)}</h1>{byline}
{body}
</article>
<aside class="related"><h3>Related</h3><a href="/r1">More from {html.escape(outlet)}</a></aside>
<footer>Sign up for our newsletter. (c) 2026 {html.escape(outlet)}</footer>
</body></html>
"""


def _sources(prefix: str) -> list[tuple[str, str, list[str]]]:
    items = []
    for path in sorted(SOURCES.glob(f"{prefix}--*.txt")):
        _, outlet, name = path.stem.split("--")
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        items.append((OUTLETS[outlet], name, lines))
    return items


def write_html() -> None:
    for outlet, name, lines in _sources("html"):
        author, date = lines[1].split("|")
        page = _page(outlet, lines[0], lines[2:], author, date)
        (CORPUS / f"{name}.html").write_text(page, encoding="utf-8")


def write_atom() -> None:
    entries = []
    for outlet, name, lines in _sources("atom"):
        content = html.escape("".join(f"<p>{html.escape(p)}</p>" for p in lines[2:]))
        entries.append(f"""<entry><title>{html.escape(lines[0])}</title>
<id>urn:fictional:coastline:{name}</id><link href="https://coastline.example/{name}"/>
<published>{lines[1]}</published><updated>{lines[1]}</updated>
<author><name>{html.escape(outlet)} newsroom</name></author>
<content type="html">{content}</content></entry>""")
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- {MARK} -->
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coastline Radio News</title>
<id>urn:fictional:coastline</id><updated>2026-03-13T12:00:00Z</updated>
{chr(10).join(entries)}
</feed>
"""
    (CORPUS / "coastline-radio.atom").write_text(feed, encoding="utf-8")


def _record_id(name: str) -> str:
    digest = hashlib.sha256(name.encode()).hexdigest()
    parts = (digest[:8], digest[8:12], "4" + digest[13:16], "8" + digest[17:20], digest[20:32])
    return "<urn:uuid:" + "-".join(parts) + ">"


def write_warc() -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for outlet, name, lines in _sources("warc"):
        page = _page(outlet, lines[0], lines[1:]).encode("utf-8")
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://{outlet.lower().replace(' ', '')}.example/{name}",
            "response",
            payload=io.BytesIO(page),
            http_headers=headers,
            warc_headers_dict={
                "WARC-Date": "2026-03-15T10:00:00Z",
                "WARC-Record-ID": _record_id(name),
            },
        )
        writer.write_record(record)
    (CORPUS / "archive.warc.gz").write_bytes(buffer.getvalue())


if __name__ == "__main__":
    write_html()
    write_atom()
    write_warc()
    print("wrote HTML pages, coastline-radio.atom and archive.warc.gz into", CORPUS)
