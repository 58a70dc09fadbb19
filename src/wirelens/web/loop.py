"""Which work runs on the server's event loop, and which in its worker threads.

A synchronous route runs in a worker thread: each request hops from the event loop's thread to
a worker and back, and the two pass Python's lock to each other, each waiting up to its switch
interval while the other computes. With 50 concurrent clients on two cores (``bench.web``,
search and article pages, page cache off) that doubled the 95th percentile latency: 143 and
181 ms with every page in threads, 78 and 83 ms with the two pages on the loop (runs
alternated). So the pages whose cost is bounded run on the loop: a plain search (ranked by the
text index, or by FTS5 over a bounded window of matches) and an article of ordinary length.
What can take long stays in threads, where it holds up no other request: a query in the full
FTS5 syntax, the page of a very long article, and every other route.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from wirelens.model import Article

__all__ = ["INLINE_TEXT_CHARS", "run", "short"]

T = TypeVar("T")

#: Longest article rendered on the event loop (characters of its text as read, body and
#: wrapper parts, about 30,000 words): a page costs time in proportion to its text, and a
#: longer one would hold up the other requests.
INLINE_TEXT_CHARS = 200_000


async def run(call: Callable[[], T], *, inline: bool) -> T:
    """``call()``, on the event loop when ``inline`` (its cost is bounded), else in a worker
    thread. A call that reads the store takes its connection inside (connections belong to the
    thread that opened them)."""
    if inline:
        return call()
    return await run_in_threadpool(call)


def short(article: Article) -> bool:
    """Whether ``article``'s page (or record) is cheap enough to make on the event loop."""
    return len(article.text) <= INLINE_TEXT_CHARS
