"""Wire-copy linking on Spark: the store's band join as a Spark SQL group-by, then verification.

The link-signatures stage (:func:`wirelens.run.stages.signature_stage`) gives each article row
its shingle count and LSH band hashes. Here they become two views shaped like the store's own
tables, ``signatures(key, article_id, shingles, linked, component)`` and
``bands(band, band_hash, key)`` (the article id serving as key), every article pending
(``linked = 0``), and Spark SQL runs the store's statement
:data:`wirelens.link.banding.SCAN_SQL` on them unchanged: the same buckets, the same leader per
bucket, so the same (leader, member) candidate pairs ``wirelens link`` finds in a store that
holds exactly these articles. Each pair is then checked on exact shingle sets by the store's
own :func:`wirelens.link.verify.verify_pairs`, inside ``mapInArrow``.

Groups (origin, members' word diffs) are folded where the pairs are stored, by
:func:`wirelens.link.link` given these verified pairs, so the store keeps one grouping code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from wirelens.link.options import LinkOptions
from wirelens.link.verify import ShingleCache

__all__ = ["PAIR_SCHEMA", "LinkTables", "link_tables"]

#: One candidate pair and its verdict: ``copy`` when it passed the copy rule in one language.
PAIR_SCHEMA = (
    "leader STRING, member STRING, copy BOOLEAN, other_language BOOLEAN, "
    "similarity DOUBLE, containment DOUBLE"
)


@dataclass(frozen=True)
class LinkTables:
    """The Spark DataFrames of linking: the store's signature and band rows, and every
    candidate pair from the band join with its verdict."""

    signatures: Any
    bands: Any
    pairs: Any


class BodyShingles(ShingleCache):
    """A :class:`ShingleCache` over bodies at hand (a Spark batch), not a store: lets the
    store's ``verify_pairs`` run unchanged where there is no database."""

    def __init__(self, options: LinkOptions) -> None:  # no store: nothing to read
        self.options = options
        self._texts: dict[str, tuple[str | None, str | None]] = {}
        self._sets: dict[str, tuple[npt.NDArray[np.uint32], str | None]] = {}

    def add(self, article_id: str, body: str | None, language: str | None) -> None:
        """Make one article's body and language available."""
        self._texts[article_id] = (body, language)

    def load(self, ids: Iterable[str]) -> None:
        """Shingle the given articles now (they must have been added)."""
        for article_id in ids:
            self.get(article_id)

    def get(self, article_id: str) -> tuple[npt.NDArray[np.uint32], str | None]:
        """Shingles and language of one added article."""
        from wirelens.link.shingles import shingle_hashes

        if article_id not in self._sets:
            body, language = self._texts[article_id]
            self._sets[article_id] = (shingle_hashes(body or "", self.options.shingle), language)
        return self._sets[article_id]


def _verifier(options: LinkOptions) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInArrow`` function checking each candidate pair of a batch."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        from wirelens.link.verify import verify_pairs

        schema = pa.schema(
            [(name, {"STRING": pa.string(), "BOOLEAN": pa.bool_(), "DOUBLE": pa.float64()}[kind])
             for name, kind in (c.split() for c in PAIR_SCHEMA.split(", "))]
        )  # fmt: skip
        for batch in batches:
            rows = batch.to_pylist()
            cache = BodyShingles(options)
            for r in rows:
                cache.add(r["leader"], r["leader_body"], r["leader_language"])
                cache.add(r["member"], r["member_body"], r["member_language"])
            out = []
            for r in rows:
                found, other = verify_pairs([(r["leader"], r["member"])], cache, options)
                match = found[0] if found else None
                out.append(
                    {
                        "leader": r["leader"],
                        "member": r["member"],
                        "copy": match is not None,
                        "other_language": bool(other),
                        "similarity": match.similarity if match else None,
                        "containment": match.containment if match else None,
                    }
                )
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return run


def link_tables(spark: Any, articles: Any, options: LinkOptions) -> LinkTables:
    """Signature, band and verified-pair DataFrames of ``articles`` (one row per distinct
    article with ``id``, ``body``, ``language``, ``shingles`` and ``bands``, a JSON list)."""
    from pyspark.sql import functions as F

    from wirelens.link.banding import SCAN_SQL

    # the store numbers articles in id order and joins bands on that ``key``; here the id
    # itself is the key: the same order, so the same leader per bucket, and no global sort
    signatures = articles.select(
        F.col("id").alias("key"),
        F.col("id").alias("article_id"),
        F.col("shingles"),
        F.lit(0).alias("linked"),
        F.lit(options.component).alias("component"),
    )
    bands = articles.select(
        F.posexplode(F.from_json("bands", "ARRAY<BIGINT>")).alias("band", "band_hash"),
        F.col("id").alias("key"),
    ).select(F.col("band").cast("int"), "band_hash", "key")
    signatures.createOrReplaceTempView("signatures")
    bands.createOrReplaceTempView("bands")
    candidates = spark.sql(SCAN_SQL)  # the store's statement, unchanged
    text = articles.select("id", "body", "language")
    leader = text.select(
        F.col("id").alias("leader"),
        F.col("body").alias("leader_body"),
        F.col("language").alias("leader_language"),
    )
    member = text.select(
        F.col("id").alias("member"),
        F.col("body").alias("member_body"),
        F.col("language").alias("member_language"),
    )
    pairs = (
        candidates.join(leader, "leader")
        .join(member, "member")
        .mapInArrow(_verifier(options), PAIR_SCHEMA)
    )
    return LinkTables(signatures=signatures, bands=bands, pairs=pairs)
