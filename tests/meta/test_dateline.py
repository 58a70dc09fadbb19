"""Datelines in the forms issue 2 lists, plus what must not be taken for one."""

from __future__ import annotations

import pytest

from wirelens.meta.dateline import parse_dateline
from wirelens.meta.dates import iso_from_month_day


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Tehran [Iran], November 4 (ANI): Iran said",
            ("Tehran [Iran], November 4 (ANI):", "Tehran", "Iran", "November 4", "ANI"),
        ),
        ("TEHRAN, Iran (AP) -- Iran said", ("TEHRAN, Iran (AP) --", "Tehran", "Iran", None, "AP")),
        (
            "WASHINGTON (Reuters) - The",
            ("WASHINGTON (Reuters) -", "Washington", None, None, "Reuters"),
        ),
        (
            "NEW DELHI, Nov 4 (PTI) The",
            ("NEW DELHI, Nov 4 (PTI)", "New Delhi", None, "Nov 4", "PTI"),
        ),
        ("Paris (AFP) - France", ("Paris (AFP) -", "Paris", None, None, "AFP")),
        ("LONDON, Nov. 4 -- Britain", ("LONDON, Nov. 4 --", "London", None, "Nov. 4", None)),
        (
            "KYIV, Ukraine, Nov. 4 (AP) — Ukraine",
            ("KYIV, Ukraine, Nov. 4 (AP) —", "Kyiv", "Ukraine", "Nov. 4", "AP"),
        ),
        (
            "SAN FRANCISCO, Calif. (AP) — A",
            ("SAN FRANCISCO, Calif. (AP) —", "San Francisco", "Calif.", None, "AP"),
        ),
        (
            "Vettur (Kerala) [India], November 12 (IANS): The",
            (
                "Vettur (Kerala) [India], November 12 (IANS):",
                "Vettur",
                "India",
                "November 12",
                "IANS",
            ),
        ),
        (
            "BEIJING, Nov. 4 (Xinhua) -- A",
            ("BEIJING, Nov. 4 (Xinhua) --", "Beijing", None, "Nov. 4", "Xinhua"),
        ),
        ("PARIS, 4 nov (AFP) - Le", ("PARIS, 4 nov (AFP) -", "Paris", None, "4 nov", "AFP")),
        ("Dhaka, Nov 4 (UNB) - The", ("Dhaka, Nov 4 (UNB) -", "Dhaka", None, "Nov 4", "UNB")),
        ("ISLAMABAD: Pakistan said", ("ISLAMABAD:", "Islamabad", None, None, None)),
    ],
)
def test_dateline_forms(line: str, expected: tuple[str | None, ...]) -> None:
    text, place, country, date, agency = expected
    found = parse_dateline(line)
    assert found is not None
    dateline, length = found
    assert line[:length] == text == dateline.text
    assert (dateline.place, dateline.country, dateline.date, dateline.agency) == (
        place,
        country,
        date,
        agency,
    )


def test_unknown_agency_kept_as_written() -> None:
    found = parse_dateline("PORT ELLIS, Nov 4 (ZNA) - The")
    assert found is not None
    assert found[0].agency == "ZNA"  # not in the table, but a dateline acronym: kept as written


@pytest.mark.parametrize(
    "line",
    [
        "President Jane Doe said on Monday that talks would resume.",
        "Mr Smith (left) said the plan was sound.",
        "The Americans sometimes say they would like to cooperate.",
        "BREAKING: Markets fall sharply",
        "London is expensive, residents say.",
        "Iran's Supreme Leader Ayatollah Ali Khamenei said on Monday",
        "The World Health Organization (WHO) said cases had fallen.",
        "The Associated Press (AP) reported the figures first.",
    ],
)
def test_not_a_dateline(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("written", "published", "text", "iso"),
    [
        ("November 4", "2025-11-04T09:00:00Z", "", "2025-11-04"),
        ("Dec 31", "2026-01-01", "", "2025-12-31"),  # a December dateline on a January page
        ("Jan 1", "2025-12-31T23:00:00Z", "", "2026-01-01"),
        ("Nov. 4", None, "a report published on November 3, 2025", "2025-11-04"),
        ("Nov. 4", None, "on November 4, 2024 and November 2, 2025", "2024-11-04"),
        ("November 4", None, "no year anywhere", None),
        ("4 nov", "2025-11-05", "", "2025-11-04"),
        ("Feb 30", "2025-02-01", "", None),
    ],
)
def test_iso_date_needs_a_year_source(
    written: str, published: str | None, text: str, iso: str | None
) -> None:
    assert iso_from_month_day(written, published, text) == iso
