"""Search that never fails, on both backends: plain words and phrases whatever their
punctuation, full-text syntax only when asked, case-insensitive outlets, the undated count, the
source column, ``quotes --text``, facets and pages.

Documents are fictional one-paragraph items written here.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from wirelens.cli import main
from wirelens.errors import NotFoundError, QueryError, StoreError
from wirelens.model import Document
from wirelens.run import ingest
from wirelens.store import open_store
from wirelens.store.base import Store
from wirelens.store.fts import phrases, safe_query
from wirelens.store.records import SearchHit

DOCS = [
    Document(
        content=(
            "Tanker line warns of Iran's port delays\n\n"
            "Shipping director Lena Ortiz said on Monday that Iran's main oil port was "
            'running two days behind. "Every tanker is waiting," Ortiz told reporters.\n'
        ),
        kind="text",
        source="fiction-tanker",
        outlet="Gulf Ledger",
        published="2026-03-02T08:00:00Z",
    ),
    Document(
        content=(
            "Startup co-founder leaves ferry app\n\n"
            "The co-founder of the ferry booking app Wavely, Tomas Berg, said he would step "
            'down in April. "I built it to fix my own commute," Berg said.\n'
        ),
        kind="text",
        source="fiction-cofounder",
        outlet="Harbour Post",
        published="2026-04-15",
    ),
    Document(
        content=(
            "Ferry timetable study delayed again\n\n"
            "Island councillor Dana Reyes said the ferry timetable study would not be ready "
            'before summer. "Islanders deserve an answer," Reyes said.\n'
        ),
        kind="text",
        source="fiction-undated",
        outlet="Harbour Post",
    ),
]


@pytest.fixture
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        assert ingest(DOCS, store).new == 3
    return store_url


def test_phrases_and_safe_query() -> None:
    assert phrases('Iran\'s "ferry  subsidy" co-founder !!! ""') == [
        "Iran's",
        "ferry subsidy",
        "co-founder",
    ]
    assert safe_query("Iran's co-founder") == '"Iran\'s" "co-founder"'
    assert safe_query("*** ^ ()") == ""
    assert safe_query('ferry OR "x', "fts") == 'ferry OR "x'
    with pytest.raises(QueryError, match="unknown query syntax"):
        safe_query("x", "regex")
    with pytest.raises(QueryError, match="too long"):
        safe_query("word " * 1000)


@pytest.mark.parametrize(
    ("query", "source"),
    [
        ("Iran's", "fiction-tanker"),
        ("co-founder", "fiction-cofounder"),
        ('"ferry booking app"', "fiction-cofounder"),
        ("tanker waiting", "fiction-tanker"),
    ],
)
def test_plain_words_always_work(db: str, query: str, source: str) -> None:
    with open_store(db) as store:
        hits = store.search(query)
    assert [h["source"] for h in hits] == [source]
    assert set(hits[0]) >= {"id", "title", "outlet", "published", "source", "snippet", "score"}


@pytest.mark.parametrize(
    "query", ['"', "NEAR(", "a AND", "-", "*", "x:y", "'", "(((", "\x00", "OR", "   ", "🙂"]
)
def test_plain_search_never_raises(db: str, query: str) -> None:
    with open_store(db) as store:
        assert isinstance(store.search(query), list)
        assert isinstance(store.facets(query), dict)
        assert isinstance(store.undated(query), int)


def test_fts_syntax_is_opt_in(db: str) -> None:
    with open_store(db) as store:
        either = store.search("tanker OR commute", syntax="fts")
        assert {h["source"] for h in either} == {"fiction-tanker", "fiction-cofounder"}
        # in plain syntax OR is just a word: no article has all three
        assert store.search("tanker OR commute") == []
        if db.endswith(".db"):  # FTS5 rejects this; PostgreSQL's web search accepts anything
            with pytest.raises(QueryError, match="bad search query"):
                store.search("tanker AND", syntax="fts")


def test_outlet_ignores_case(db: str) -> None:
    with open_store(db) as store:
        assert len(store.search("ferry", outlet="harbour post")) == 2
        assert len(store.search("ferry", outlet="HARBOUR POST")) == 2
        assert len(store.quotes(outlet="gulf ledger")) >= 1
        assert store.count(outlet="harbour POST") == 2
        assert len(store.articles(outlet="Harbour post")) == 2


def test_since_counts_undated(db: str) -> None:
    with open_store(db) as store:
        hits = store.search("ferry", since="2026-01-01")
        assert [h["source"] for h in hits] == ["fiction-cofounder"]
        assert store.undated("ferry") == 1
        assert store.undated("tanker") == 0
        with pytest.raises(QueryError, match="ISO date"):
            store.search("ferry", since="last week")


def test_cli_search_says_what_the_date_filter_left_out(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "ferry", "--since", "2026-01-01", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert "fiction-cofounder" in out and "source" in out
    assert "left out 1 undated matching article" in err
    assert main(["search", "Iran's", "--db", db]) == 0
    assert main(["search", "co-founder", "--outlet", "harbour post", "--db", db]) == 0
    assert "1 match(es)" in capsys.readouterr().out
    assert main(["search", "tanker AND", "--syntax", "fts", "--db", db]) == (
        2 if db.endswith(".db") else 0
    )


def test_quotes_text(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        rows = store.quotes(text="commute")
        assert [r["speaker"] for r in rows] == ["Tomas Berg"]
        row = rows[0]
        assert row["source"] == "fiction-cofounder" and row["published"] == "2026-04-15"
        assert row["outlet"] == "Harbour Post" and row["title"].startswith("Startup")
        assert store.quotes(text="Iran's") == [] or all(
            "Iran" in r["quote"] for r in store.quotes(text="Iran's")
        )
        assert store.quotes(text="!!!") == []
        assert store.quotes(text="waiting", speaker="Ortiz")[0]["speaker"] == "Lena Ortiz"
    assert main(["quotes", "--text", "deserve answer", "--db", db]) == 0
    assert "Dana Reyes" in capsys.readouterr().out


@pytest.mark.parametrize(
    "filters",
    [
        {"outlet": "HARBOUR POST"},
        {"since": "2026-04-01"},
        {"until": "2026-03-31"},
        {"outlet": "harbour post", "since": "2026-01-01"},
        {"speaker": "Berg", "until": "2026-12-31"},
    ],
)
def test_filtered_search_keeps_exactly_the_passing_matches(
    db: str, filters: dict[str, str]
) -> None:
    """Filters intersect the matches exactly as a filter over every hit would."""
    found = 0
    with open_store(db) as store:
        for query in ("said", "ferry", "Iran's"):
            every = store.search(query, limit=100)
            kept = store.search(query, limit=100, **filters)  # type: ignore[arg-type]
            expected = {h["id"] for h in every if _passes(store, h, filters)}
            assert {h["id"] for h in kept} == expected, (query, filters)
            assert [h["score"] for h in kept] == sorted(h["score"] for h in kept)[:: _order(db)]
            found += len(kept)
    assert found  # every filter keeps something of these queries


def _order(db: str) -> int:
    return 1 if db.endswith(".db") else -1  # bm25: lower is better; ts_rank: higher


def _passes(store: Store, hit: SearchHit, filters: dict[str, str]) -> bool:
    day = (hit["published"] or "")[:10]
    if "outlet" in filters and (hit["outlet"] or "").lower() != filters["outlet"].lower():
        return False
    if "since" in filters and not (day and day >= filters["since"]):
        return False
    if "until" in filters and not (day and day <= filters["until"]):
        return False
    if "speaker" in filters:
        names = {a.speaker.name for a in store.get(hit["id"]).attributions if a.speaker}
        return any(name and name.endswith(filters["speaker"]) for name in names)
    return True


def _counted(store: Store, query: str, scan: int) -> dict[str, Counter[str]]:
    """Facets counted by hand from the best ``scan`` hits and their stored analyses."""
    counts: dict[str, Counter[str]] = {
        "outlet": Counter(),
        "month": Counter(),
        "speaker": Counter(),
    }
    for hit in store.search(query, limit=scan):
        analysis = store.get(hit["id"])
        counts["outlet"][analysis.article.outlet or ""] += 1
        if hit["published"]:
            counts["month"][hit["published"][:7]] += 1
        named = {a.speaker.name for a in analysis.attributions if a.speaker and a.speaker.name}
        counts["speaker"].update(named)
    return counts


@pytest.mark.parametrize("query", ["said", "ferry", "Iran's"])
def test_facets_count_the_best_matches(db: str, query: str) -> None:
    """Facets equal a hand count over the same best hits, whatever ``scan`` takes in."""
    with open_store(db) as store:
        for scan in (1, 2, 20):
            facets = store.facets(query, scan=scan)
            expected = _counted(store, query, scan)
            for name in ("outlet", "month", "speaker"):
                assert dict(facets[name]) == dict(expected[name]), (name, scan)
        top = store.search(query, limit=1)[0]
        assert store.facets(query, scan=1)["outlet"] == [(top["outlet"], 1)]


def test_facets_and_pages(db: str) -> None:
    with open_store(db) as store:
        facets = store.facets("ferry")
        assert dict(facets["outlet"]) == {"Harbour Post": 2}
        assert dict(facets["month"]) == {"2026-04": 1}
        assert {"Tomas Berg", "Dana Reyes"} <= dict(facets["speaker"]).keys()
        first = store.search("ferry", limit=1)
        second = store.search("ferry", limit=1, offset=1)
        assert len(first) == len(second) == 1 and first[0]["id"] != second[0]["id"]
        newest = store.articles(limit=3)
        assert [a["source"] for a in newest] == [
            "fiction-cofounder",
            "fiction-tanker",
            "fiction-undated",
        ]
        assert store.speakers(limit=1, offset=1) == store.speakers(limit=2)[1:]


def test_speaker_profile_and_unknown_ids(db: str) -> None:
    with open_store(db) as store:
        profile = store.speaker("Berg")
        assert profile is not None and profile["name"] == "Tomas Berg"
        assert profile["months"] == [("2026-04", profile["count"])]
        assert {o for o, _, _ in profile["outlets_chains"]} == {"Harbour Post"}
        assert store.speaker("Nobody Atall") is None
        with pytest.raises(NotFoundError):
            store.get("0000000000")
        with pytest.raises(NotFoundError):
            store.get("%")
        assert store.optional_rows("stories") == []  # linking tables exist, still empty
        with pytest.raises(QueryError):
            store.optional_rows("articles")


def test_read_only_connection_refuses_writes(db: str) -> None:
    with open_store(db) as store:
        store.read_only()
        analysis = store.get(store.articles(limit=1)[0]["id"])
        assert store.count() == 3
        with pytest.raises(StoreError, match="cannot write"):
            store.add([analysis])


def test_rank_window_keeps_the_newest_matches(db: str) -> None:
    with open_store(db) as store:
        everything = store.search("ferry")
        assert len(everything) == 2
        store.rank_window = 1
        newest = store.search("ferry")
        if db.endswith(".db"):  # SQLite ranks a window; PostgreSQL ranks every match
            assert [h["source"] for h in newest] == ["fiction-undated"]  # stored last
            # with filters: the newest match that passes them
            kept = store.search("ferry", outlet="harbour post")
            assert [h["source"] for h in kept] == ["fiction-undated"]
            assert store.search("ferry", outlet="Nowhere Daily") == []
            # the window is taken after the filters: the newer undated match does not hide
            # the dated one
            dated = store.search("ferry", since="2026-01-01")
            assert [h["source"] for h in dated] == ["fiction-cofounder"]
        else:
            assert newest == everything


def test_min_confidence_quotes_and_export(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    """``--min-confidence`` keeps only attributions at or above it, in quotes and export."""
    with open_store(db) as store:
        every = store.quotes(limit=100)
        levels = sorted({r["confidence"] for r in every})
        assert len(levels) >= 2  # the fixtures' paths have different measured precisions
        cut = levels[-1]
        high = store.quotes(limit=100, min_confidence=cut)
        assert 0 < len(high) < len(every)
        assert all(r["confidence"] >= cut for r in high)
    assert main(["quotes", "--min-confidence", str(cut), "--limit", "100", "--db", db]) == 0
    shown = capsys.readouterr().out
    assert all(r["speaker"] in shown for r in high if r["speaker"])
    assert main(["export", "--min-confidence", str(cut), "--db", db]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert len(rows) == len(high)
    assert main(["export", "--what", "articles", "--min-confidence", "0.5", "--db", db]) == 2


def test_article_listing_is_newest_first_from_an_index(db: str) -> None:
    """The listings (home page, /articles) come newest first with undated last, read in that
    order from ``articles_newest`` (migration 0010): no sort of the whole corpus per page."""
    with open_store(db) as store:
        rows = store.articles(limit=10)
        assert [r["source"] for r in rows] == [
            "fiction-cofounder",
            "fiction-tanker",
            "fiction-undated",
        ]
        listing = "SELECT a.id FROM articles a ORDER BY a.published DESC NULLS LAST, a.id LIMIT 20"
        if db.startswith("postgresql"):
            names = store._execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'articles' "
                "AND schemaname = current_schema()"
            ).fetchall()
            assert ("articles_newest",) in names
        else:
            plan = " ".join(str(r[-1]) for r in store._execute("EXPLAIN QUERY PLAN " + listing))
            assert "articles_newest" in plan and "TEMP B-TREE" not in plan


# --- found by fuzzing search and its filters (session 11) --------------------------------------


def test_nul_and_lone_surrogates_in_queries_and_filters_match_nothing_and_never_fail(
    db: str,
) -> None:
    """Before, a NUL in a filter made PostgreSQL refuse the statement, answered as a damaged
    store (StoreError, 503), and a lone surrogate (a non-UTF-8 command-line argument) raised
    UnicodeEncodeError on both backends. Now the query reads them as spaces and a filter
    holding them matches nothing."""
    with open_store(db) as store:
        assert [h["source"] for h in store.search("tanker\ud800waiting")] == ["fiction-tanker"]
        assert [h["source"] for h in store.search("tanker\x00", syntax="fts")] == ["fiction-tanker"]
        for bad in ("Gulf\x00Ledger", "Gulf\udcffLedger"):
            assert store.search("tanker", outlet=bad) == []
            assert store.search("tanker", speaker=bad) == []
            assert store.facets("tanker", outlet=bad, speaker=bad)["outlet"] == []
            assert store.undated("ferry", outlet=bad, speaker=bad) == 0
            assert store.count(outlet=bad) == 0 and store.articles(outlet=bad) == []
            assert store.quotes(text=f"waiting{bad}", outlet=bad, speaker=bad) == []
            assert store.speaker(bad) is None


_PIECES = [
    "ferry", "Iran's", "Ortiz", '"', "'", "*", "^", "(", ")", "OR", "NOT", "NEAR(", "-", ":",
    "title:", "{", "\\", "%", "_", "&", "|", "!", "<->", "~", "\x00", "\ud800", "\u200b",
    "\ufeff", "é", "中文", "🙂", "\n", " ", "x" * 200,
]  # fmt: skip


def test_random_user_strings_never_fail_a_plain_search(db: str) -> None:
    """Seeded fuzz of every read that takes user text (the search that found the defect
    above): 120 random strings as query, outlet, speaker and quote text. Plain syntax never
    raises; full-text syntax raises nothing but QueryError."""
    rng = random.Random(11)
    bad_fts = 0
    with open_store(db) as store:
        for _ in range(120):
            text, outlet, speaker = (
                "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 6))) for _ in range(3)
            )
            filters = {"outlet": outlet, "speaker": speaker, "since": rng.choice([None, "2026"])}
            store.search(text, **filters)
            store.facets(text, **filters)
            store.undated(text, outlet=outlet, speaker=speaker)
            store.quotes(text=text, outlet=outlet, speaker=speaker)
            store.count(outlet=outlet)
            store.speaker(speaker)
            try:
                store.search(text, syntax="fts", outlet=rng.choice([None, outlet]))
            except QueryError:
                bad_fts += 1
    assert bad_fts < 120  # most random text is still a query the backend answers


@pytest.mark.parametrize(
    "command", [["search", "ferry"], ["quotes"], ["speakers"], ["stories"], ["failures"]]
)
def test_limit_past_sql_integers_is_a_usage_error(
    db: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Before, ``--limit 99999999999999999999`` reached the database and raised
    OverflowError, a traceback (found by fuzzing the commands); now it is refused by the
    option itself, exit 2, and the largest accepted limit still works."""
    assert main([*command, "--limit", "9" * 20, "--db", db]) == 2
    assert "Invalid value for '--limit'" in capsys.readouterr().err
    assert main([*command, "--limit", str(2**62), "--db", db]) == 0


@pytest.mark.parametrize(
    ("limit", "offset"), [(-1, 0), (20, -1), (2**63, 0)], ids=["limit", "offset", "past-sql"]
)
def test_out_of_range_pages_through_the_api_are_query_errors(
    db: str, limit: int, offset: int
) -> None:
    """The CLI and the web app bound limit and offset; through the Python API a negative one
    reached the backends, which disagreed (SQLite: no limit; PostgreSQL: a StoreError, as if
    the store were damaged). Every listing now answers one QueryError on both."""
    with open_store(db) as store:
        calls = [
            lambda: store.search("tanker", limit=limit, offset=offset),
            lambda: store.quotes(limit=limit, offset=offset),
            lambda: store.articles(limit=limit, offset=offset),
            lambda: store.speakers(limit=limit, offset=offset),
            lambda: store.optional_rows("stories", limit=limit, offset=offset),
            lambda: store.failures(limit=limit if offset == 0 else -1),
            lambda: store.stale("x", limit=limit if offset == 0 else -1),
        ]
        for call in calls:
            with pytest.raises(QueryError, match="must be between 0 and"):
                call()
        assert store.quotes(limit=0) == [] and len(store.articles(limit=3)) == 3


@pytest.mark.parametrize("bad", ["2026-13", "2026-00-10", "2026-02-32", "２０２６-03-01", "26-03"])
def test_impossible_or_non_ascii_dates_are_query_errors(db: str, bad: str) -> None:
    """A month 13, a day 32 or full-width digits compared as text with stored dates matched
    nothing or everything without a word; now they are refused like any non-date."""
    with open_store(db) as store:
        with pytest.raises(QueryError, match="expects an ISO date"):
            store.search("tanker", since=bad)
        with pytest.raises(QueryError, match="expects an ISO date"):
            store.search("tanker", until=bad)
        # a month's end written as its 31st (the month facets link that way) is still a date
        assert [h["source"] for h in store.search("tanker", until="2026-03-31")] == [
            "fiction-tanker"
        ]
