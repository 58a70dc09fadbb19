"""The pieces of linking on their own: signatures, similarity, origin choice, word diff."""

from __future__ import annotations

import numpy as np

from tests.link.conftest import WIRE
from wirelens.link.diff import Text, changes, word_diff
from wirelens.link.options import LinkOptions
from wirelens.link.origin import Candidate, choose_origin, wire_rank
from wirelens.link.shingles import shingle_hashes
from wirelens.link.signatures import band_hashes, minhash, minhash_many
from wirelens.link.verify import similarity


def test_batch_minhash_equals_datasketch() -> None:
    options = LinkOptions()
    rng = np.random.default_rng(3)
    sets = [
        np.unique(rng.integers(0, 2**32, size=int(n), dtype=np.uint64).astype(np.uint32))
        for n in rng.integers(1, 3000, size=40)
    ]
    batch = minhash_many(sets, options)
    for row, shingles in zip(batch, sets, strict=True):
        assert (row == minhash(shingles, options)).all()


def test_shingles_ignore_case_punctuation_and_quote_style() -> None:
    a = shingle_hashes('"We will not wait," Brandt said.', 3)
    b = shingle_hashes("“we WILL not wait” — Brandt said", 3)
    assert (a == b).all() and len(a) == 4
    assert len(shingle_hashes("two words", 3)) == 1 and len(shingle_hashes("", 3)) == 0


def test_bands_of_equal_texts_are_equal_and_of_different_texts_mostly_not() -> None:
    options = LinkOptions()
    one = band_hashes(minhash(shingle_hashes(WIRE, 3), options), options)
    same = band_hashes(minhash(shingle_hashes(WIRE.upper(), 3), options), options)
    other = band_hashes(minhash(shingle_hashes(WIRE[::-1], 3), options), options)
    assert one == same and len(one) == options.bands
    assert sum(x == y for x, y in zip(one, other, strict=True)) <= 2
    assert all(0 <= h < 2**63 for h in one)


def test_containment_keeps_a_truncated_copy() -> None:
    full = shingle_hashes(WIRE, 3)
    cut = shingle_hashes(WIRE[: len(WIRE) // 3], 3)
    jaccard, containment = similarity(full, cut)
    assert jaccard < 0.5 and containment > 0.95


def test_wire_rank_reads_the_agency_by_name_alias_or_initials() -> None:
    assert wire_rank("Northern Wire Service", "NWS") == 0
    assert wire_rank("Press Trust of India", "PTI") == 0
    assert wire_rank(None, "NWS") == 1
    assert wire_rank("DailyScroll", "NWS") == 2
    assert wire_rank("DailyScroll", None) == 3


def test_origin_order_and_reason() -> None:
    wire = Candidate("sha256:b", "Northern Wire Service", "NWS", "2026-03-12T10:00:00+01:00", 900)
    early = Candidate("sha256:a", "DailyScroll", "NWS", "2026-03-12T08:00:00+00:00", 1200)
    undated = Candidate("sha256:c", "Scoopline", "NWS", None, 1500)
    origin, rule, reason = choose_origin([undated, early, wire])
    assert origin is wire and rule == "wire credit"
    assert "2 of 3 members dated" in reason and "ties would break by earliest" in reason
    origin, rule, _ = choose_origin([undated, early])
    assert origin is early and rule == "earliest published"
    twin = Candidate("sha256:0", "DailyScroll", "NWS", "2026-03-12T09:00:00+01:00", 1200)
    origin, rule, reason = choose_origin([early, twin])  # the same instant in UTC
    assert origin is twin and rule == "smallest id"


def test_word_diff_and_changes() -> None:
    assert word_diff("we will not wait", "we shall not wait") == [
        {"op": "replace", "from": "will", "to": "shall"}
    ]
    origin = Text("Title", "One two three four.\n\nFive six seven eight.\n\nNine ten.", ())
    copy = Text(
        "New title",
        "Five six seven eight.\n\nOne two three five.\n\nRead more here.",
        (("related", "Also Read | Other"),),
    )
    result = changes(origin, copy)
    assert result["headline"] == {"from": "Title", "to": "New title"}
    assert result["wrapper_added"] == [{"kind": "related", "text": "Also Read | Other"}]
    assert result["paragraphs_cut"] == ["Nine ten."] and result["truncated"]
    assert result["paragraphs_added"] == ["Read more here."]
    assert result["sentences_edited"][0]["diff"] == [
        {"op": "replace", "from": "four.", "to": "five."}
    ]
    assert set(result["kinds"]) >= {"headline", "wrapper", "cut", "edited"}
