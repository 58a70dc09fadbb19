"""A story's articles as lanes on a timeline: one lane per copy group, one per own report.

Wire copies of one text share a lane (its origin marked), so a reader sees at a glance which
reports are independent and which repeat the wire. Lanes are ordered by their earliest
article; dots sit at their publication time, undated articles in a column of their own at the
right. Geometry only: the template draws the SVG, escaping every label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = ["Dot", "Lane", "Timeline", "lanes", "timeline"]

WIDTH = 960
LABEL_W = 180
UNDATED_W = 110
#: Horizontal gap between a lane's undated dots.
SPREAD = 16
LANE_H = 30
TOP = 28


@dataclass
class Dot:
    """One article on the timeline."""

    article: dict[str, Any]
    x: float = 0.0
    y: float = 0.0


@dataclass
class Lane:
    """A copy group's articles in the story (``group`` None: an article of its own)."""

    group: int | None
    articles: list[dict[str, Any]]
    dots: list[Dot] = field(default_factory=list)
    y: float = 0.0

    @property
    def label(self) -> str:
        origin = next((a for a in self.articles if a["origin"]), self.articles[0])
        return origin["outlet"] or "unknown outlet"


@dataclass
class Timeline:
    """The drawing: lanes with their dots, axis ticks ``(x, label)``, and its size."""

    lanes: list[Lane]
    ticks: list[tuple[float, str]]
    width: int
    height: int
    undated_x: float | None

    @property
    def divider_x(self) -> float:
        """Where the undated column starts."""
        return self.width - UNDATED_W - 12


def when(value: str | None) -> datetime | None:
    """A stored publication date as an aware UTC time (a bare date is midnight UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def lanes(articles: Sequence[dict[str, Any]]) -> list[Lane]:
    """The story's articles (each with ``copy_group`` and ``origin``) grouped into lanes, the
    lane with the earliest article first; inside a lane the origin comes first."""
    grouped: dict[int, Lane] = {}
    out: list[Lane] = []
    for article in articles:
        gid = article.get("copy_group")
        if gid is None:
            out.append(Lane(None, [article]))
        elif gid in grouped:
            grouped[gid].articles.append(article)
        else:
            grouped[gid] = Lane(gid, [article])
            out.append(grouped[gid])
    for lane in out:
        lane.articles.sort(key=lambda a: not a["origin"])
    far = datetime.max.replace(tzinfo=UTC)
    out.sort(key=lambda lane: min((when(a["published"]) or far) for a in lane.articles))
    return out


def _tick_label(moment: datetime, span_seconds: float) -> str:
    return moment.strftime("%d %b %H:%M" if span_seconds < 3 * 86_400 else "%d %b %Y")


def timeline(story_lanes: list[Lane]) -> Timeline:
    """Place every lane's articles: x by time between the earliest and latest dated article."""
    times = [t for lane in story_lanes for a in lane.articles if (t := when(a["published"]))]
    undated = any(when(a["published"]) is None for lane in story_lanes for a in lane.articles)
    left, right = LABEL_W + 10, WIDTH - (UNDATED_W if undated else 0) - 40
    start, end = (min(times), max(times)) if times else (None, None)
    span = (end - start).total_seconds() if start and end else 0.0

    def x_of(moment: datetime) -> float:
        if not start or span == 0:
            return (left + right) / 2
        return left + (right - left) * (moment - start).total_seconds() / span

    undated_x = WIDTH - UNDATED_W / 2 - 6 if undated else None
    for index, lane in enumerate(story_lanes):
        lane.y = TOP + index * LANE_H + LANE_H / 2
        lane.dots = []
        loose = [a for a in lane.articles if when(a["published"]) is None]
        for article in lane.articles:
            moment = when(article["published"])
            if moment is not None:
                x = x_of(moment)
            else:  # side by side around the undated column's centre
                x = (undated_x or right) + (loose.index(article) - (len(loose) - 1) / 2) * SPREAD
            lane.dots.append(Dot(article, x, lane.y))
        lane.dots.sort(key=lambda d: d.article["origin"])  # the origin drawn last, on top
    ticks: list[tuple[float, str]] = []
    if start and end:
        count = 1 if span == 0 else 5
        for i in range(count):
            moment = start + (end - start) * (i / max(count - 1, 1))
            ticks.append((x_of(moment), _tick_label(moment, span)))
    height = TOP + len(story_lanes) * LANE_H + 10
    return Timeline(story_lanes, ticks, WIDTH, height, undated_x)
