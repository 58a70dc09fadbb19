"""Photo and video credits: who holds the picture, and which agency that is.

A credit holder is written many ways (``Reuters``, ``AP Photo/Jane Doe``, ``Jane Doe/AFP via
Getty Images``, ``Getty Images``, ``REUTERS/Jane Doe``); :func:`make_credit` keeps it as written
and resolves the first agency it names.
"""

from __future__ import annotations

from wirelens.meta.agencies import agency_name, canonical, find_agency
from wirelens.model import Credit

__all__ = ["make_credit"]


def make_credit(holder: str, kind: str = "photo") -> Credit:
    """A :class:`Credit` for ``holder`` with the agency named in it (None if it names none)."""
    holder = " ".join(holder.split()).strip(" .,;:")
    lowered = holder.casefold()
    if lowered.startswith(("video", "watch")):
        kind = "video"
    agency = canonical(holder) or find_agency(holder)
    if agency is None and "/" in holder:
        agency = agency_name(holder.split("/", 1)[0])
    return Credit(kind=kind, text=holder, agency=agency)
