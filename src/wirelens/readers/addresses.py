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

__all__ = ["IPAddress", "check_host", "embedded_ipv4", "refusal", "resolve"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_HINT = "use --allow-private (setting allow-private) only if you trust this URL"


def _nets(
    *pairs: tuple[str, str],
) -> tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...]:
    return tuple((ipaddress.ip_network(net), reason) for net, reason in pairs)


#: Special-purpose ranges (IANA registries) refused whatever this Python's ``ipaddress`` says,
#: first match wins. The ranges that embed an IPv4 address are checked separately, first.
_SPECIAL = _nets(
    ("0.0.0.0/32", "unspecified"),
    ("0.0.0.0/8", "this-network"),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "shared (carrier-grade NAT)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol assignment"),
    ("192.0.2.0/24", "documentation"),
    ("192.88.99.0/24", "reserved (6to4 relay anycast)"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation"),
    ("203.0.113.0/24", "documentation"),
    ("224.0.0.0/4", "multicast"),
    ("255.255.255.255/32", "broadcast"),
    ("240.0.0.0/4", "reserved"),
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("::/96", "reserved (IPv4-compatible)"),
    ("64:ff9b:1::/48", "local-use NAT64"),
    ("100::/64", "discard-only"),
    ("2001::/23", "IETF protocol assignment"),
    ("2001:db8::/32", "documentation"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment routing"),
    ("fc00::/7", "unique-local (private)"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"),
    ("ff00::/8", "multicast"),
)

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")
_ISATAP_IDS = (0x0000_5EFE, 0x0200_5EFE)  # interface identifier ::0:5efe:a.b.c.d (or ::200:...)


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[tuple[str, ipaddress.IPv4Address]]:
    """The IPv4 addresses an IPv6 address maps or embeds, each with the form's name.

    Traffic to these reaches (or is translated to) the IPv4 address, so it must pass the same
    check: IPv4-mapped and -translated, IPv4-compatible, NAT64 (well-known and local-use), 6to4,
    Teredo (server, and client, whose bits are inverted) and ISATAP interface identifiers.
    """
    value = int(address)
    low = ipaddress.IPv4Address(value & 0xFFFF_FFFF)
    found: list[tuple[str, ipaddress.IPv4Address]] = []
    if address.ipv4_mapped is not None:
        found.append(("IPv4-mapped", address.ipv4_mapped))
    if address in _IPV4_TRANSLATED:
        found.append(("IPv4-translated", low))
    if address in _IPV4_COMPATIBLE and value > 1:
        found.append(("IPv4-compatible", low))
    if address in _NAT64 or address in _NAT64_LOCAL:
        found.append(("NAT64", low))
    if address.sixtofour is not None:
        found.append(("6to4", address.sixtofour))
    if address.teredo is not None:
        server, client = address.teredo
        found += [("Teredo", server), ("Teredo", client)]
    if (value >> 32) & 0xFFFF_FFFF in _ISATAP_IDS:
        found.append(("ISATAP", low))
    return found


def refusal(address: IPAddress) -> str | None:
    """Why ``address`` may not be contacted (``"loopback"``, ``"private"``...), or None.

    An IPv6 address that embeds an IPv4 one is refused for that address's reason
    (``"6to4 address embedding 127.0.0.1, a loopback"``); an IPv4-mapped or NAT64 address is
    then allowed (the IPv4 address is what is reached). Every other address must pass the
    special-purpose table above, then be called global by this Python's ``ipaddress``.
    """
    if isinstance(address, ipaddress.IPv6Address):
        for form, inner in embedded_ipv4(address):
            reason = refusal(inner)
            if reason is not None:
                return f"{form} address embedding {inner}, {_article(reason)} {reason}"
        if address.ipv4_mapped is not None or address in _NAT64:
            return None  # what is reached is the IPv4 address, and it passed
    for network, reason in _SPECIAL:
        if address in network:
            return reason
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


def _article(word: str) -> str:
    return "an" if word[0].lower() in "aeiou" else "a"


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
            article = _article(reason)
            what = f"{address} is {article} {reason} address"
            if host.strip("[]") != str(address):
                what = f"{host} resolves to {address}, {article} {reason} address"
            raise FetchError(f"refusing to connect: {what}; {_HINT}")
    return addresses
