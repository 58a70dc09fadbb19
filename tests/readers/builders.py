"""Build binary test inputs (WARC, ARC, gzip bombs, PNG headers) in the test run itself.

Building them here instead of committing binaries keeps every fixture readable and fictional:
the page bodies below are invented news written for wirelens tests.
"""

from __future__ import annotations

import io
import zlib

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
)


def page(n: int) -> bytes:
    """A small fictional news page, numbered so tests can tell records apart."""
    return (
        "<!DOCTYPE html><!-- FICTIONAL fixture for wirelens tests -->"
        f"<html><head><title>Story {n}</title></head><body><article>"
        f"<p>OSLO (NTB) - The fictional Fjord Council met for session {n} on Monday, "
        "its chair, Eirik Solberg, said.</p>"
        + "<p>More council news follows.</p>" * 20
        + "</article></body></html>"
    ).encode()


def warc(n_pages: int = 3, *, gzip: bool = False, extras: bool = True) -> bytes:
    """A WARC with ``n_pages`` HTML responses plus (``extras``) a request, an image response
    and a warcinfo record, which the reader must skip."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    if extras:
        writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    for n in range(n_pages):
        url = f"https://fjord.example.no/news/{n}"
        if extras:
            req = StatusAndHeaders(
                f"GET /news/{n} HTTP/1.1", [("Host", "fjord.example.no")], is_http_request=True
            )
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(page(n)), http_headers=headers
            )
        )
        if extras and n == 0:
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://fjord.example.no/logo.png",
                    "response",
                    payload=io.BytesIO(PNG_HEADER),
                    http_headers=img,
                )
            )
    return buf.getvalue()


def big_middle_warc(size: int, *, ctype: str = "video/mp4") -> bytes:
    """Pages 0 and 2 around a record of ``size`` bytes: NULs for a video (``ctype``), or, when
    ``ctype`` is HTML, page 1 repeated to that size."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for n in range(3):
        body, kind = page(n), "text/html; charset=utf-8"
        if n == 1:
            kind = ctype
            body = page(1) * (size // len(page(1)) + 1) if "html" in ctype else b"\0" * size
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://fjord.example.no/news/{n}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
        )
    return buf.getvalue()


def arc(n_pages: int = 2) -> bytes:
    """A version-1 ARC file with ``n_pages`` HTML records (written by hand: warcio reads ARC
    but does not write it)."""
    header_body = b"1 0 FictionalArchive\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [
        b"filedesc://test.arc 0.0.0.0 20251104100000 text/plain %d\n" % len(header_body)
        + header_body
        + b"\n"
    ]
    for n in range(n_pages):
        body = page(n)
        http = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(body)
            + body
        )
        out.append(
            b"https://fjord.example.no/arc/%d 192.0.2.1 20251104100000 text/html %d\n"
            % (n, len(http))
            + http
            + b"\n"
        )
    return b"".join(out)


def gzip_bomb(size: int, fill: bytes = b" ") -> bytes:
    """Gzip of ``size`` bytes of ``fill``, built in chunks so the test never holds ``size``."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = fill * (1 << 20)
    parts = [b"Fictional bomb, news starts here. "]
    parts = [comp.compress(parts[0])]
    for _ in range(size // len(chunk)):
        parts.append(comp.compress(chunk))
    parts.append(comp.flush())
    return b"".join(parts)
