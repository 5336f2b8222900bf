"""An authoritative zone: the records one server is the source for, and how it answers.

The answer logic follows the name server algorithm of RFC 1034, section 4.3.2,
without wildcards: refer the asker down at a delegation, answer from the data,
follow a CNAME inside the zone, or deny with the zone's SOA (RFC 2308).
A zone refuses data the DNS forbids when it is loaded and when it changes,
which is where the "no CNAME at the apex" rule bites.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable

from dnslib import CLASS, OPCODE, QTYPE, RCODE, RR, DNSRecord

from examples.fundamentals.dns.names import canonical, labels, record_type, within

MAX_TTL = 2**31 - 1  # RFC 2181, section 8
GLUE_TYPES = frozenset({QTYPE.A, QTYPE.AAAA})
MAX_CHAIN = 8  # CNAMEs followed inside one zone before giving up on a loop

RRsets = dict[tuple[str, int], tuple[RR, ...]]


class ZoneError(ValueError):
    """Zone data the DNS does not allow."""


def negative_ttl(soa: RR) -> int:
    """How long a denial may be cached: the smaller of the SOA's TTL and its MINIMUM (RFC 2308, section 3)."""
    return min(soa.ttl, soa.rdata.times[4])


class Zone:
    """The records of one zone, validated, answering queries; safe to change while serving."""

    def __init__(self, origin: str, records: Iterable[RR]) -> None:
        self.origin = canonical(origin)
        self._lock = threading.Lock()
        self._rrsets = self._validated(_group(records))

    @classmethod
    def from_text(cls, origin: str, text: str) -> Zone:
        """A zone from master-file lines with absolute names (RFC 1035, section 5)."""
        return cls(origin, RR.fromZone(text))

    def replace(self, name: str, rtype: str, text: str) -> None:
        """Swap the RRset `name`/`rtype` for the records in `text` (empty text deletes it)."""
        key = (canonical(name), record_type(rtype))
        new = RR.fromZone(text) if text.strip() else []
        if any((canonical(rr.rname), rr.rtype) != key for rr in new):
            raise ZoneError(
                f"replace({name}, {rtype}) was given records of another name or type"
            )
        with self._lock:
            rrsets = dict(self._rrsets)
            rrsets.pop(key, None)
            if new:
                rrsets[key] = tuple(new)
            self._rrsets = self._validated(rrsets)

    def rrset(self, name: str, rtype: str) -> tuple[RR, ...]:
        """The records stored for `name`/`rtype` (empty if none)."""
        return self._rrsets.get((canonical(name), record_type(rtype)), ())

    # --8<-- [start:answer]
    def answer(self, request: DNSRecord) -> DNSRecord:
        """The authoritative reply: an answer, a referral, NODATA or NXDOMAIN."""
        reply = request.reply(ra=0, aa=1)  # an authority does not recurse
        if request.header.opcode != OPCODE.QUERY or len(request.questions) != 1:
            reply.header.rcode = RCODE.NOTIMP
            return reply
        question = request.q
        qname, qtype = canonical(question.qname), question.qtype
        if question.qclass != CLASS.IN or not within(qname, self.origin):
            reply.header.aa, reply.header.rcode = 0, RCODE.REFUSED
            return reply
        if qtype == QTYPE.ANY:  # not served here; RFC 8482 suggests a minimal answer
            reply.header.rcode = RCODE.NOTIMP
            return reply
        rrsets = self._rrsets  # one consistent snapshot, even if replace() runs now
        name = qname
        for _ in range(MAX_CHAIN):
            cut = self._delegation(rrsets, name)
            if cut is not None:
                if name == qname:  # not ours: point one level down
                    self._refer(reply, rrsets, cut)
                return reply  # a CNAME into a child zone: the resolver goes on
            if found := rrsets.get((name, qtype)):
                reply.add_answer(*found)
                return reply
            alias = rrsets.get((name, QTYPE.CNAME))
            if alias is None:
                break
            reply.add_answer(*alias)
            name = canonical(alias[0].rdata.label)
            if not within(name, self.origin):
                return reply  # another zone's name: the resolver asks its servers
        else:
            reply.header.rcode = RCODE.SERVFAIL  # a CNAME loop inside the zone
            return reply
        if not _exists(rrsets, name):
            reply.header.rcode = RCODE.NXDOMAIN  # RFC 2308 section 2.1
        # NXDOMAIN or NODATA: the SOA says how long to remember the denial.
        soa = rrsets[(self.origin, QTYPE.SOA)][0]
        reply.add_auth(RR(soa.rname, QTYPE.SOA, ttl=negative_ttl(soa), rdata=soa.rdata))
        return reply

    # --8<-- [end:answer]

    def _delegation(self, rrsets: RRsets, name: str) -> str | None:
        """The highest delegation point between the apex (exclusive) and `name`."""
        below = labels(name)[: -len(labels(self.origin)) or None]
        for depth in range(len(below) - 1, -1, -1):
            candidate = canonical(".".join(below[depth:] + labels(self.origin)))
            if (candidate, QTYPE.NS) in rrsets:
                return candidate
        return None

    def _refer(self, reply: DNSRecord, rrsets: RRsets, cut: str) -> None:
        """A referral: the child's NS records, and the glue addresses we hold for them."""
        reply.header.aa = 0
        servers = rrsets[(cut, QTYPE.NS)]
        reply.add_auth(*servers)
        for server in servers:
            target = canonical(server.rdata.label)
            for rtype in (QTYPE.A, QTYPE.AAAA):
                reply.add_ar(*rrsets.get((target, rtype), ()))

    def _validated(self, rrsets: RRsets) -> RRsets:
        """`rrsets` if they make a legal zone, else ZoneError naming the rule broken."""
        origin = self.origin
        for (name, rtype), records in rrsets.items():
            if not within(name, origin):
                raise ZoneError(f"{name} is outside the zone {origin}")
            if len({rr.ttl for rr in records}) > 1:  # RFC 2181, section 5.2
                raise ZoneError(f"{name} {QTYPE[rtype]} records have different TTLs")
            if any(not 0 <= rr.ttl <= MAX_TTL for rr in records):
                raise ZoneError(f"{name} {QTYPE[rtype]}: a TTL above 2**31 - 1")
        types_at = defaultdict(set)
        for name, rtype in rrsets:
            types_at[name].add(rtype)
        if not {QTYPE.SOA, QTYPE.NS} <= types_at[origin]:
            raise ZoneError(f"the apex {origin} needs an SOA and NS records")
        if len(rrsets[(origin, QTYPE.SOA)]) != 1:
            raise ZoneError(f"the apex {origin} has more than one SOA")
        for name, types in types_at.items():
            if QTYPE.CNAME in types and len(types) > 1:  # RFC 1034 3.6.2, RFC 2181 10.1
                others = ", ".join(sorted(QTYPE[t] for t in types - {QTYPE.CNAME}))
                raise ZoneError(f"CNAME and other data at {name} ({others})")
            if QTYPE.CNAME in types and len(rrsets[(name, QTYPE.CNAME)]) > 1:
                raise ZoneError(f"{name} has more than one CNAME")
            if QTYPE.SOA in types and name != origin:
                raise ZoneError(f"an SOA at {name}, which is not the apex {origin}")
            cut = self._delegation(rrsets, name)
            if cut == name and types != {QTYPE.NS}:
                raise ZoneError(f"{name} is delegated; only its NS records belong here")
            if cut not in {None, name} and not types <= GLUE_TYPES:
                raise ZoneError(
                    f"{name} is inside the delegated {cut}; only glue (A, AAAA)"
                )
        return rrsets


def _group(records: Iterable[RR]) -> RRsets:
    """Records grouped into RRsets by (name, type)."""
    grouped: dict[tuple[str, int], list[RR]] = defaultdict(list)
    for rr in records:
        grouped[(canonical(rr.rname), rr.rtype)].append(rr)
    return {key: tuple(group) for key, group in grouped.items()}


def _exists(rrsets: RRsets, name: str) -> bool:
    """A name exists if it owns records or has names below it (an empty non-terminal)."""
    return any(within(owner, name) for owner, _ in rrsets)
