"""Real loopback HTTP servers to aim SSRF attacks at.

- a "metadata service" on 127.0.0.1 and on [::1], standing in for the cloud
  instance metadata at 169.254.169.254 that hands out credentials;
- a "partner" on 127.0.0.2, standing in for a public host the user may name.
  It answers /hook, redirects /go?to=<url>, and sends 2 MB from /big.

The partner listens on the metadata server's port, so one URL can reach either
of them depending on the address a name resolves to (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from examples.security.web.ssrf_fetch import IPAddress, is_public_address

METADATA_SECRET = b'{"AccessKeyId": "stand-in", "SecretAccessKey": "stand-in"}'
PARTNER_IP = "127.0.0.2"


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the demo's output to what it prints

    def reply(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class MetadataHandler(_Quiet):
    def do_GET(self) -> None:
        self.reply(200, METADATA_SECRET)


class PartnerHandler(_Quiet):
    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/go":
            self.reply(302, b"", Location=parse_qs(url.query)["to"][0])
        elif url.path == "/big":
            self.reply(200, b"x" * 2_000_000)
        else:
            self.reply(200, b"partner ok")


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


@contextmanager
def _serving(server: ThreadingHTTPServer) -> Iterator[int]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass(frozen=True)
class Lab:
    port: int  # metadata on 127.0.0.1, partner on 127.0.0.2
    ipv6_port: int  # metadata on [::1]


@contextmanager
def loopback_lab() -> Iterator[Lab]:
    with ExitStack() as stack:
        port = stack.enter_context(
            _serving(ThreadingHTTPServer(("127.0.0.1", 0), MetadataHandler))
        )
        stack.enter_context(
            _serving(ThreadingHTTPServer((PARTNER_IP, port), PartnerHandler))
        )
        ipv6_port = stack.enter_context(
            _serving(_IPv6Server(("::1", 0), MetadataHandler))
        )
        yield Lab(port, ipv6_port)


def public_or_partner(ip: IPAddress) -> bool:
    """The lab's stand-in for the internet: public addresses, plus the partner."""
    return ip == ipaddress.ip_address(PARTNER_IP) or is_public_address(ip)


class RebindingResolver:
    """A hostile DNS server with TTL 0: a harmless answer first, then loopback."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, host: str, port: int) -> list[str]:
        self.calls += 1
        return [PARTNER_IP] if self.calls == 1 else ["127.0.0.1"]
