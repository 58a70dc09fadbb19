"""Word shingles of a clean body as 32-bit hashes: the one text representation linking uses.

Words are lower-cased ``\\w+`` runs, so curly and straight quotes, dashes and spacing never
matter. Each shingle (``k`` consecutive words) is hashed with CRC-32 - stable across processes
and machines, unlike Python's ``hash`` - so the same text always gives the same signature and
the same SQL bands, wherever it was signed.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import numpy.typing as npt

__all__ = ["shingle_hashes", "words"]

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (punctuation and quote styles dropped)."""
    return _WORD.findall(text.lower())


def shingle_hashes(text: str, k: int) -> npt.NDArray[np.uint32]:
    """Sorted, distinct CRC-32 hashes of the ``k``-word shingles of ``text``.

    A text shorter than ``k`` words gives its whole word sequence as one shingle; an empty text
    gives none.
    """
    tokens = words(text)
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    spans = [" ".join(tokens[i : i + k]) for i in range(max(1, len(tokens) - k + 1))]
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in spans), dtype=np.uint32, count=len(spans))
    return np.unique(hashes)
