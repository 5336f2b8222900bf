"""An iterative resolver: start at the root, follow referrals down, chase CNAMEs, cache by TTL.

This is the work a recursive resolver does for its stub clients (RFC 1034,
section 5.3.3; terms as in RFC 9499, which replaced RFC 8499). It asks each
server without recursion (RD=0), believes only records inside the zone the
server was asked about (so a server for example.com cannot plant an address
for bank.test), and gives up on a server after a timeout, trying the next.
IPv4 only, no DNSSEC, no EDNS(0).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial

from dnslib import QTYPE, RCODE, RR, DNSRecord

from examples.fundamentals.dns.cache import Clock, DnsCache, NameServer
from examples.fundamentals.dns.names import canonical, checked_name, record_type, within
from examples.fundamentals.dns.transport import (
    DNS_PORT,
    DnsProtocolError,
    DnsTimeout,
    exchange,
    new_query,
)

DEFAULT_TIMEOUT = (
    1.0  # per server; the stub's own timeout must be longer than a few of these
)
MAX_QUERIES = 24  # per resolution, so a loop of referrals or CNAMEs ends
MAX_CNAME_HOPS = 8
MAX_GLUELESS_DEPTH = 2  # lookups of a name server's own address, nested


@dataclass(frozen=True)
class Step:
    """One query the resolver sent, and what came of it."""

    server: str
    zone: str
    question: str
    outcome: str
    transport: str = "udp"


@dataclass(frozen=True)
class Resolution:
    """The answer to one question, and the path taken to it."""

    question: str
    rcode: str
    records: tuple[RR, ...]
    steps: tuple[Step, ...]
    cache_hits: int

    def data(self, rtype: str = "A") -> list[str]:
        """The data of the records of `rtype` in the answer (addresses, for A)."""
        code = record_type(rtype)
        return [str(rr.rdata) for rr in self.records if rr.rtype == code]


@dataclass
class _Trace:
    steps: list[Step] = field(default_factory=list)
    cache_hits: int = 0
    queries: int = 0


class IterativeResolver:
    """Resolves names from the root down, caching answers, denials and delegations."""

    def __init__(
        self,
        root_hints: Sequence[NameServer],
        clock: Clock,
        ports: Mapping[str, int] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if not root_hints:
            raise ValueError("a resolver needs at least one root server to start from")
        self.root_hints = tuple(root_hints)
        self.cache = DnsCache(clock)
        self._ports = dict(ports or {})  # server name -> port; real servers all use 53
        self._timeout = timeout

    def resolve(self, name: str, qtype: str = "A") -> Resolution:
        """Resolve `name`/`qtype`: NOERROR with records, NOERROR empty (NODATA), NXDOMAIN or SERVFAIL."""
        qname, rtype = checked_name(name), record_type(qtype)
        trace = _Trace()
        rcode, records = self._chase(qname, rtype, trace, depth=0)
        return Resolution(
            f"{qname} {QTYPE[rtype]}",
            RCODE[rcode],
            tuple(records),
            tuple(trace.steps),
            trace.cache_hits,
        )

    # --8<-- [start:chase]
    def _chase(
        self, qname: str, rtype: int, trace: _Trace, depth: int
    ) -> tuple[int, list[RR]]:
        """Resolve `qname`, restarting at each CNAME target another zone must answer."""
        records: list[RR] = []
        name = qname
        for _ in range(MAX_CNAME_HOPS):
            rcode, found, restart_at = self._one_name(name, rtype, trace, depth)
            records += found
            if restart_at is None:
                return rcode, records
            name = restart_at
        return RCODE.SERVFAIL, records  # a chain this long is a loop or a mistake

    # --8<-- [end:chase]

    # --8<-- [start:one_name]
    def _one_name(
        self, name: str, rtype: int, trace: _Trace, depth: int
    ) -> tuple[int, list[RR], str | None]:
        """(rcode, records, name to restart at) for one name, from the cache or the servers."""
        if hit := self.cache.lookup(name, rtype):
            trace.cache_hits += 1
            return hit.rcode, list(hit.records), None
        alias = self.cache.lookup(name, QTYPE.CNAME) if rtype != QTYPE.CNAME else None
        if alias and alias.records:
            trace.cache_hits += 1
            return (
                RCODE.NOERROR,
                list(alias.records),
                canonical(alias.records[0].rdata.label),
            )
        zone, servers = self.cache.closest_cut(name) or (".", self.root_hints)
        while True:  # one pass per zone cut, going down
            asked = self._ask(zone, servers, name, rtype, trace)
            if asked is None:
                return RCODE.SERVFAIL, [], None
            reply, log = asked
            rcode = reply.header.rcode
            chain, last, complete = self._read_chain(reply, name, rtype, zone)
            soa = next((rr for rr in reply.auth if rr.rtype == QTYPE.SOA), None)
            if complete:
                log("answer")
                return RCODE.NOERROR, chain, None
            if rcode == RCODE.NXDOMAIN or (soa is not None and reply.header.aa):
                denial = "NXDOMAIN" if rcode == RCODE.NXDOMAIN else "NODATA"
                if (
                    soa is not None
                    and within(soa.rname, zone)
                    and within(last, soa.rname)
                ):
                    self.cache.store_denial(last, rtype, rcode, soa)
                log(f"CNAME, then {denial}" if chain else denial)
                return rcode, chain, None
            if chain:  # the alias points into a zone this server does not serve
                log(f"CNAME to {last}")
                return RCODE.NOERROR, chain, last
            cuts = [rr for rr in reply.auth if rr.rtype == QTYPE.NS]
            child = canonical(cuts[0].rname) if cuts else zone
            # Only NS records of that child name its servers; any others are ignored.
            referral = [rr for rr in cuts if canonical(rr.rname) == child]
            if child == zone or not within(name, child) or not within(child, zone):
                log("no answer and no usable referral")
                return RCODE.SERVFAIL, [], None
            log(f"referral to {child}")
            servers = self._servers_for(referral, reply, zone, trace, depth)
            if not servers:
                return RCODE.SERVFAIL, [], None
            self.cache.store_cut(child, servers, min(rr.ttl for rr in referral))
            zone = child

    # --8<-- [end:one_name]

    def _ask(
        self,
        zone: str,
        servers: Sequence[NameServer],
        name: str,
        rtype: int,
        trace: _Trace,
    ) -> tuple[DNSRecord, Callable[[str], None]] | None:
        """The first usable reply from `servers`, and a function that logs its outcome; or None."""
        question = f"{name} {QTYPE[rtype]}"
        for server in servers:
            if trace.queries >= MAX_QUERIES:
                return None
            trace.queries += 1

            def log(
                outcome: str, server: NameServer = server, transport: str = "udp"
            ) -> None:
                trace.steps.append(
                    Step(server.name, zone, question, outcome, transport)
                )

            query = new_query(name, QTYPE[rtype], recursion_desired=False)
            port = self._ports.get(server.name, DNS_PORT)
            try:
                result = exchange(query, server.address, port, self._timeout)
            except DnsTimeout:
                log("timeout, next server")
                continue
            except (DnsProtocolError, OSError) as error:
                log(f"{type(error).__name__}, next server")
                continue
            transport = "udp" if result.transport == "udp" else "udp TC=1, then tcp"
            if result.reply.header.rcode not in {RCODE.NOERROR, RCODE.NXDOMAIN}:
                log(
                    f"{RCODE[result.reply.header.rcode]}, next server",
                    transport=transport,
                )
                continue
            return result.reply, partial(log, transport=transport)
        return None

    # --8<-- [start:bailiwick]
    def _read_chain(
        self, reply: DNSRecord, name: str, rtype: int, zone: str
    ) -> tuple[list[RR], str, bool]:
        """Follow `name` through the answers: (records, last name reached, rtype found?).

        Only records inside `zone` are believed and cached (the bailiwick rule).
        """
        chain: list[RR] = []
        owner = name
        for _ in range(MAX_CNAME_HOPS):
            if not within(owner, zone):
                break

            def at(code: int, owner: str = owner) -> list[RR]:
                return [
                    rr
                    for rr in reply.rr
                    if rr.rtype == code and canonical(rr.rname) == owner
                ]

            if found := at(rtype):
                self.cache.store_answer(owner, rtype, found)
                return chain + found, owner, True
            alias = at(QTYPE.CNAME)
            if not alias or rtype == QTYPE.CNAME:
                break
            self.cache.store_answer(owner, QTYPE.CNAME, alias[:1])
            chain.append(alias[0])
            owner = canonical(alias[0].rdata.label)
        return chain, owner, False

    # --8<-- [end:bailiwick]

    def _servers_for(
        self, referral: list[RR], reply: DNSRecord, zone: str, trace: _Trace, depth: int
    ) -> list[NameServer]:
        """Addresses for the referred servers: glue from the reply, else look the names up."""
        glue = {
            canonical(rr.rname): str(rr.rdata)
            for rr in reply.ar
            if rr.rtype == QTYPE.A
            and within(rr.rname, zone)  # glue the parent may vouch for
        }
        servers = []
        for ns in referral:
            target = canonical(ns.rdata.label)
            if target in glue:
                servers.append(NameServer(target, glue[target]))
            elif depth < MAX_GLUELESS_DEPTH:  # no glue: resolve the server's name first
                _, records = self._chase(target, QTYPE.A, trace, depth + 1)
                servers += [
                    NameServer(target, str(rr.rdata))
                    for rr in records
                    if rr.rtype == QTYPE.A
                ]
        return servers
