"""A Spark run into a store: from its Parquet folder (``wirelens load DIR``) or straight from
the executors into PostgreSQL (``wirelens ingest --engine spark --db postgresql://...``).

Articles and attributions go through the store's own batch API (``Store.add``), so both ways
store exactly what a local ingest stores. Linking then reuses what Spark computed rather than
computing it again:

* **signatures and bands** (the link-signatures stage) are written as they are for every
  article the store has not signed yet, when they were made with the store's
  :class:`LinkOptions` (else the store signs the articles itself);
* **verified copy pairs** (Spark's band join and verification) are used as they are when the
  store held no signatures before and holds exactly the run's articles afterwards - the only
  case in which the store's own band join would meet the same pairs. Otherwise (a run added
  to a corpus already linked, or beside unlinked articles) the store joins the bands in SQL
  and verifies the candidates itself, as ``wirelens link`` does, since new articles must also
  meet the old ones;
* **groups**, each group's origin and its members' word diffs, quote traces and stories are
  always computed by the store (:func:`wirelens.link.link`): Spark does not make them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirelens.errors import InputError
from wirelens.link import LinkReport, link
from wirelens.link.options import LinkOptions
from wirelens.link.signatures import BandRow, SignatureRow, write_signatures
from wirelens.link.verify import Match
from wirelens.model import Analysis, from_json
from wirelens.store.base import AddResult, Store
from wirelens.store.params import marks

__all__ = [
    "LoadReport",
    "add_records",
    "link_loaded",
    "load",
    "signature_rows",
    "unsigned",
]

#: Ids per ``IN (...)`` list when asking which articles are signed.
_CHUNK = 500


@dataclass
class LoadReport:
    """What ``load`` (or a straight write) put into a store, and how linking went."""

    new: int = 0
    existing: int = 0
    failures: int = 0
    #: signature rows written from the Spark run (the store signed none of these itself)
    signatures: int = 0
    #: the Spark run's verified copy pairs were used as they are (no band join in the store)
    reused_pairs: bool = False
    #: what linking did; None when it was skipped (``--no-link``)
    linked: LinkReport | None = None


def add_records(store: Store, records: Iterable[str], batch_size: int) -> AddResult:
    """Store Analyses given as JSON records, ``batch_size`` per transaction (the speaker
    registry is left to one :meth:`Store.refresh_speakers` at the end)."""
    new = existing = 0
    batch: list[Analysis] = []
    for record in records:
        batch.append(from_json(record, Analysis))
        if len(batch) == batch_size:
            added = store.add(batch, speakers=False)
            new, existing, batch = new + added.new, existing + added.existing, []
    if batch:
        added = store.add(batch, speakers=False)
        new, existing = new + added.new, existing + added.existing
    return AddResult(new, existing)


def unsigned(store: Store, ids: Sequence[str]) -> set[str]:
    """Which of ``ids`` have no signature row in ``store`` yet."""
    from wirelens.link.db import query

    signed: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        part = list(ids[start : start + _CHUNK])
        sql = f"SELECT article_id FROM signatures WHERE article_id IN ({marks(part)})"
        signed.update(str(row[0]) for row in query(store, sql, part))
    return set(ids) - signed


def signature_rows(
    article_id: str, shingles: int, bands: Sequence[int], options: LinkOptions
) -> tuple[SignatureRow, list[BandRow]]:
    """The store's signature row and band rows of one article signed on Spark."""
    return (article_id, shingles, options.component), [
        (band, value, article_id) for band, value in enumerate(bands)
    ]


def _has_signatures(store: Store) -> bool:
    from wirelens.link.db import query

    return bool(query(store, "SELECT 1 FROM signatures LIMIT 1"))


def _store_signatures(
    store: Store, signed: list[SignatureRow], banded: dict[str, list[BandRow]], chunk: int
) -> int:
    """Write the signatures the store lacks (with their bands), ``chunk`` per transaction."""
    missing = unsigned(store, [s[0] for s in signed])
    todo = [s for s in signed if s[0] in missing]
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        write_signatures(store, part, sorted(b for s in part for b in banded.get(s[0], ())))
    return len(todo)


def link_loaded(
    store: Store,
    *,
    fresh: bool,
    articles: int,
    pairs: Iterable[Match],
    progress: Callable[[str], None] | None = None,
) -> tuple[LinkReport, bool]:
    """Link after a Spark run was stored; the run's verified ``pairs`` are used as they are when
    the store was ``fresh`` (no signatures before) and now holds exactly the run's
    ``articles``. Returns the link report and whether the pairs were used."""
    from wirelens.link.db import query

    exact = fresh and query(store, "SELECT count(*) FROM articles")[0][0] == articles
    verified = sorted(pairs, key=lambda m: (m.a, m.b)) if exact else None
    return link(store, LinkOptions(), progress, verified=verified), exact


def _table(folder: Path, name: str, columns: list[str] | None = None) -> Any:
    import pyarrow.parquet as pq

    if not (folder / name).is_dir():
        return None
    try:
        return pq.read_table(folder / name, columns=columns)
    except Exception as exc:  # pyarrow's own errors: a damaged or foreign folder
        raise InputError(f"{folder}: cannot read Parquet ({exc})") from exc


def _matches(pairs: Any) -> Iterator[Match]:
    for row in pairs.to_pylist():
        if row["copy"]:
            yield Match(row["leader"], row["member"], row["similarity"], row["containment"])


def load(
    folder: Path,
    store: Store,
    *,
    batch_size: int = 64,
    link_after: bool = True,
    progress: Callable[[str], None] | None = None,
) -> LoadReport:
    """Put a Spark run's Parquet output into ``store``, then link it (see the module text)."""
    if not (folder / "articles").is_dir():
        raise InputError(f"{folder}: not the output of `wirelens ingest --engine spark`")
    table = _table(folder, "articles", ["record", "shard", "seq"])
    failed = _table(folder, "failures")
    signatures, bands = _table(folder, "signatures"), _table(folder, "bands")
    pairs = _table(folder, "pairs")
    report = LoadReport()
    fresh = not _has_signatures(store)
    table = table.sort_by([("shard", "ascending"), ("seq", "ascending")])
    added = add_records(store, table.column("record").to_pylist(), batch_size)
    report.new, report.existing = added.new, added.existing
    if added.new:
        store.refresh_derived()
    if failed is not None:
        failed = failed.sort_by([("shard", "ascending"), ("seq", "ascending")])
        for row in failed.to_pylist():
            store.record_failure(row["source"], row["error"], row["position"])
            report.failures += 1
    usable = signatures is not None and bands is not None and pairs is not None
    components = set(signatures.column("component").to_pylist()) if usable else set()
    if not (usable and components <= {LinkOptions().component}):
        # an older run, or other link parameters: the store signs and joins by itself
        report.linked = link(store, LinkOptions(), progress) if link_after else None
        return report
    report.signatures = _load_signatures(store, signatures, bands)
    if link_after:
        report.linked, report.reused_pairs = link_loaded(
            store,
            fresh=fresh,
            articles=signatures.num_rows,
            pairs=_matches(pairs),
            progress=progress,
        )
    return report


def _load_signatures(store: Store, signatures: Any, bands: Any) -> int:
    """Store the Parquet signature and band rows of the articles the store has not signed."""
    banded: dict[str, list[BandRow]] = {}
    for band, value, article_id in zip(
        *(bands.column(c).to_pylist() for c in ("band", "band_hash", "article_id")), strict=True
    ):
        banded.setdefault(article_id, []).append((band, value, article_id))
    signed = list(
        zip(*(signatures.column(c).to_pylist() for c in ("article_id", "shingles", "component")),
            strict=True)
    )  # fmt: skip
    return _store_signatures(store, signed, banded, LinkOptions().batch)
