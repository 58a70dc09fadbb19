"""Which network addresses wirelens may connect to: the server-side request forgery guard.

A news URL must never make wirelens talk to the machine it runs on, its private network or a
cloud metadata service (``169.254.169.254``). Every address is checked *before* a connection is
attempted: IP literals directly, host names after DNS resolution (every address they resolve
to, so one public record cannot smuggle in a private one), and again for each redirect target.
"""

from __future__ import annotations

import ipaddress
import socket

from wirelens.errors import FetchError

__all__ = ["IPAddress", "check_host", "refusal", "resolve"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_HINT = "use --allow-private (setting allow-private) only if you trust this URL"


def refusal(address: IPAddress) -> str | None:
    """Why ``address`` may not be contacted (``"loopback"``, ``"private"``...), or None."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refusal(address.ipv4_mapped)
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("non-global", not address.is_global),
    )
    for reason, hit in checks:
        if hit:
            return reason
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address ``host`` resolves to (an IP literal resolves to itself, without DNS)."""
    literal = host.strip("[]")
    try:
        return [ipaddress.ip_address(literal)]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(literal, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc}); check the URL") from exc
    addresses: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(f"host {host!r} resolves to no address; check the URL")
    return addresses


def check_host(host: str, port: int, *, allow_private: bool) -> list[IPAddress]:
    """Resolve ``host`` and refuse it unless every address is public (or private is allowed)."""
    addresses = resolve(host, port)
    if allow_private:
        return addresses
    for address in addresses:
        reason = refusal(address)
        if reason is not None:
            article = "an" if reason[0] in "aeiou" else "a"
            what = f"{address} is {article} {reason} address"
            if host.strip("[]") != str(address):
                what = f"{host} resolves to {address}, {article} {reason} address"
            raise FetchError(f"refusing to connect: {what}; {_HINT}")
    return addresses
