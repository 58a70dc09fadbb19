"""Data tables for :mod:`wirelens.clean.markup`: where publication dates hide in markup.

Each entry names a ``<meta>`` attribute value (compared case-insensitively) and the
``Published.source`` / confidence a date found there gets. Open Graph style properties are the
most reliable after JSON-LD because publishers fill them for social cards; the looser names
(``date``, ``pubdate``) are common but sometimes hold a modification or crawl date.
"""

from __future__ import annotations

#: JSON-LD ``@type`` values whose ``datePublished`` is the article's own date.
JSONLD_ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "report",
        "techarticle",
        "scholarlyarticle",
        "webpage",
        "medicalwebpage",
        "howto",
        "recipe",
        "review",
        "creativework",
    }
)

#: JSON-LD keys holding the first publication date, best first.
JSONLD_DATE_KEYS: tuple[str, ...] = ("datePublished", "dateCreated", "uploadDate")

#: ``<meta property|name|itemprop=...>`` -> (source, confidence), best first.
META_DATES: tuple[tuple[str, str, float], ...] = (
    ("article:published_time", "opengraph", 0.9),
    ("og:published_time", "opengraph", 0.9),
    ("og:article:published_time", "opengraph", 0.9),
    ("datepublished", "meta", 0.85),
    ("parsely-pub-date", "meta", 0.85),
    ("sailthru.date", "meta", 0.8),
    ("dc.date.issued", "meta", 0.8),
    ("dcterms.issued", "meta", 0.8),
    ("dcterms.created", "meta", 0.75),
    ("dc.date.created", "meta", 0.75),
    ("article.published", "meta", 0.8),
    ("article_date_original", "meta", 0.8),
    ("publish-date", "meta", 0.8),
    ("publish_date", "meta", 0.8),
    ("publishdate", "meta", 0.8),
    ("published_time", "meta", 0.8),
    ("pubdate", "meta", 0.75),
    ("original-publish-date", "meta", 0.8),
    ("cxenseparse:recs:publishtime", "meta", 0.8),
    ("date", "meta", 0.6),
    ("dc.date", "meta", 0.6),
)

#: Confidence of a ``<time datetime pubdate>`` / ``<time itemprop=datePublished>`` element.
TIME_ELEMENT_CONFIDENCE = 0.75

#: Confidence of htmldate's guess from markup (no free-text heuristics): the last resort.
HTMLDATE_CONFIDENCE = 0.5

#: The earliest year a web page date is believed (anything older is markup noise).
MIN_YEAR = 1995

#: A ``Headline | Tail`` title loses its tail when the tail has at most this many words.
SITE_SUFFIX_MAX_WORDS = 4

#: Leading words of a byline that are not part of the name ("By", "Written by", "Author:").
AUTHOR_PREFIX = r"^\s*(?:(?:written|posted|reviewed|authored|words)\s+by|by|authors?)\s*[:\-]?\s+"

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

#: What trails a name in a byline block and is not part of it: a date, "Last updated ...".
AUTHOR_TAIL = (
    r"\s+(?:(?:last\s+)?(?:updated|published|posted|modified)\b.*"
    rf"|{_MONTHS}\.?\s+\d{{1,2}}\b.*|\d{{1,2}}\s+{_MONTHS}\b.*|\d{{4}}-\d{{2}}-\d{{2}}.*)$"
)

#: Placeholder bylines that name nobody (compared case-insensitively).
AUTHOR_PLACEHOLDERS: frozenset[str] = frozenset(
    {"the author", "author", "admin", "administrator", "staff", "editor", "guest", "anonymous"}
)

#: Class or id words that mark a caption, a photo credit or a pull quote (group ``pull``).
MARKED_CLASS = (
    r"(?<![a-z])(?:(?P<pull>pull-?quote|pull_quote|pullout|pull-out)|(?:wp-)?caption(?:-text)?|"
    r"figcaption|(?:photo|image|img|media|picture)[-_]?(?:credit|caption|source)s?|credits?)(?![a-z])"
)
#: Longest marked element taken as a caption or pull quote.
MARKED_MAX_CHARS = 600
