"""The pure helpers behind the linking pages: word diffs as markup, story lanes on a timeline,
a trace's provenance graph laid out, and time shifts in words."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from wirelens.link.provenance import Appearance, Trace
from wirelens.web.diffview import changes_summary, inline_diff
from wirelens.web.linked import GroupOf
from wirelens.web.render import duration
from wirelens.web.storyview import lanes, timeline
from wirelens.web.tracegraph import BOX_W, MAX_ARTICLES, layout


def test_inline_diff_marks_changes_and_escapes() -> None:
    html = str(inline_diff("We will not tolerate delays", "We will not accept <b>delays</b>"))
    assert html == (
        "We will not <del>tolerate delays</del> <ins>accept &lt;b&gt;delays&lt;/b&gt;</ins>"
    )
    # compared as linking compares quotes: case and punctuation aside
    same = str(inline_diff("We will not wait.", "we will NOT wait", normalise=True))
    assert "<del>" not in same and "<ins>" not in same
    cut = str(inline_diff("a b c d", "b c", cuts=True))
    assert cut == '<del class="cut">a</del> b c <del class="cut">d</del>'
    assert "cut" not in str(inline_diff("a b c d", "b c"))


def test_changes_summary_in_words() -> None:
    diff = {
        "changes": [{"op": "replace", "first": "tolerate further", "here": "accept"}],
        "cut_before": 0,
        "cut_after": 3,
    }
    assert changes_summary(diff) == [
        "“tolerate further” became “accept”",
        "3 words of the first cut after",
    ]
    assert changes_summary({"changes": [], "cut_before": 1, "cut_after": 0}) == [
        "1 word of the first cut before"
    ]


def _article(ident: str, published: str | None, group: int | None, origin: bool) -> dict[str, Any]:
    return {
        "id": "sha256:" + ident,
        "title": ident,
        "outlet": ident.upper(),
        "published": published,
        "copy_group": group,
        "origin": origin,
    }


def test_story_lanes_group_copies_and_order_by_time() -> None:
    articles = [
        _article("own", "2026-03-01T10:00:00Z", None, False),
        _article("copy", "2026-03-02T09:00:00+01:00", 7, False),
        _article("wire", "2026-03-02T07:00:00Z", 7, True),
        _article("late", None, 9, False),
        _article("lateorigin", None, 9, True),
    ]
    story_lanes = lanes(articles)
    assert [(lane.group, lane.label) for lane in story_lanes] == [
        (None, "OWN"),
        (7, "WIRE"),
        (9, "LATEORIGIN"),
    ]
    assert [a["id"][7:] for a in story_lanes[1].articles] == ["wire", "copy"]  # origin first
    chart = timeline(story_lanes)
    own, wire = story_lanes[0].dots[0], story_lanes[1].dots[-1]
    assert wire.article["origin"] and own.x < wire.x  # 1 March before 2 March
    undated = story_lanes[2].dots
    assert chart.undated_x is not None and len({d.x for d in undated}) == 2  # side by side
    assert all(d.x > chart.divider_x for d in undated)
    assert len(chart.ticks) == 5 and chart.height > 3 * 30


def test_duration() -> None:
    assert duration(4500) == "+1 h 15 min"
    assert duration(-180) == "-3 min"
    assert duration(2 * 86_400 + 4 * 3_600 + 59) == "+2 d 4 h"
    assert duration(None) == ""


def _appearance(position: int, outlet: str, chain: tuple[str, ...]) -> Appearance:
    return Appearance(
        position=position,
        attribution_id=position + 1,
        article_id=f"sha256:{position:064x}",
        outlet=outlet,
        agency=None,
        published=f"2026-03-{1 + position % 28:02d}",
        source=None,
        url=None,
        title=None,
        speaker="Ada Vik",
        kind="direct",
        quote="We will build it.",
        text="We will build it.",
        chain=chain,
        altered=False,
        diff={"changes": [], "cut_before": 0, "cut_after": 0},
        similarity=1.0,
        speaker_agrees=True,
    )


def test_trace_graph_nodes_edges_and_cap() -> None:
    wire = _appearance(0, "Wire", ("Wire",))
    copies = [_appearance(i, f"Paper {i}", ("Radio North", "Wire", f"Paper {i}")) for i in (1, 2)]
    trace = Trace(7, "Ada Vik", "We will build it.", (wire, *copies))
    groups = {a.article_id: GroupOf(3, wire.article_id, 3) for a in (wire, *copies)}
    drawn = layout(trace, groups)
    kinds = {n.id: n.kind for n in drawn.nodes}
    assert kinds["speaker:Ada Vik"] == "speaker"
    assert kinds["outlet:wire"] == kinds["outlet:radio north"] == "source"
    assert sum(k == "article" for k in kinds.values()) == 3
    edges = {(e.source, e.target): e.kind for e in drawn.edges}
    first = "article:" + wire.article_id
    assert edges[first, "speaker:Ada Vik"] == "first_reported"
    assert edges["outlet:wire", "outlet:radio north"] == "cites"  # hop -> the hop it cites
    for copy in copies:
        assert edges["article:" + copy.article_id, "outlet:wire"] == "cites"
        assert edges["article:" + copy.article_id, first] == "republishes"
    columns = sorted({round(n.x) for n in drawn.nodes})
    assert len(columns) == 4  # speaker, Radio North, Wire, articles
    assert all(b - a >= BOX_W for a, b in pairwise(columns))

    many = Trace(8, "Ada Vik", "x", tuple(_appearance(i, f"P{i}", ()) for i in range(60)))
    capped = layout(many, {})
    assert (capped.shown, capped.articles) == (MAX_ARTICLES, 60)
    assert {e.source for e in capped.edges} <= {n.id for n in capped.nodes}
