"""Issue 13, defect 8: the SSRF guard checks IPv6 forms embedding IPv4, and every reserved range.

Each refused URL is checked through the real fetch path; the autouse ``connections`` fixture
(tests/readers/conftest.py) records every connection attempt, so ``attempts == []`` means the
guard refused before a socket was opened. The table of allowed addresses keeps the guard from
passing by refusing everything.
"""

from __future__ import annotations

import ipaddress
import re

import pytest

from tests.readers.conftest import Connections
from wirelens.errors import FetchError
from wirelens.readers import addresses, read_documents

REFUSED = [
    # 6to4 (2002::/16) embeds an IPv4 address in bits 16-47
    ("http://[2002:7f00:1::]/", "6to4 address embedding 127.0.0.1, a loopback"),
    ("http://[2002:a9fe:a9fe::1]/latest/meta-data/", "embedding 169.254.169.254, a link-local"),
    ("http://[2002:c0a8:101::]:8080/", "6to4 address embedding 192.168.1.1, a private"),
    ("http://[fec0::1]/", "site-local"),
    ("http://[fec0:0:0:1::5]/admin", "site-local"),
    # every other IPv6 form that maps or embeds an IPv4 address
    ("http://[::ffff:127.0.0.1]/", "IPv4-mapped address embedding 127.0.0.1, a loopback"),
    ("http://[::ffff:0:a00:1]/", "IPv4-translated address embedding 10.0.0.1, a private"),
    ("http://[::127.0.0.1]/", "IPv4-compatible address embedding 127.0.0.1, a loopback"),
    ("http://[::8.8.8.8]/", "reserved (IPv4-compatible)"),  # deprecated form
    ("http://[64:ff9b::a9fe:a9fe]/", "NAT64 address embedding 169.254.169.254, a link-local"),
    ("http://[64:ff9b:1::a00:1]/", "NAT64 address embedding 10.0.0.1, a private"),
    ("http://[64:ff9b:1::808:808]/", "local-use NAT64"),
    # Teredo: server 65.54.227.120, client 127.0.0.1 stored inverted (7f00:0001 ^ ffff:ffff)
    (
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
        "Teredo address embedding 127.0.0.1, a loopback",
    ),
    ("http://[2001:0:a00:1::]/", "Teredo address embedding 10.0.0.1, a private"),  # server
    ("http://[fe80::5efe:a00:1]/", "ISATAP address embedding 10.0.0.1, a private"),
    ("http://[2a00:1450::200:5efe:c0a8:101]/", "ISATAP address embedding 192.168.1.1, a private"),
    # reserved and special-purpose IPv4 ranges, both ends where a range is wide
    ("http://100.64.0.1/", "shared (carrier-grade NAT)"),
    ("http://100.127.255.254/", "shared (carrier-grade NAT)"),
    ("http://192.0.0.8/", "IETF protocol assignment"),
    ("http://192.0.2.10/", "documentation"),
    ("http://192.88.99.1/", "reserved (6to4 relay anycast)"),
    ("http://198.18.0.1/", "benchmarking"),
    ("http://198.19.255.254/", "benchmarking"),
    ("http://198.51.100.7/", "documentation"),
    ("http://203.0.113.9/", "documentation"),
    ("http://240.0.0.1/", "reserved"),
    ("http://250.1.2.3/", "reserved"),
    ("http://255.255.255.255/", "broadcast"),
    ("http://239.255.255.250/", "multicast"),
    ("http://0.1.2.3/", "this-network"),
    ("http://172.31.255.254/", "private"),
    # special-purpose IPv6 ranges
    ("http://[::]/", "unspecified"),
    ("http://[fc00::1]/", "unique-local (private)"),
    ("http://[fd12:3456::1]/", "unique-local (private)"),
    ("http://[ff02::1]/", "multicast"),
    ("http://[100::1]/", "discard-only"),
    ("http://[2001:db8::1]/", "documentation"),
    ("http://[2001:10::1]/", "IETF protocol assignment"),
    ("http://[3fff::1]/", "documentation"),
]

#: Public addresses, including embedding forms whose IPv4 address is public.
ALLOWED = [
    "8.8.8.8",
    "1.1.1.1",
    "100.128.0.1",  # just past 100.64.0.0/10
    "198.20.0.1",  # just past 198.18.0.0/15
    "223.255.255.1",  # just below multicast
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",  # IPv4-mapped public
    "64:ff9b::808:808",  # NAT64 of a public address
    "2002:808:808::1",  # 6to4 of a public address
    "2a00:1450::5efe:808:808",  # ISATAP identifier with a public address
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_ssrf_guard_gaps(url: str, reason: str, connections: Connections) -> None:
    with pytest.raises(FetchError, match=re.escape(reason) + " address; use --allow-private") as e:
        list(read_documents(url))
    message = str(e.value)
    assert "\n" not in message
    assert message.startswith(f"{url}: refusing to connect: ")
    assert connections.attempts == []


@pytest.mark.parametrize("address", ALLOWED)
def test_ssrf_guard_allows_public_addresses(address: str) -> None:
    assert addresses.refusal(ipaddress.ip_address(address)) is None


def test_ssrf_guard_connection_layer_refuses_embedded_loopback(connections: Connections) -> None:
    from wirelens.readers.fetch import _GuardedBackend

    backend = _GuardedBackend(allow_private=False)
    for host in ("2002:7f00:1::", "fec0::1", "64:ff9b::7f00:1"):
        with pytest.raises(FetchError, match="refusing to connect"):
            backend.connect_tcp(host, 80, timeout=1)
    assert connections.attempts == []
