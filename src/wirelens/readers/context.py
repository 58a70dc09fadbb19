"""What one ``read_documents`` call shares between readers: options, fetcher, error sink."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from wirelens.errors import WirelensError
from wirelens.readers.options import ReadOptions

if TYPE_CHECKING:
    from wirelens.readers.fetch import Fetcher

__all__ = ["Context", "ErrorHandler", "ReadWarning", "utc_now"]

#: ``on_error(source_name, error)``: told about each bad file in a directory.
ErrorHandler = Callable[[str, WirelensError], None]


class ReadWarning(UserWarning):
    """A bad file inside a directory was skipped and no ``on_error`` callback was given."""


@dataclass
class Context:
    """Options, the lazily created fetcher and where to report skipped inputs."""

    options: ReadOptions
    on_error: ErrorHandler | None = None
    _fetcher: Fetcher | None = field(default=None, repr=False)

    @property
    def fetcher(self) -> Fetcher:
        """The session's fetcher (created on first use, so offline reading opens nothing)."""
        if self._fetcher is None:
            from wirelens.readers.fetch import Fetcher  # the network stack only when needed

            self._fetcher = Fetcher(self.options)
        return self._fetcher

    def report(self, name: str, error: WirelensError) -> None:
        """Report a skipped input: to ``on_error`` if given, else as a :class:`ReadWarning`."""
        if self.on_error is not None:
            self.on_error(name, error)
        else:
            message = str(error)
            line = message if message.startswith(name) else f"{name}: {message}"
            warnings.warn(line, ReadWarning, stacklevel=3)

    def close(self) -> None:
        """Release network connections."""
        if self._fetcher is not None:
            self._fetcher.close()


def utc_now() -> str:
    """The current time as ISO 8601 UTC (``2025-11-04T10:00:00Z``), for ``Document.fetched``."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
