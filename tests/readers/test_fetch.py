"""The guarded fetcher: refusals before connecting, redirects, robots.txt, timeouts, size cap.

Only loopback servers started here are contacted; the autouse ``connections`` fixture fails any
test that tries to connect anywhere else, so "refused" below always means "refused before a
connection was attempted".
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
from typing import Any

import pytest

from tests.readers.conftest import Connections, Route, Server
from wirelens.errors import FetchError
from wirelens.readers import addresses, read_documents

PAGE = (
    b"<!DOCTYPE html><!-- FICTIONAL fixture for wirelens tests --><html><head><title>Quay</title>"
    b"</head><body><p>HAMBURG (dpa) - The fictional quay reopened on Monday.</p></body></html>"
)


def _read(url: str, **options: Any) -> list[Any]:
    return list(read_documents(url, **options))


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://10.0.0.1/admin", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::1]:8080/", "loopback"),
        ("http://[::ffff:10.0.0.1]/", "private"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://224.0.0.1/", "multicast"),
        ("http://192.168.1.10/", "private"),
        ("http://2130706433/", "loopback"),  # 127.0.0.1 as one decimal number
        ("http://127.1/", "loopback"),  # inet_aton short form
    ],
)
def test_private_addresses_are_refused_without_connecting(
    url: str, reason: str, connections: Connections
) -> None:
    with pytest.raises(FetchError, match=f"{reason} address; use --allow-private") as exc:
        _read(url)
    assert "\n" not in str(exc.value)
    assert str(exc.value).startswith(url)
    assert connections.attempts == []


def test_localhost_is_refused_after_dns(connections: Connections) -> None:
    with pytest.raises(FetchError, match=r"localhost resolves to .*, a loopback address"):
        _read("http://localhost:9/news")
    assert connections.attempts == []


def test_every_resolved_address_must_be_public(
    monkeypatch: pytest.MonkeyPatch, connections: Connections
) -> None:
    """One public record cannot smuggle in a private one (fake DNS: nothing leaves the host)."""

    def fake_dns(host: str, port: object, *args: object, **kwargs: object) -> list[Any]:
        assert host == "news.example"
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", 80)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_dns)
    with pytest.raises(FetchError, match=r"news.example resolves to 10.1.2.3, a private address"):
        _read("http://news.example/story")
    assert connections.attempts == []


def test_fetch_from_local_server_with_allow_private(server: Server) -> None:
    server.routes["/story"] = Route(PAGE, headers={"Content-Type": "text/html; charset=utf-8"})
    [doc] = _read(server.url("/story"), allow_private=True)
    assert doc.kind == "html"
    assert doc.url == server.url("/story")
    assert doc.fetched
    paths = [p for p, _ in server.seen]
    assert paths == ["/robots.txt", "/story"]  # missing robots.txt (404) = allowed
    agent = server.seen[1][1]["User-Agent"]
    assert agent.startswith("wirelens/")


def test_gzip_content_encoding_is_decoded(server: Server) -> None:
    server.routes["/gz"] = Route(
        gzip.compress(PAGE), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    [doc] = _read(server.url("/gz"), allow_private=True)
    assert "fictional quay" in doc.content


def test_robots_disallow_is_honoured(server: Server) -> None:
    server.routes["/robots.txt"] = Route(
        b"User-agent: wirelens\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
    )
    server.routes["/private/story"] = Route(PAGE)
    server.routes["/public/story"] = Route(PAGE)
    with pytest.raises(FetchError, match=r"disallowed by the site's robots\.txt"):
        _read(server.url("/private/story"), allow_private=True)
    assert "/private/story" not in [p for p, _ in server.seen]
    docs = list(
        read_documents(
            [server.url("/public/story"), server.url("/public/story")], allow_private=True
        )
    )
    assert len(docs) == 2
    assert [p for p, _ in server.seen].count("/robots.txt") == 2  # once per read session


def test_redirects_are_followed(server: Server) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(PAGE)
    [doc] = _read(server.url("/old"), allow_private=True)
    assert doc.url == server.url("/new")


def test_too_many_redirects(server: Server) -> None:
    for n in range(10):
        server.routes[f"/r{n}"] = Route(status=302, headers={"Location": f"/r{n + 1}"})
    with pytest.raises(FetchError, match="more than 5 redirects"):
        _read(server.url("/r0"), allow_private=True)


def test_redirect_to_a_private_address_is_refused(
    server: Server, monkeypatch: pytest.MonkeyPatch, connections: Connections
) -> None:
    """The first hop is our loopback server, allowed by a policy that admits only 127.0.0.1
    (standing in for a public server); the redirect to 169.254.169.254 must be checked and
    refused before any connection to it."""
    real = addresses.refusal

    def only_test_server(address: addresses.IPAddress) -> str | None:
        return None if address == ipaddress.ip_address("127.0.0.1") else real(address)

    monkeypatch.setattr(addresses, "refusal", only_test_server)
    server.routes["/go"] = Route(
        status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    with pytest.raises(FetchError, match=r"169.254.169.254 is a link-local address"):
        _read(server.url("/go"))
    assert {host for host, _ in connections.attempts} == {"127.0.0.1"}


def test_server_that_never_answers_times_out(silent_port: int) -> None:
    with pytest.raises(FetchError, match=r"no answer within 0.3s") as exc:
        _read(f"http://127.0.0.1:{silent_port}/", allow_private=True, fetch_timeout=0.3)
    assert "\n" not in str(exc.value)


def test_body_over_cap_with_content_length(server: Server) -> None:
    server.routes["/big"] = Route(b"x" * 5000, headers={"Content-Type": "text/plain"})
    with pytest.raises(FetchError, match="larger than max-bytes"):
        _read(server.url("/big"), allow_private=True, max_bytes=1000)


def test_body_over_cap_without_content_length_is_cut_while_streaming(server: Server) -> None:
    """A lying server (no length, body streamed): refused once the cap is passed."""
    server.routes["/stream"] = Route(
        b"y" * 300_000, headers={"Content-Type": "text/plain"}, no_length=True
    )
    with pytest.raises(FetchError, match="larger than max-bytes"):
        _read(server.url("/stream"), allow_private=True, max_bytes=100_000)


def test_gzip_bomb_over_http_is_refused(server: Server) -> None:
    bomb = gzip.compress(b" " * 5_000_000)
    server.routes["/bomb"] = Route(
        bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="larger than max-bytes"):
        _read(server.url("/bomb"), allow_private=True, max_bytes=1_000_000)


def test_http_error_status(server: Server) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        _read(server.url("/missing"), allow_private=True)


def test_feed_follow_links_fetches_entry_pages(server: Server) -> None:
    feed = (
        '<?xml version="1.0"?><!-- FICTIONAL --><rss version="2.0"><channel><title>Quay News'
        f"</title><item><title>Quay reopens</title><link>{server.url('/quay')}</link>"
        "<description>Short summary.</description></item></channel></rss>"
    ).encode()
    server.routes["/feed"] = Route(feed, headers={"Content-Type": "application/rss+xml"})
    server.routes["/quay"] = Route(PAGE)
    [summary] = _read(server.url("/feed"), allow_private=True)
    assert summary.content == "Short summary."
    assert summary.url == server.url("/quay")
    [full] = _read(server.url("/feed"), allow_private=True, follow_links=True)
    assert "fictional quay reopened" in full.content
    assert (full.kind, full.title, full.outlet) == ("html", "Quay reopens", "Quay News")


def test_connection_layer_checks_again(connections: Connections) -> None:
    """The pinned backend refuses on its own (a DNS answer that changed after the first check
    is caught where the socket would be opened)."""
    from wirelens.readers.fetch import _GuardedBackend

    with pytest.raises(FetchError, match=r"10\.9\.8\.7 is a private address"):
        _GuardedBackend(allow_private=False).connect_tcp("10.9.8.7", 80)
    assert connections.attempts == []


def test_non_http_redirect_is_refused(server: Server) -> None:
    server.routes["/file"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="only http and https"):
        _read(server.url("/file"), allow_private=True)


def test_follow_links_reports_a_failed_entry_and_reads_the_rest(server: Server) -> None:
    feed = (
        '<?xml version="1.0"?><!-- FICTIONAL --><rss version="2.0"><channel><title>Quay News'
        f"</title><item><title>Gone</title><link>{server.url('/gone')}</link></item>"
        f"<item><title>Quay reopens</title><link>{server.url('/quay')}</link></item>"
        "</channel></rss>"
    ).encode()
    server.routes["/feed"] = Route(feed, headers={"Content-Type": "application/rss+xml"})
    server.routes["/quay"] = Route(PAGE)
    errors: list[str] = []
    docs = list(
        read_documents(
            server.url("/feed"),
            allow_private=True,
            follow_links=True,
            on_error=lambda name, exc: errors.append(f"{name}: {exc}"),
        )
    )
    assert [d.title for d in docs] == ["Quay reopens"]
    [error] = errors
    assert "#entry=1" in error
    assert "HTTP 404" in error


def test_http_charset_header_is_used_for_legacy_bytes(server: Server) -> None:
    body = "<p>Fictional mayor of Málaga said “sí”</p>".encode("cp1252")
    server.routes["/latin"] = Route(
        body, headers={"Content-Type": "text/html; charset=windows-1252"}
    )
    [doc] = _read(server.url("/latin"), allow_private=True)
    assert "Málaga said “sí”" in doc.content
    assert doc.encoding == "cp1252"
