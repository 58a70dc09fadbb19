"""Fixtures for reader tests: a guard against non-loopback connections and local servers.

The guard wraps ``socket.create_connection`` (what httpx's sync backend uses) for every test
here: a connection to anything but loopback fails the test, so a refusal that came too late
(after connecting) cannot pass unnoticed, and no test can send a packet off this machine.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@dataclass
class Connections:
    """Every (host, port) a test tried to connect to."""

    attempts: list[tuple[str, int]] = field(default_factory=list)


@pytest.fixture(autouse=True)
def connections(monkeypatch: pytest.MonkeyPatch) -> Connections:
    """Record connection attempts; fail on any that is not loopback."""
    record = Connections()
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: object, **kwargs: object) -> socket.socket:
        host, port = address[0], int(address[1])
        record.attempts.append((host, port))
        if host not in LOOPBACK:
            raise AssertionError(f"test tried to connect to non-loopback {host}:{port}")
        return real(address, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "create_connection", guarded)
    return record


@dataclass
class Route:
    """What the local server answers on one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html"})
    #: Send no Content-Length: the body ends when the connection closes (HTTP/1.0 style).
    no_length: bool = False


@dataclass
class Server:
    """A local HTTP server whose routes the test sets; it records request headers."""

    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.seen.append((self.path, dict(self.headers)))
            route = server.routes.get(self.path, Route(b"not found", 404))
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if "Content-Length" not in route.headers and not route.no_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    """A threading HTTP server on 127.0.0.1 (port chosen by the OS), shut down after."""
    state = Server(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections (kernel backlog) but never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()
