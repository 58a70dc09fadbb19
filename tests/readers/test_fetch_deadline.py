"""Issue 13, defect 3: slow headers (or a slow body) cannot escape the fetch deadline.

A local server on 127.0.0.1 answers robots.txt at once, then trickles the page one byte a
second - in its headers, or in its body - for at most ``TRICKLE_S`` seconds. Each byte comes well
within ``fetch-timeout``, so a per-read timeout never fires; the fetch must still fail, with one
line, shortly after ``fetch-timeout`` seconds.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from wirelens.errors import FetchError
from wirelens.readers import read_documents

FETCH_TIMEOUT_S = 2.0
#: How long the server trickles before giving up (bounds the test on a fetcher without a deadline).
TRICKLE_S = 10.0
HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n"


class Trickler:
    """A raw-socket server: robots.txt is a quick 404, every other path trickles."""

    def __init__(self, phase: str) -> None:
        self.phase = phase
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.threads = [threading.Thread(target=self._serve, daemon=True)]
        self.threads[0].start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            thread = threading.Thread(target=self._answer, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            if request.startswith(b"GET /robots.txt "):
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                return
            if self.phase == "headers":
                conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            else:
                conn.sendall(HEADERS + b"<p>")
            ends = time.monotonic() + TRICKLE_S
            while time.monotonic() < ends and not self.stop.wait(1.0):
                try:
                    conn.sendall(b"a")
                except OSError:
                    return  # the client gave up: what we want

    def close(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(5)
        self.sock.close()


@pytest.fixture(params=["headers", "body"])
def trickler(request: pytest.FixtureRequest) -> Iterator[Trickler]:
    server = Trickler(request.param)
    try:
        yield server
    finally:
        server.close()


def test_slow_headers_escape_the_fetch_deadline(trickler: Trickler) -> None:
    url = f"http://127.0.0.1:{trickler.port}/story"
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        list(read_documents(url, allow_private=True, fetch_timeout=FETCH_TIMEOUT_S))
    took = time.monotonic() - started
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{url}: no answer within 2s (the deadline for connecting")
    assert FETCH_TIMEOUT_S - 0.2 < took < FETCH_TIMEOUT_S + 1.5, f"failed after {took:.1f}s"
