"""A recursive resolver as a server: stubs send RD=1 questions, the iterative resolver does the work.

This is the box in /etc/resolv.conf's `nameserver` line (a stub resolver only
ever talks to it). It answers from its cache or walks the tree, then replies
with RA=1 (recursion available) and AA=0: it is not the authority.
"""

from __future__ import annotations

import threading

from dnslib import OPCODE, QTYPE, RCODE, DNSRecord

from examples.fundamentals.dns.resolver import IterativeResolver, Resolution


class RecursiveService:
    """Answers stub queries through `resolver`, and keeps each resolution for inspection."""

    def __init__(self, resolver: IterativeResolver) -> None:
        self.resolver = resolver
        self._lock = threading.Lock()
        self._history: list[Resolution] = []

    @property
    def history(self) -> list[Resolution]:
        with self._lock:
            return list(self._history)

    def answer(self, request: DNSRecord) -> DNSRecord:
        reply = request.reply(ra=1, aa=0)
        if request.header.opcode != OPCODE.QUERY or len(request.questions) != 1:
            reply.header.rcode = RCODE.NOTIMP
            return reply
        if (
            not request.header.rd
        ):  # this server only recurses; RD=0 asks for cache snooping
            reply.header.rcode = RCODE.REFUSED
            return reply
        try:
            resolution = self.resolver.resolve(
                str(request.q.qname), QTYPE[request.q.qtype]
            )
        except ValueError:  # BadName or an unknown type: the question is malformed
            reply.header.rcode = RCODE.FORMERR
            return reply
        with self._lock:
            self._history.append(resolution)
        reply.header.rcode = getattr(RCODE, resolution.rcode)
        reply.add_answer(*resolution.records)
        return reply
