"""Word shingles of a clean body as 32-bit hashes: the one text representation linking uses.

Words are lower-cased ``\\w+`` runs, so curly and straight quotes, dashes and spacing never
matter. Each word is hashed with CRC-32 - stable across processes and machines, unlike Python's
``hash`` - and each shingle (``k`` consecutive words) mixes its words' hashes, so the same text
always gives the same signature and the same SQL bands, wherever it was signed.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

__all__ = ["shingle_hashes", "words"]

_WORD = re.compile(r"\w+")
#: fixed odd 64-bit multipliers mixing word hashes into a shingle hash (stored bands depend
#: on them: changing them means re-signing the corpus)
_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB],
    dtype=np.uint64,
)  # fmt: skip


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (punctuation and quote styles dropped)."""
    return _WORD.findall(text.lower())


def shingle_hashes(text: str, k: int) -> npt.NDArray[np.uint32]:
    """Sorted, distinct 32-bit hashes of the ``k``-word shingles of ``text``.

    Each word is hashed once (CRC-32) and a shingle's hash mixes its words' hashes with fixed
    odd multipliers in 64-bit arithmetic, then keeps 32 bits - the same value on every
    machine, at a fraction of the cost of hashing each shingle's text. A text shorter than
    ``k`` words gives one shingle of all its words; an empty text gives none.
    """
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    # map over builtins iterates in C: no Python frame per word (a third of signing's time)
    hashed = np.fromiter(map(zlib.crc32, map(str.encode, tokens)), np.uint64, len(tokens))
    width = min(k, len(hashed))
    count = len(hashed) - width + 1
    mixed = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(width):
            mixed = (mixed + hashed[offset : offset + count]) * _MIX[offset]
        mixed ^= mixed >> np.uint64(31)
        mixed *= _MIX[-1]
        mixed ^= mixed >> np.uint64(29)
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))
