"""A DNS server on loopback, UDP and TCP on one free port, built on dnslib's server framework.

Real servers listen on port 53; binding it needs privileges, so each server
here takes a free port and the resolvers are told which (see hierarchy.py).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

from dnslib import QTYPE, RCODE, DNSRecord
from dnslib.server import DNSHandler, DNSServer

from examples.fundamentals.dns.names import canonical

LOOPBACK = "127.0.0.1"
UDP_PAYLOAD_LIMIT = 512  # RFC 1035, section 4.2.1; these servers ignore EDNS(0)
BIND_ATTEMPTS = 20


class Answers(Protocol):
    """What a server asks of the code behind it (a Zone, or a recursive resolver)."""

    def answer(self, request: DNSRecord) -> DNSRecord: ...


@dataclass
class QueryLog:
    """The questions a server received, by transport; thread-safe."""

    _counts: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    _names: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, transport: str, qname: str, qtype: str) -> None:
        with self._lock:
            self._counts[(transport, qname, qtype)] += 1
            if qname not in self._names:
                self._names.append(qname)

    def names(self) -> list[str]:
        """The names asked about, in the order each was first asked."""
        with self._lock:
            return list(self._names)

    def types_asked(self, qname: str) -> list[str]:
        """The record types asked for `qname`, sorted."""
        with self._lock:
            return sorted({t for (_, n, t) in self._counts if n == qname})

    def total(self, transport: str | None = None) -> int:
        with self._lock:
            return sum(
                n for (t, _, _), n in self._counts.items() if transport in {None, t}
            )


@dataclass(frozen=True)
class RunningServer:
    """A server that is up: where it listens and what it was asked."""

    port: int
    log: QueryLog


class _Handler(DNSHandler):
    """dnslib's handler, truncating UDP replies that do not fit (it sets TC=1)."""

    udplen = UDP_PAYLOAD_LIMIT


class _Quiet:
    """A logger that logs nothing: dnslib's default prints every query to stdout."""

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *args: None


class _Bridge:
    """dnslib calls resolve(request, handler); this logs the question and asks `answers`."""

    def __init__(self, answers: Answers, log: QueryLog) -> None:
        self.answers, self.log = answers, log

    def resolve(self, request: DNSRecord, handler: DNSHandler) -> DNSRecord:
        if request.questions:
            qname, qtype = canonical(request.q.qname), QTYPE[request.q.qtype]
            self.log.record(handler.protocol, qname, qtype)
        try:
            return self.answers.answer(request)
        except Exception:  # a bug behind the server must not leave the client waiting
            reply = request.reply()
            reply.header.rcode = RCODE.SERVFAIL
            return reply


def _bind_pair(bridge: _Bridge, port: int) -> tuple[DNSServer, DNSServer]:
    """A UDP and a TCP server on one port (a free one for 0, retrying if TCP's is taken)."""
    for _ in range(BIND_ATTEMPTS if port == 0 else 1):
        udp = DNSServer(
            bridge, address=LOOPBACK, port=port, logger=_Quiet(), handler=_Handler
        )
        bound = udp.server.server_address[1]
        try:
            tcp = DNSServer(
                bridge,
                address=LOOPBACK,
                port=bound,
                tcp=True,
                logger=_Quiet(),
                handler=_Handler,
            )
        except OSError:
            udp.server.server_close()
            continue
        return udp, tcp
    raise OSError(f"no port free for both UDP and TCP (asked for {port})")


@contextmanager
def serve_dns(answers: Answers, port: int = 0) -> Iterator[RunningServer]:
    """Serve `answers` on 127.0.0.1 (UDP and TCP) until the block ends, then close both sockets.

    Port 0 picks a free port; 53 (for the system's stub) needs root or a namespace.
    """
    if not 0 <= port <= 65_535:
        raise ValueError(f"a port is 0 to 65535, not {port}")
    log = QueryLog()
    udp, tcp = _bind_pair(_Bridge(answers, log), port)
    threads = []
    try:
        for server in (udp, tcp):
            thread = threading.Thread(target=server.server.serve_forever, daemon=True)
            thread.start()
            threads.append(thread)
        yield RunningServer(udp.server.server_address[1], log)
    finally:
        for server, thread in zip((udp, tcp), threads, strict=False):
            server.server.shutdown()
            thread.join(timeout=5)
        for server in (udp, tcp):
            server.server.server_close()
