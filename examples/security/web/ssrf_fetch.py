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
import time
import urllib.request
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import idna

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
# Refused whatever `is_global` says: Python 3.11.7 still calls some of these global
# (the CVE-2024-4032 fix came later), and a few wrap an address we cannot judge.
DENIED = [
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
        "100.64.0.0/10",  # carrier-grade NAT
        "192.0.0.0/24",  # IETF protocol assignments (192.0.0.8 is "global" here)
        "198.18.0.0/15",  # benchmarking
        "192.88.99.0/24",  # 6to4 relay anycast, deprecated
        "::/96",  # IPv4-compatible ::a.b.c.d, plus :: and ::1
        "::ffff:0:0:0/96",  # IPv4-translated
        "64:ff9b:1::/48",  # local-use NAT64: where the IPv4 sits is site-specific
        "2001::/32",  # Teredo tunnels
        "3fff::/20",  # documentation (RFC 9637), newer than this Python's table
        "5f00::/16",  # segment routing (RFC 9602), never a host on the internet
        "fec0::/10",  # site-local, deprecated but still routed in some networks
    )
]
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # the last 32 bits are an IPv4 address


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries: mapped, 6to4 or NAT64."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    if ip.sixtofour is not None:
        return ip.sixtofour  # 2002:7f00:1:: tunnels to 127.0.0.1
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)  # 64:ff9b::7f00:1
    return None


def is_public_address(ip: IPAddress) -> bool:
    """False for loopback, private, link-local (cloud metadata), reserved, CGNAT..."""
    inner = embedded_ipv4(ip)
    if inner is not None and not is_public_address(inner):
        return False
    if any(ip in net for net in DENIED if net.version == ip.version):
        return False
    return ip.is_global and not ip.is_multicast


def resolve_host(host: str, port: int) -> list[str]:
    """Every address the name has, in the resolver's order (RFC 6724 preference)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))  # dedupe, keep order


# --8<-- [end:addresses]


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # ASCII (A-label) form: for the allow-list, DNS, Host and SNI
    port: int
    ips: tuple[str, ...]  # every one vetted, in the resolver's order
    path: str


def ascii_host(host: str) -> str:
    """bücher.example -> xn--bcher-kva.example, once, so every later step agrees."""
    if host.isascii():
        return host  # urlsplit lowercased it; IP literals stay as they are
    try:
        return idna.encode(host, uts46=True).decode("ascii")  # IDNA 2008, as browsers
    except UnicodeError:  # idna.IDNAError is one
        raise FetchRefused("the host name is not valid") from None


# --8<-- [start:vet]
def vet(
    url: str,
    *,
    schemes: Collection[str],
    hosts: Collection[str] | None,
    ports: Collection[int] | None,
    resolve: Resolver,
    allow_ip: Callable[[IPAddress], bool],
) -> Target:
    try:  # ports such as :99999 or :abc, and "[::1", raise ValueError
        parts = urlsplit(url)
        hostname, port = parts.hostname, parts.port
    except ValueError:
        raise FetchRefused("the URL cannot be parsed") from None
    if parts.scheme not in schemes:
        raise FetchRefused(f"scheme {parts.scheme!r} is not allowed")
    if parts.username is not None or not hostname:
        raise FetchRefused("the URL needs a host and no user:password@")
    host = ascii_host(hostname)
    if hosts is not None and host not in hosts:
        raise FetchRefused(f"host {host!r} is not on the allow-list")
    port = port or (443 if parts.scheme == "https" else 80)
    if ports is not None and port not in ports:  # no SSH, SMTP or Redis by URL
        raise FetchRefused(f"port {port} is not allowed")
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
    return Target(parts.scheme, host, port, tuple(addresses), path)


# --8<-- [end:vet]


# --8<-- [start:pinned]
def connect_vetted(ips: tuple[str, ...], port: int, timeout: float) -> socket.socket:
    """Try each vetted address in order (IPv6 may be unreachable), one deadline."""
    deadline = time.monotonic() + timeout
    error: OSError = TimeoutError("no time left to connect")
    for ip in ips:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            break
        try:
            sock = socket.create_connection((ip, port), remaining)
        except OSError as failed:
            error = failed
            continue
        sock.settimeout(timeout)  # each later read gets the full timeout
        return sock
    raise error


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the vetted IPs only; it never resolves the name again."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self.ips = target.ips

    def connect(self) -> None:
        self.sock = connect_vetted(self.ips, self.port, self.timeout)


class PinnedHTTPSConnection(PinnedHTTPConnection):
    """TLS to the vetted IP, while SNI and the certificate check use the host name."""

    def __init__(self, target: Target, timeout: float, tls: ssl.SSLContext) -> None:
        super().__init__(target, timeout)
        self.tls = tls

    def connect(self) -> None:
        super().connect()
        self.sock = self.tls.wrap_socket(self.sock, server_hostname=self.host)


def fetch_pinned(
    target: Target, timeout: float, max_bytes: int, tls: ssl.SSLContext | None = None
) -> tuple[int, str, bytes]:
    conn = (
        PinnedHTTPSConnection(target, timeout, tls or ssl.create_default_context())
        if target.scheme == "https"
        else PinnedHTTPConnection(target, timeout)
    )
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
    ports: Collection[int] | None = (443,),
    resolve: Resolver = resolve_host,
    allow_ip: Callable[[IPAddress], bool] = is_public_address,
    max_redirects: int = 2,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    tls: ssl.SSLContext | None = None,  # default: the system's CAs, hostname checked
) -> Fetched:
    for _ in range(max_redirects + 1):
        target = vet(
            url,
            schemes=schemes,
            hosts=hosts,
            ports=ports,
            resolve=resolve,
            allow_ip=allow_ip,
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
