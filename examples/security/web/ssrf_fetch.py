"""Fetch a URL a user gave you without letting them reach your internal network.

`safe_fetch` resolves the host once, refuses it unless every address is public,
connects to the address it checked (so a second DNS answer cannot swap it),
re-checks every redirect, and caps time and size. The `vulnerable_` functions
show the two usual mistakes; they exist to be attacked.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import urllib.request
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

TIMEOUT_SECONDS = 3.0
MAX_BYTES = 1_000_000
REDIRECT_CODES = {301, 302, 303, 307, 308}


class FetchRefused(Exception):
    """The URL, an address it resolves to, or the response broke a rule."""


@dataclass(frozen=True)
class Fetched:
    status: int
    body: bytes


# --8<-- [start:addresses]
def is_public_address(ip: IPAddress) -> bool:
    """False for loopback, private, link-local (cloud metadata), reserved, CGNAT..."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return ip.is_global and not ip.is_multicast


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the name has; numeric forms such as 2130706433 included."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


# --8<-- [end:addresses]


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    ip: str
    path: str


# --8<-- [start:vet]
def vet(
    url: str,
    *,
    schemes: Collection[str],
    hosts: Collection[str] | None,
    resolve: Resolver,
    allow_ip: Callable[[IPAddress], bool],
) -> Target:
    parts = urlsplit(url)
    if parts.scheme not in schemes:
        raise FetchRefused(f"scheme {parts.scheme!r} is not allowed")
    if parts.username is not None or not parts.hostname:
        raise FetchRefused("the URL needs a host and no user:password@")
    host = parts.hostname
    if hosts is not None and host not in hosts:
        raise FetchRefused(f"host {host!r} is not on the allow-list")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve(host, port)
    except OSError:
        raise FetchRefused(f"host {host!r} does not resolve") from None
    # Every address, not just the first: a name may list a public and a private one.
    for address in addresses:
        if not allow_ip(ipaddress.ip_address(address.split("%")[0])):
            raise FetchRefused(f"host {host!r} resolves to a blocked address")
    if not addresses:
        raise FetchRefused(f"host {host!r} has no address")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return Target(parts.scheme, host, port, addresses[0], path)


# --8<-- [end:vet]


# --8<-- [start:pinned]
class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to the vetted IP, while SNI and the certificate check use the host name."""

    def __init__(
        self, host: str, port: int, ip: str, timeout: float, context: ssl.SSLContext
    ) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self.pinned_ip = ip

    def connect(self) -> None:
        sock = socket.create_connection((self.pinned_ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def fetch_pinned(
    target: Target, timeout: float, max_bytes: int, tls: ssl.SSLContext | None = None
) -> tuple[int, str, bytes]:
    if target.scheme == "https":
        conn: http.client.HTTPConnection = PinnedHTTPSConnection(
            target.host,
            target.port,
            target.ip,
            timeout,
            tls or ssl.create_default_context(),
        )
    else:
        conn = http.client.HTTPConnection(target.ip, target.port, timeout=timeout)
    host = f"[{target.host}]" if ":" in target.host else target.host
    try:
        conn.request("GET", target.path, headers={"Host": f"{host}:{target.port}"})
        response = conn.getresponse()
        body = response.read(max_bytes + 1)  # one byte more tells us it was too big
        location = response.getheader("Location", "")
    finally:
        conn.close()
    if len(body) > max_bytes:
        raise FetchRefused(f"response is larger than {max_bytes} bytes")
    return response.status, location, body


# --8<-- [end:pinned]


# --8<-- [start:safe_fetch]
def safe_fetch(
    url: str,
    *,
    schemes: Collection[str] = ("https",),
    hosts: Collection[str] | None = None,
    resolve: Resolver = resolve_host,
    allow_ip: Callable[[IPAddress], bool] = is_public_address,
    max_redirects: int = 2,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    tls: ssl.SSLContext | None = None,  # default: the system's CAs, hostname checked
) -> Fetched:
    for _ in range(max_redirects + 1):
        target = vet(
            url, schemes=schemes, hosts=hosts, resolve=resolve, allow_ip=allow_ip
        )
        status, location, body = fetch_pinned(target, timeout, max_bytes, tls)
        if status not in REDIRECT_CODES or not location:
            return Fetched(status, body)
        url = urljoin(url, location)  # vetted again at the top of the loop
    raise FetchRefused(f"more than {max_redirects} redirects")


# --8<-- [end:safe_fetch]


# --8<-- [start:vulnerable]
BLOCKED_HOSTS = {"localhost", "127.0.0.1", "169.254.169.254", "metadata"}
# No proxy from the environment: the demo must reach loopback directly.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def vulnerable_fetch(url: str) -> Fetched:
    """VULNERABLE: a list of bad host strings, and urllib follows redirects."""
    host = urlsplit(url).hostname or ""
    if host in BLOCKED_HOSTS:
        raise FetchRefused(f"host {host!r} is blocked")
    with _opener.open(url, timeout=TIMEOUT_SECONDS) as response:
        return Fetched(response.status, response.read(MAX_BYTES))


# --8<-- [end:vulnerable]


# --8<-- [start:rebinding]
def vulnerable_check_then_fetch(
    url: str,
    resolve: Resolver = resolve_host,
    allow_ip: Callable[[IPAddress], bool] = is_public_address,
) -> Fetched:
    """VULNERABLE: checks one DNS answer, then connects to another."""
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 80
    if not all(allow_ip(ipaddress.ip_address(a)) for a in resolve(host, port)):
        raise FetchRefused(f"host {host!r} resolves to a blocked address")
    conn = http.client.HTTPConnection(
        resolve(host, port)[0], port, timeout=TIMEOUT_SECONDS
    )
    try:
        conn.request("GET", parts.path or "/", headers={"Host": host})
        response = conn.getresponse()
        return Fetched(response.status, response.read(MAX_BYTES))
    finally:
        conn.close()


# --8<-- [end:rebinding]
