"""Whose request is this? The rate-limit key, derived from what can be trusted.

An authenticated API key or user id comes first. Without one, the key is the
client's address, and behind proxies that address arrives in a header the
client can also write. Only the entries that your own proxies appended are
facts: walk the chain from the right (the TCP peer, then X-Forwarded-For or
RFC 7239 Forwarded from the end) while the hop is a trusted proxy, and the
first hop that is not one is the client. Everything left of it is whatever
the client chose to send.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Header = Literal["x-forwarded-for", "forwarded"]

_USER_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
# RFC 7239 section 4: elements split on commas, pairs on semicolons, and a
# quoted-string may contain either. This finds one pair and skips the rest.
_PAIR = re.compile(
    r'\s*([!#$%&\'*+.^_`|~0-9A-Za-z-]+)=("(?:[^"\\]|\\.)*"|[^;,\s"]*)\s*'
)
# After an address: nothing, a port, or an obfuscated port (RFC 7239 section 6).
_PORT = re.compile(r"(:(\d{1,5}|_[A-Za-z0-9._-]+))?")


# --8<-- [start:config]
@dataclass(frozen=True)
class Trust:
    """Which proxies' words count, and which header they write.

    Name one header: a proxy that writes X-Forwarded-For passes a client's
    own Forwarded header through untouched, so reading both trusts the client.
    """

    proxies: tuple[IPNetwork, ...]
    header: Header = "x-forwarded-for"
    ipv6_prefix: int = 64  # one subscriber gets a /64 at least

    @classmethod
    def of(cls, *cidrs: str, header: Header = "x-forwarded-for") -> Trust:
        if header not in ("x-forwarded-for", "forwarded"):
            raise ValueError(
                f"header must be x-forwarded-for or forwarded, got {header!r}"
            )
        return cls(tuple(ipaddress.ip_network(c) for c in cidrs), header)

    def trusts(self, address: IPAddress) -> bool:
        return any(address in network for network in self.proxies)


# --8<-- [end:config]


def parse_address(text: str) -> IPAddress | None:
    """An address from a hop: IPv4, IPv6 (bracketed or not), optional port; else None.

    "unknown" and obfuscated names ("_hidden", RFC 7239 section 6) say that a
    proxy chose not to tell: they are not addresses, so they return None.
    """
    text = text.strip()
    if text.startswith("["):  # "[2001:db8::1]" or "[2001:db8::1]:4711"
        host, bracket, port = text[1:].partition("]")
        if not bracket or not _PORT.fullmatch(port):
            return None
        text = host
    elif text.count(":") == 1:  # "192.0.2.60:8080"; bare IPv6 has more colons
        host, port = text.split(":")
        if not _PORT.fullmatch(":" + port):
            return None
        text = host
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped  # a dual-stack socket's ::ffff:192.0.2.1
    return address


def forwarded_for_values(header_values: Iterable[str]) -> list[str]:
    """The `for=` value of each RFC 7239 Forwarded element, oldest hop first.

    An element without `for` becomes "" (an unknown hop), so positions line up.
    Several header lines count as one list, in the order they arrived.
    """
    return list(reversed(list(_hops_from_right(list(header_values), "forwarded"))))


def _hops_from_right(lines: Sequence[str], header: Header) -> Iterator[str]:
    """Each hop of a forwarding header, newest first, read lazily from the end.

    A caller that stops early never reads the rest: whatever the client put
    on the left, however long, is not parsed.
    """
    for line in reversed(lines):
        if header == "x-forwarded-for":
            yield from _split_from_right(line, ",", quotes=False)
            continue
        for element in _split_from_right(line, ",", quotes=True):
            found = ""
            for pair in _split_from_right(element, ";", quotes=True):
                match = _PAIR.fullmatch(pair)
                if match and match.group(1).lower() == "for":  # names ignore case
                    found = _unquote(match.group(2))
            yield found


def _split_from_right(text: str, separator: str, *, quotes: bool) -> Iterator[str]:
    """The non-empty parts of `text` between separators, from the right.

    With `quotes`, separators inside quoted strings do not count. Our proxies
    append well-formed elements on the right; the left is the client's and
    may hold an unbalanced quote. Reading from the right keeps such junk from
    swallowing the elements that matter.
    """
    end, quoted = len(text), False
    for i in range(len(text) - 1, -1, -1):
        char = text[i]
        if quotes and char == '"' and not (i > 0 and text[i - 1] == "\\"):
            quoted = not quoted
        elif char == separator and not quoted:
            if part := text[i + 1 : end].strip():
                yield part
            end = i
    if part := text[:end].strip():
        yield part


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r"\\(.)", r"\1", value[1:-1])
    return value


# --8<-- [start:client_address]
def client_address(peer: str, header_values: Sequence[str], trust: Trust) -> IPAddress:
    """The address of the client, as far as trusted proxies vouch for it.

    `peer` is the TCP peer; `header_values` are the lines of the header that
    `trust` names, in arrival order. A peer that is not a trusted proxy is
    the client, whatever its headers say.
    """
    address = parse_address(peer)
    if address is None:
        raise ValueError(f"peer must be an IP address, got {peer!r}")
    # Newest hop first, parsed only as far as the walk goes: forged hops on
    # the left, however many, are never read.
    for hop in _hops_from_right(header_values, trust.header):
        if not trust.trusts(address):
            return address  # the first untrusted hop is the client
        previous = parse_address(hop)
        if previous is None:
            # A trusted proxy wrote something that is no address ("unknown",
            # garbage): count the request against that proxy, not a free key.
            return address
        address = previous
    return address  # every hop was one of ours


# --8<-- [end:client_address]


# --8<-- [start:rate_limit_key]
def address_key(address: IPAddress, ipv6_prefix: int = 64) -> str:
    """One key per IPv4 address, one per IPv6 prefix (a /64 by default)."""
    if not 32 <= ipv6_prefix <= 128:
        raise ValueError(f"ipv6_prefix must be between 32 and 128, got {ipv6_prefix}")
    if isinstance(address, ipaddress.IPv4Address):
        return f"ip:{address}"
    network = ipaddress.IPv6Network((address, ipv6_prefix), strict=False)
    return f"ip6:{network}"


def rate_limit_key(
    *,
    peer: str,
    header_values: Sequence[str],
    trust: Trust,
    api_key: str | None = None,
    user_id: str | None = None,
) -> str:
    """The key to count this request under: API key, else user, else address.

    Pass `api_key` and `user_id` only once authentication has verified them:
    an unchecked key would hand every forged value a fresh quota.
    """
    if api_key is not None:
        # Hashed: a secret must not appear in Redis keys, logs or MONITOR.
        return "key:" + hashlib.sha256(api_key.encode()).hexdigest()[:16]
    if user_id is not None:
        if not _USER_ID.fullmatch(user_id):
            raise ValueError(f"user_id must match {_USER_ID.pattern}, got {user_id!r}")
        return f"user:{user_id}"
    address = client_address(peer, header_values, trust)
    return address_key(address, trust.ipv6_prefix)


# --8<-- [end:rate_limit_key]
