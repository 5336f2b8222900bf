"""A resolver's cache: answers, denials and delegations, each kept for its TTL on an injected clock.

A TTL is the number of seconds a record may be cached (RFC 1035, section
3.2.1), counted from when it was received. A value with the top bit set is
treated as zero (RFC 2181, section 8). A denial (NXDOMAIN or NODATA) is kept
for the smaller of the SOA record's TTL and its MINIMUM field (RFC 2308,
section 5). An NXDOMAIN covers every type at that name; NODATA covers one type.
"""

from __future__ import annotations

import copy
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from dnslib import QTYPE, RCODE, RR

from examples.fundamentals.dns.names import canonical, labels, within
from examples.fundamentals.dns.zone import MAX_TTL, negative_ttl

ALL_TYPES = -1  # the key an NXDOMAIN is stored under: it denies the name itself


class Clock(Protocol):
    def now(self) -> float: ...


class ManualClock:
    """Time that moves only when told to, so TTL expiry is exact and repeatable."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not go back")
        self._now += seconds


@dataclass(frozen=True)
class NameServer:
    """A server for a zone: its name, and the address we reach it at."""

    name: str
    address: str


@dataclass(frozen=True)
class CacheHit:
    """Records as served from the cache, their TTLs lowered to the seconds left."""

    records: tuple[RR, ...]
    rcode: int
    seconds_left: int


@dataclass(frozen=True)
class _Entry:
    records: tuple[RR, ...]
    rcode: int
    expires_at: float


def effective_ttl(ttl: int) -> int:
    """The TTL a cache honors: values above 2**31 - 1 count as 0 (RFC 2181, section 8)."""
    return 0 if ttl > MAX_TTL else ttl


class DnsCache:
    """Positive and negative answers and zone cuts, expired lazily on lookup; thread-safe."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, int], _Entry] = {}
        self._cuts: dict[str, tuple[tuple[NameServer, ...], float]] = {}

    def store_answer(self, name: str, rtype: int, records: Iterable[RR]) -> None:
        """Cache an RRset for the smallest TTL in it (an RRset should share one, RFC 2181 5.2)."""
        records = tuple(records)
        ttl = min(effective_ttl(rr.ttl) for rr in records)
        self._put((canonical(name), rtype), records, RCODE.NOERROR, ttl)

    def store_denial(self, name: str, rtype: int, rcode: int, soa: RR) -> None:
        """Cache NXDOMAIN (for every type) or NODATA (for `rtype`) for the SOA's negative TTL."""
        key_type = ALL_TYPES if rcode == RCODE.NXDOMAIN else rtype
        ttl = min(effective_ttl(soa.ttl), negative_ttl(soa))  # whatever the server sent
        self._put((canonical(name), key_type), (), rcode, ttl)

    def lookup(self, name: str, rtype: int) -> CacheHit | None:
        """The cached answer or denial for `name`/`rtype`, or None if absent or expired."""
        name = canonical(name)
        for key in ((name, ALL_TYPES), (name, rtype)):
            if hit := self._get(key):
                return hit
        return None

    def store_cut(self, zone: str, servers: Iterable[NameServer], ttl: int) -> None:
        """Remember who serves `zone`, so the next question below it skips the parents."""
        servers, ttl = tuple(servers), effective_ttl(ttl)
        if ttl <= 0 or not servers:
            return
        with self._lock:
            self._cuts[canonical(zone)] = (servers, self._clock.now() + ttl)

    def closest_cut(self, name: str) -> tuple[str, tuple[NameServer, ...]] | None:
        """The deepest cached, unexpired zone that contains `name`, with its servers."""
        now = self._clock.now()
        with self._lock:
            live = [
                (zone, servers)
                for zone, (servers, expires_at) in self._cuts.items()
                if expires_at > now and within(name, zone)
            ]
        return max(live, key=lambda item: len(labels(item[0])), default=None)

    def _put(
        self, key: tuple[str, int], records: tuple[RR, ...], rcode: int, ttl: int
    ) -> None:
        """Store until now + `ttl`; a TTL of 0 means "use this once, do not keep it"."""
        if ttl <= 0:
            return
        with self._lock:
            self._entries[key] = _Entry(records, rcode, self._clock.now() + ttl)

    def _get(self, key: tuple[str, int]) -> CacheHit | None:
        now = self._clock.now()
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.expires_at <= now:
                del self._entries[key]
                return None
        left = math.floor(entry.expires_at - now)
        return CacheHit(
            tuple(_with_ttl(rr, left) for rr in entry.records), entry.rcode, left
        )


def _with_ttl(rr: RR, ttl: int) -> RR:
    """A copy of `rr` carrying the TTL left, which is what a resolver hands on (RFC 1035 3.2.1)."""
    aged = copy.copy(rr)
    aged.ttl = ttl
    return aged


def describe(rr: RR) -> str:
    """One record on one line: name, TTL, type and data."""
    return f"{rr.rname} {rr.ttl} {QTYPE[rr.rtype]} {rr.rdata}"
