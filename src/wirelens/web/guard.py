"""What every response carries and every request must pass before it reaches a route.

One ASGI middleware, outermost but for Starlette's own error catcher, so it also covers 404s
and validation errors: it adds the security headers, refuses query strings that are too long
or carry NUL bytes (no backend could answer them), and gates ``POST /api/ingest`` - enabled
only with a token, compared in constant time, and with a declared body no larger than the cap -
before a single byte of the body is read.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HEADERS", "MAX_BODY_BYTES", "MAX_QUERY_BYTES", "ErrorApp", "Guard"]

#: Headers on every response: no inline script, nothing from elsewhere, no sniffing, no referrer.
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
#: Longest query string accepted (bytes, percent-encoded).
MAX_QUERY_BYTES = 4_096
#: Largest ingest request body accepted (bytes).
MAX_BODY_BYTES = 5_000_000

#: (scope, status, message) -> an ASGI app sending the error as JSON or as a page
ErrorApp = Callable[[Scope, int, str], ASGIApp]


class Guard:
    """Security headers on every response; early refusals for bad queries and ingest calls."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        error: ErrorApp,
        token: str | None,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self.error = error
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*kept, *HEADERS]}
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            await self.error(scope, *refusal)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        query: bytes = scope.get("query_string", b"")
        raw_path: bytes = scope.get("raw_path") or scope.get("path", "").encode()
        if len(query) > MAX_QUERY_BYTES:
            return 414, f"query string too long (over {MAX_QUERY_BYTES} bytes)"
        if b"%00" in query or b"%00" in raw_path or b"\x00" in query:
            return 400, "NUL bytes are not allowed in a query"
        if scope["path"] == "/api/ingest" and scope["method"] == "POST":
            return self._ingest_refusal(scope)
        return None

    def _ingest_refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if not self.token:
            return 403, "ingest is disabled: start the server with WIRELENS_TOKEN set"
        given = headers.get(b"authorization", b"")
        if not given:
            return 401, "ingest needs a token: send 'Authorization: Bearer TOKEN'"
        expected = b"Bearer " + self.token.encode("utf-8")
        if not hmac.compare_digest(given, expected):
            return 403, "wrong token"
        length = headers.get(b"content-length")
        if length is None or not length.isdigit():
            return 411, "ingest needs a Content-Length header"
        if int(length) > self.max_body:
            return 413, f"request body over {self.max_body} bytes"
        return None
