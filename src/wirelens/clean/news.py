"""The news pass: split article text into body paragraphs and typed boilerplate parts.

Shared by scraped text and the text trafilatura extracts from HTML. The text is cut into lines
(a paragraph per line or per blank-line block); each line is either boilerplate, classified by
the data tables in :mod:`wirelens.clean.patterns` into a typed :class:`~wirelens.model.Part`, or
body. Two kinds of boilerplate are glued to body text and split off at the sentence level: a
site blurb opening a paragraph (``Get latest ... at X. "The Americans ...``) and an agency
sign-off closing one (``... in the region. (ANI)``). The dateline opening the first body
paragraphs becomes a ``dateline`` part too, so attribution never takes ``Tehran [Iran]`` for a
speaker.

Every part keeps offsets into the text the pass ran on (``text[p.start:p.end] == p.text``);
the body is the remaining paragraphs joined by blank lines. Line-wrapped input (one sentence
per line, hard-wrapped lines) is read as running text: a line that goes on the sentence above
it joins that paragraph, its line break read as a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from wirelens.clean import patterns as table
from wirelens.meta.agencies import agency_name, canonical, find_agency
from wirelens.meta.byline import Byline, parse_byline
from wirelens.meta.credits import make_credit
from wirelens.meta.dateline import parse_dateline
from wirelens.model import Credit, Dateline, Part

__all__ = ["NewsText", "split_news"]

_FLAGS = re.IGNORECASE
_RULES = tuple((kind, re.compile(rx, _FLAGS), note) for kind, rx, note in table.LINE_RULES)
#: Every line rule in one alternation (group names dropped): most lines are prose that no rule
#: takes, and one match says so, before the rules are tried one by one for the first that does.
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
_ANY_RULE = re.compile(
    "|".join("(?:" + _GROUP_NAME.sub("(?:", rx) + ")" for _, rx, _ in table.LINE_RULES), _FLAGS
)
_BLURB = re.compile(table.BLURB_START, _FLAGS)
_REPORTED = re.compile(table.REPORTED_SPEECH, _FLAGS)
_SIGNOFF_END = re.compile(table.SIGNOFF_END, _FLAGS)
_SECTION_HEADLINE = re.compile(table.SECTION_HEADLINE, _FLAGS)
_BREADCRUMB = re.compile(table.BREADCRUMB, _FLAGS)
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")
_STAFF = re.compile(r"([A-Z][\w.&'’-]*(?:\s[A-Z][\w.&'’-]*){0,3})\s+[Ss]taff\b")
_FOLD = re.compile(r"[\W_]+")
_AGENCY_LINE_STRIP = " \t()[]-–—/|."
#: The speaker a pull quote is signed with: '"We will rebuild." — Mira Holt'.
_PULL_CREDIT = re.compile(r"(?<=[\"”’])\s*(?:--|—|–|-)\s*[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,4}$")
#: What a pull quote looks like: a quotation, or a sentence (not a list item, table row or
#: heading, which tables of contents and summaries repeat on purpose).
_PULL_SHAPE = re.compile(
    r"[\"“‘'«]|(?![-•·*|│]\s|\d+[.)]\s|\|).*(?:[.!?…][\"”’']?|[\"”’'](?:\s*(?:--|—|–|-)\s*\S.*)?)$"
)
#: A line that reports speech outside its quotation marks ('"...," Khamenei said.') is prose
#: that an aggregator repeated, not a pull quote.
_SPEECH = re.compile(table.SPEECH_VERBS, _FLAGS)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_CRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|/|\|)\s*")
#: Lines this close to the top may hold the headline, section label, byline.
_TOP_LINES = 6
#: Marks that open a quotation (a line starting with one is a paragraph of its own).
_QUOTE_MARKS = "\"“‘'«"
#: How a line that ends its sentence (or a heading, list item or label) ends.
_LINE_ENDS = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "]")
#: Words of a paragraph's opening that find the paragraphs that may contain it.
_REPEAT_SHINGLE = 8
#: A paragraph contained in another one is a repeat only from this length (a lede, a quote):
#: shorter sentences recur inside longer ones in ordinary prose.
_MIN_REPEAT_WORDS = 20
#: Share of a paragraph's words that another paragraph must repeat in order.
_REPEAT_SHARE = 0.97
#: Only the first body paragraphs can open with a dateline.
_DATELINE_PARAGRAPHS = 3


@dataclass(slots=True)
class _Seg:
    """A stripped line of the text and its offsets."""

    text: str
    start: int
    end: int


@dataclass
class NewsText:
    """What the news pass found: parts, body paragraphs and the metadata boilerplate carries."""

    parts: list[Part] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    headline: str | None = None
    section: str | None = None
    byline: Byline | None = None
    dateline: Dateline | None = None
    #: Agencies and outlets named by sign-offs, disclaimers and blurbs, in text order.
    signoff_agencies: list[str] = field(default_factory=list)
    disclaimer_agencies: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def _fold(text: str) -> str:
    return _FOLD.sub(" ", text.casefold()).strip()


def _segments(text: str) -> list[_Seg]:
    out = []
    for match in _LINE.finditer(text):
        raw = match[0]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        if stripped:
            start = match.start() + lead
            out.append(_Seg(stripped, start, start + len(stripped)))
    return out


def _repeats(words: list[str], other: list[str]) -> bool:
    """Nearly all of ``words`` recur, in order, in ``other`` (a copy with a name shortened)."""
    blocks = SequenceMatcher(None, words, other, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) >= _REPEAT_SHARE * len(words)


def _looks_like_headline(line: str) -> bool:
    """A first line of scraped text that reads as a headline: short, no closing full stop."""
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(line) <= 250
        and not line.endswith((".", ",", ";", ":", '"', "”", "’", "'"))
        and line[0] not in "\"“‘'("
        and parse_dateline(line + " x") is None
    )


class _Pass:
    """One run of the news pass over one text (keeps the state the rules need)."""

    def __init__(
        self, text: str, title: str | None, infer_headline: bool, marked: Iterable[tuple[str, str]]
    ) -> None:
        self.text = text
        self.title_key = _fold(title) if title else None
        #: folded text -> part kind, for lines the markup called a caption or pull quote
        self.marked = {_fold(text): kind for kind, text in marked if _fold(text)}
        self.infer_headline = infer_headline
        self.out = NewsText()
        self.body: list[_Seg] = []
        #: folded line -> index of its last occurrence (headlines too)
        self.seen: dict[str, int] = {}
        #: link titles still expected under a bare 'Related' / 'Other ... Top Stories' heading
        self.block_left = 0

    def part(self, kind: str, seg: _Seg, data: dict[str, str] | None = None) -> None:
        self.out.parts.append(
            Part(kind=kind, text=seg.text, start=seg.start, end=seg.end, data=data or {})
        )

    def sub(self, seg: _Seg, start: int, end: int) -> _Seg:
        """The stripped piece ``seg.text[start:end]`` as a segment with absolute offsets."""
        piece = seg.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        stripped = piece.strip()
        begin = seg.start + start + lead
        return _Seg(stripped, begin, begin + len(stripped))

    def run(self) -> NewsText:
        for index, seg in enumerate(_segments(self.text)):
            top = index < _TOP_LINES and not self.body
            if top and index <= 1 and self.section_headline(index, seg):
                continue
            if self.block_left and self.link_title(seg):
                continue
            self.block_left = 0
            key = _fold(seg.text)
            marked = self.marked.get(key)
            if marked is not None and self.title_key != key:
                self.part(marked, seg)
                continue
            if len(seg.text) <= table.MAX_BOILERPLATE_CHARS and self.boilerplate(seg):
                continue
            if top and self.top_line(index, seg):
                continue
            if self.is_duplicate(index, key, seg.text):
                self.part("duplicate", seg)
                continue
            self.seen[key] = index
            self.body_line(seg)
        self.find_pull_quotes()
        self.find_dateline()
        self.drop_repeats()
        self.out.parts.sort(key=lambda p: (p.start, p.end))
        self.out.paragraphs = [s.text for s in self.body if s.text]
        return self.out

    # --- the top of the article ---------------------------------------------------------------

    def section_headline(self, index: int, seg: _Seg) -> bool:
        """``World News | Headline`` on the first line (or the second, given a known title)."""
        out = self.out
        match = _SECTION_HEADLINE.fullmatch(seg.text)
        if out.headline is not None or match is None or _BREADCRUMB.fullmatch(seg.text):
            return False
        if index > 0 and self.title_key is None:
            return False
        section = self.sub(seg, match.start("section"), match.end("section"))
        headline = self.sub(seg, match.start("headline"), match.end("headline"))
        self.part("section", section)
        self.part("headline", headline)
        out.section, out.headline = section.text, headline.text
        self.seen[_fold(headline.text)] = -1
        return True

    def headline(self, seg: _Seg) -> None:
        self.part("headline", seg)
        self.out.headline = seg.text
        self.seen[_fold(seg.text)] = -1

    def top_line(self, index: int, seg: _Seg) -> bool:
        """Headline, breadcrumb or byline above the body; True if consumed.

        A line equal to the known title is the headline; otherwise, in scraped text, the first
        headline-shaped line that is not a byline is.
        """
        out = self.out
        if out.headline is None and self.title_key == _fold(seg.text):
            self.headline(seg)
            return True
        crumb = _BREADCRUMB.fullmatch(seg.text)
        if crumb and out.section is None and len(seg.text) <= 120:
            steps = [s for s in _CRUMB_SPLIT.split(crumb["trail"]) if s]
            if steps:
                out.section = steps[-1]
                self.part("section", seg, {"section": steps[-1]})
                return True
        if out.byline is not None and out.byline.agency is None and " " in seg.text:
            agency = canonical(seg.text)
            if agency is not None:  # 'By JANE DOE' then 'Associated Press' on its own line
                out.byline.agency = out.byline.org = agency
                self.part("byline", seg, {"agency": agency})
                return True
        if out.byline is None:
            byline = parse_byline(seg.text)
            if byline is not None:
                out.byline = byline
                data = {"authors": "; ".join(byline.authors)}
                if byline.org:
                    data["org"] = byline.org
                if byline.agency:
                    data["agency"] = byline.agency
                self.part("byline", seg, data)
                return True
        if (
            out.headline is None
            and self.infer_headline
            and index <= 2
            and _looks_like_headline(seg.text)
        ):
            self.headline(seg)
            return True
        return False

    def is_duplicate(self, index: int, key: str, line: str) -> bool:
        """A line repeating the headline, a line just above, or an earlier prose paragraph.

        Lists, tables and recipes repeat short lines far apart on purpose; scraping glitches
        repeat a paragraph (usually the lede or a caption) close by or verbatim in full.
        """
        last = self.seen.get(key)
        if last is None or len(line) < table.MIN_DUPLICATE_CHARS:
            return False
        if last < 0:
            return True
        words = len(line.split())
        if index - last <= table.DUPLICATE_WINDOW:
            return words >= table.MIN_NEAR_DUPLICATE_WORDS
        return words >= table.MIN_DUPLICATE_WORDS and line.endswith(_SENTENCE_END)

    # --- whole-line boilerplate ---------------------------------------------------------------

    def boilerplate(self, seg: _Seg) -> bool:
        """Classify a whole line by the data tables; True when it is boilerplate."""
        agency = self.agency_line(seg.text)
        if agency is not None:
            self.out.signoff_agencies.append(agency)
            self.part("signoff", seg, {"agency": agency})
            return True
        blurb = _BLURB.fullmatch(seg.text)
        if blurb is not None:
            self.blurb(seg, blurb)
            return True
        if _ANY_RULE.fullmatch(seg.text) is None:
            return False
        for kind, rule, _note in _RULES:
            match = rule.fullmatch(seg.text)
            if match is None:
                continue
            if kind in table.GUARDED_KINDS and _REPORTED.search(seg.text):
                return False
            data = self.data(kind, match)
            if data is None:
                continue
            self.part(kind, seg, data)
            if kind == "related" and "headline" not in data:
                self.block_left = table.RELATED_BLOCK_LINES
            return True
        return False

    def link_title(self, seg: _Seg) -> bool:
        """A headline-shaped line under a bare related-stories heading: one of its links."""
        title = seg.text.lstrip("-•·* ").strip()
        words = len(title.split())
        if not (2 <= words <= table.MAX_LINK_TITLE_WORDS) or title.endswith((".", ",", ";", ":")):
            return False
        self.part("related", seg, {"headline": title})
        self.block_left -= 1
        return True

    def agency_line(self, line: str) -> str | None:
        """A line that is only an agency name: ``(ANI)``, ``-- Reuters``, ``IANS``."""
        core = line.strip(_AGENCY_LINE_STRIP)
        if not core or len(core) > 40 or (core == line.strip() and not core.isupper()):
            return None
        known = canonical(core)
        if known:
            return known
        if line.lstrip().startswith("(") and line.rstrip().endswith(")"):
            return agency_name(core)
        return None

    def data(self, kind: str, match: re.Match[str]) -> dict[str, str] | None:
        """Structured data for a matched rule; None to reject the match."""
        groups = {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}
        data: dict[str, str] = {}
        if kind == "related":
            headline = groups.get("headline", "").rstrip(" .")
            if headline:
                data["headline"] = headline
        elif kind == "disclaimer":
            agency = agency_name(groups["agency"]) if "agency" in groups else None
            agency = agency or find_agency(match[0])
            if agency:
                data["agency"] = agency
                self.out.disclaimer_agencies.append(agency)
            outlet = groups.get("outlet", "").rstrip(" .)") or _staff_outlet(match[0])
            if outlet:
                data["outlet"] = outlet
                self.out.outlets.append(outlet)
        elif kind == "signoff":
            written = groups.get("agency", "")
            agency = (agency_name(written) or find_agency(written)) if written else None
            agency = agency or find_agency(match[0])
            if agency:
                data["agency"] = agency
                self.out.signoff_agencies.append(agency)
        elif kind == "other":
            data["role"] = "timestamp"
        elif kind == "caption":
            holder = groups.get("credit") or groups.get("credit2") or groups.get("wire")
            if holder:
                credit = make_credit(holder)
                if "wire" in groups and find_agency(holder) is None:
                    return None  # 'UX/UI Designer' is not 'REUTERS/Photographer'
                self.out.credits.append(credit)
                data["credit"] = credit.text
                if credit.agency:
                    data["agency"] = credit.agency
        return data

    def blurb(self, seg: _Seg, match: re.Match[str]) -> None:
        outlet = match["outlet"].rstrip(".")
        self.out.outlets.append(outlet)
        piece = self.sub(seg, match.start("blurb"), match.end("blurb"))
        self.part("blurb", piece, {"outlet": outlet})

    # --- body lines ---------------------------------------------------------------------------

    def body_line(self, seg: _Seg) -> None:
        """Keep a body line, splitting off a glued blurb (start) and sign-off (end)."""
        blurb = _BLURB.match(seg.text)
        if blurb is not None and blurb.end() < len(seg.text):
            self.blurb(seg, blurb)
            seg = self.sub(seg, blurb.end(), len(seg.text))
        signoff = _SIGNOFF_END.search(seg.text)
        if signoff is not None and signoff["endmark"]:
            self.part("signoff", self.sub(seg, signoff.start("signoff"), signoff.end("signoff")))
            seg = self.sub(seg, 0, signoff.start("signoff"))
            signoff = _SIGNOFF_END.search(seg.text)
        if signoff is not None and not signoff["endmark"]:
            written = signoff["agency"] or signoff["agency2"] or signoff["agency3"] or ""
            agency = agency_name(written) or find_agency(written)
            inputs = signoff["agency3"] is not None  # '(With inputs from agencies)'
            if inputs or (agency is not None and (canonical(agency) or written.isupper())):
                piece = self.sub(seg, signoff.start("signoff"), signoff.end("signoff"))
                self.part("signoff", piece, {"agency": agency} if agency else {})
                if agency:
                    self.out.signoff_agencies.append(agency)
                seg = self.sub(seg, 0, signoff.start("signoff"))
        if seg.text and self.body and self.wrapped(self.body[-1], seg):
            last = self.body[-1]
            joined = self.text[last.start : seg.end].replace("\n", " ")
            self.body[-1] = _Seg(joined, last.start, seg.end)
        elif seg.text:
            self.body.append(seg)

    def find_pull_quotes(self) -> None:
        """Move to ``pullquote`` parts the short lines that repeat a piece of a longer paragraph.

        A pull quote is a sentence or phrase of the article set in large type beside it, often
        in quotation marks with a dash and the speaker's name (never 'X said': that is prose
        repeated), set within a few paragraphs of its source. Exact repeats of a whole
        paragraph are the duplicate rule's; this takes strict pieces only.
        """
        padded = [f" {_fold(seg.text)} " for seg in self.body]
        sizes = [len(p.split()) for p in padded]
        kept: list[_Seg] = []
        for index, seg in enumerate(self.body):
            if not _PULL_SHAPE.match(seg.text) or _SPEECH.search(_QUOTED.sub("", seg.text)):
                kept.append(seg)
                continue
            core = _fold(_PULL_CREDIT.sub("", seg.text))
            words = len(core.split())
            inside = f" {core} "
            if table.MIN_PULL_QUOTE_WORDS <= words <= table.MAX_PULL_QUOTE_WORDS and any(
                sizes[near] >= words + table.PULL_QUOTE_MARGIN_WORDS
                and words <= table.PULL_QUOTE_MAX_SHARE * sizes[near]
                and inside in padded[near]
                for near in range(
                    max(0, index - table.PULL_QUOTE_WINDOW),
                    min(len(padded), index + table.PULL_QUOTE_WINDOW + 1),
                )
                if near != index
            ):
                self.part("pullquote", seg)
            else:
                kept.append(seg)
        self.body = kept

    def wrapped(self, last: _Seg, seg: _Seg) -> bool:
        """Whether ``seg`` goes on the sentence of the line before it (line-wrapped input).

        Tokenised corpora and transcripts put one sentence per line, and hard-wrapped text
        breaks lines mid-sentence; read line by line, a quote that spans two lines is cut in two
        and its tag given to the wrong words. A line goes on the one right above it (a single
        line break between them) when that line leaves a quotation open or stops mid-sentence
        before a lower-case word. A line opening with a quote mark starts a paragraph of its
        own: that is how a quotation continued across paragraphs is written.
        """
        if self.text.count("\n", last.end, seg.start) != 1 or seg.text[0] in _QUOTE_MARKS:
            return False
        straight = last.text.count('"') % 2 == 1
        curly = last.text.count("“") > last.text.count("”")
        mid_sentence = not last.text.endswith(_LINE_ENDS) and seg.text[0].islower()
        return straight or curly or mid_sentence

    def drop_repeats(self) -> None:
        """A prose paragraph that another body paragraph repeats is a ``duplicate`` part.

        A teaser after the site blurb repeats the lede with a sourcing phrase added or a name
        spelled out (``Alvaro Pineda said, according to ...`` / ``Pineda said``); exact repeats
        are caught line by line, but these copies differ, and each would be attributed on its
        own. The shorter copy goes when nearly all its words recur in order in the other; the
        fuller one stays, so nothing it adds is lost (of two equal copies the first stays).
        """
        keys = [_fold(seg.text).split() for seg in self.body]
        openings: dict[str, set[int]] = {}
        for i, words in enumerate(keys):
            for j in range(max(len(words) - _REPEAT_SHINGLE + 1, 0)):
                openings.setdefault(" ".join(words[j : j + _REPEAT_SHINGLE]), set()).add(i)
        dropped: set[int] = set()
        for i, (seg, words) in enumerate(zip(self.body, keys, strict=True)):
            if len(words) < _MIN_REPEAT_WORDS or not seg.text.endswith(_SENTENCE_END):
                continue
            head = " ".join(words[:_REPEAT_SHINGLE])
            for j in sorted(openings.get(head, set()) - {i} - dropped):
                if (len(keys[j]) > len(words) or j < i) and _repeats(words, keys[j]):
                    self.part("duplicate", seg, {"repeats": str(self.body[j].start)})
                    dropped.add(i)
                    break
        self.body = [seg for i, seg in enumerate(self.body) if i not in dropped]

    def find_dateline(self) -> None:
        """Split the dateline off the first body paragraph that opens with one."""
        for i, seg in enumerate(self.body[:_DATELINE_PARAGRAPHS]):
            found = parse_dateline(seg.text)
            if found is None:
                continue
            dateline, length = found
            self.part("dateline", self.sub(seg, 0, length), _dateline_data(dateline))
            self.body[i] = self.sub(seg, length, len(seg.text))
            self.out.dateline = dateline
            return


def _staff_outlet(text: str) -> str:
    """The publisher a disclaimer names as ``X staff`` (not an agency's staff), else ''."""
    for match in _STAFF.finditer(text):
        name = match[1]
        if not canonical(name):
            return name
    return ""


def _dateline_data(dateline: Dateline) -> dict[str, str]:
    fields = {
        "place": dateline.place,
        "country": dateline.country,
        "date": dateline.date,
        "agency": dateline.agency,
    }
    return {k: v for k, v in fields.items() if v}


def split_news(
    text: str,
    *,
    title: str | None = None,
    infer_headline: bool = True,
    marked: Iterable[tuple[str, str]] = (),
) -> NewsText:
    """Run the news pass over ``text``.

    ``title`` (from the feed or the page's metadata) lets a first line equal to it be taken as
    the headline; ``infer_headline`` also takes a headline-shaped first line of scraped text;
    ``marked`` holds ``(kind, text)`` of elements the markup calls captions or pull quotes
    (:attr:`~wirelens.clean.markup.HtmlExtract.marked`): a line equal to one is that part.
    """
    return _Pass(text, title, infer_headline, marked).run()
