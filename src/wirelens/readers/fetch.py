"""A polite, bounded and guarded HTTP fetcher: the only way wirelens touches the network.

- **Guarded**: addresses are checked by :mod:`wirelens.readers.addresses` inside the
  connection layer itself, so the check covers the first request, every redirect target and the
  robots.txt fetch, and the connection goes to the very address that was checked (a DNS answer
  cannot change between check and connect). A refused address is never sent a packet.
- **Bounded**: one deadline per fetch (setting ``fetch-timeout``) covers connecting, the
  headers and the body of the page, its redirects and its robots.txt: every socket operation
  gets only the time left, so a server trickling a byte a second cannot keep a fetch open.
  At most ``max-redirects`` redirects (followed by hand), and a size cap enforced on the
  compressed stream and again after decompression (we only accept gzip, and inflate it through
  the bounded reader).
- **Polite**: robots.txt is honoured (fetched once per origin through the same path; missing or
  4xx = allowed, 5xx = disallowed, as RFC 9309 says) and the User-Agent names wirelens.

Every failure is a :class:`FetchError` whose one-line message says what to do.
"""

from __future__ import annotations

import io
import ssl
import time
import urllib.robotparser
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from wirelens.errors import FetchError, InputError
from wirelens.readers import addresses
from wirelens.readers.options import ReadOptions
from wirelens.readers.streams import GzipStream, read_capped
from wirelens.readers.urls import check_url

__all__ = ["Fetched", "Fetcher"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ROBOTS_MAX = 512_000
#: When the fetch under way must be over (``time.monotonic()``); None outside a fetch.
_DEADLINE: ContextVar[float | None] = ContextVar("wirelens_fetch_deadline", default=None)


def _left(timeout: float | None, late: type[Exception]) -> float | None:
    """``timeout`` cut to the time left before the fetch's deadline; ``late`` once it passed."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise late("the fetch deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits only as long as the fetch has left.

    httpcore's timeouts apply per socket operation, so a server answering one byte at a time
    would reset them forever; cutting each wait to the deadline bounds the whole fetch.
    """

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wait = _left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


@dataclass(frozen=True)
class Fetched:
    """A fetched body (decompressed, within the cap) and what the server said about it."""

    url: str
    body: bytes
    content_type: str | None
    status: int


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only to checked addresses, and to exactly the address that was checked."""

    def __init__(self, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        checked = addresses.check_host(host, port, allow_private=self._allow_private)
        error: Exception | None = None
        for address in checked:
            try:
                wait = _left(timeout, httpcore.ConnectTimeout)
                stream = self._inner.connect_tcp(
                    str(address), port, wait, local_address, socket_options
                )
                return _DeadlineStream(stream)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _client(options: ReadOptions) -> httpx.Client:
    transport = httpx.HTTPTransport()
    # httpx has no public hook for the network backend; the pool is rebuilt with ours.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        network_backend=_GuardedBackend(options.allow_private),
        max_connections=10,
    )
    return httpx.Client(
        transport=transport,
        trust_env=False,
        follow_redirects=False,
        timeout=httpx.Timeout(options.fetch_timeout),
        headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, identity"},
    )


class Fetcher:
    """Fetch http(s) URLs for one reading session; caches robots.txt per origin."""

    def __init__(self, options: ReadOptions) -> None:
        self._options = options
        self._client: httpx.Client | None = None
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str) -> Fetched:
        """GET ``url`` if robots.txt allows it; raise :class:`FetchError` on any failure.

        All of it - robots.txt, redirects, connecting, headers, body - must end within
        ``fetch-timeout`` seconds.
        """
        token = _DEADLINE.set(time.monotonic() + self._options.fetch_timeout)
        try:
            return self._fetch(url)
        finally:
            _DEADLINE.reset(token)

    def _fetch(self, url: str) -> Fetched:
        check_url(url)
        self._check_address(url)
        if not self._robots_allow(url):
            raise FetchError(
                f"{url}: disallowed by the site's robots.txt for {self._options.user_agent!r}; "
                "wirelens will not fetch it (save the page yourself if you have the right to)"
            )
        fetched = self._get(url, self._options.max_bytes)
        if fetched.status >= 400:
            raise FetchError(
                f"{url}: server answered HTTP {fetched.status}; check the URL or try later"
            )
        return fetched

    def _check_address(self, url: str) -> None:
        """Refuse ``url`` up front, naming it (the connection layer checks again, pinned)."""
        parsed = httpx.URL(url)
        try:
            addresses.check_host(
                parsed.host,
                parsed.port or (443 if parsed.scheme == "https" else 80),
                allow_private=self._options.allow_private,
            )
        except FetchError as exc:
            raise FetchError(f"{url}: {exc}") from exc

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(origin)
        if parser is None:
            parser = urllib.robotparser.RobotFileParser()
            got = self._get(origin + "/robots.txt", _ROBOTS_MAX, robots=True)
            if got.status >= 500:
                parser.parse(["User-agent: *", "Disallow: /"])
            elif got.status >= 400:
                parser.parse([])
            else:
                text = got.body.decode("utf-8", errors="replace")
                parser.parse(text.splitlines())
            self._robots[origin] = parser
        return parser.can_fetch(self._options.user_agent, url)

    def _get(self, url: str, cap: int, *, robots: bool = False) -> Fetched:
        if self._client is None:
            self._client = _client(self._options)
        for _ in range(self._options.max_redirects + 1):
            try:
                with self._client.stream("GET", url) as response:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        url = _redirect_target(response)
                        check_url(url)
                        self._check_address(url)
                        continue
                    if response.status_code >= 400:
                        return Fetched(
                            url, b"", response.headers.get("content-type"), response.status_code
                        )
                    body = _read_body(response, url, cap, robots=robots)
                    return Fetched(
                        url, body, response.headers.get("content-type"), response.status_code
                    )
            except FetchError as exc:
                message = str(exc)
                raise FetchError(
                    message if message.startswith(url) else f"{url}: {message}"
                ) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(
                    f"{url}: no answer within {self._options.fetch_timeout:g}s (the deadline for "
                    "connecting, headers and body); try later, or raise the fetch-timeout "
                    "setting (WIRELENS_FETCH_TIMEOUT)"
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}; check the URL") from exc
        raise FetchError(
            f"{url}: more than {self._options.max_redirects} redirects; open the final URL directly"
        )


def _redirect_target(response: httpx.Response) -> str:
    location = response.headers["location"]
    try:
        return urljoin(str(response.url), location)
    except ValueError as exc:  # e.g. "http://[::1" (urljoin parses it)
        raise FetchError(f"redirect to a malformed URL {location!r} ({exc})") from exc


def _read_body(response: httpx.Response, url: str, cap: int, *, robots: bool) -> bytes:
    """Stream the body, refusing it once it passes ``cap`` (before and after gzip)."""
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > cap and not robots:
        raise FetchError(_too_big(url, cap))
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_raw():
        total += len(chunk)
        if total > cap:
            if robots:
                break
            raise FetchError(_too_big(url, cap))
        chunks.append(chunk)
    raw = b"".join(chunks)
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in {"", "identity"}:
        return raw
    if encoding not in {"gzip", "x-gzip"}:
        raise FetchError(f"{url}: server used unsupported content-encoding {encoding!r}")
    try:
        return read_capped(GzipStream(io.BytesIO(raw), url), url, cap)  # type: ignore[arg-type]
    except InputError as exc:
        raise FetchError(str(exc)) from exc


def _too_big(url: str, cap: int) -> str:
    return (
        f"{url}: response larger than max-bytes ({cap:,} bytes); "
        "raise it with --max-bytes if the page is trusted"
    )
