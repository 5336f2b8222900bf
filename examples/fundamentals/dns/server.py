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
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, transport: str, qname: str, qtype: str) -> None:
        with self._lock:
            self._counts[(transport, qname, qtype)] += 1

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


def _bind_pair(bridge: _Bridge) -> tuple[DNSServer, DNSServer]:
    """A UDP and a TCP server on the same free port (retrying if TCP's is taken)."""
    for _ in range(BIND_ATTEMPTS):
        udp = DNSServer(
            bridge, address=LOOPBACK, port=0, logger=_Quiet(), handler=_Handler
        )
        port = udp.server.server_address[1]
        try:
            tcp = DNSServer(
                bridge,
                address=LOOPBACK,
                port=port,
                tcp=True,
                logger=_Quiet(),
                handler=_Handler,
            )
        except OSError:
            udp.server.server_close()
            continue
        return udp, tcp
    raise OSError(f"no free port for both UDP and TCP after {BIND_ATTEMPTS} tries")


@contextmanager
def serve_dns(answers: Answers) -> Iterator[RunningServer]:
    """Serve `answers` on 127.0.0.1 (UDP and TCP) until the block ends, then close both sockets."""
    log = QueryLog()
    udp, tcp = _bind_pair(_Bridge(answers, log))
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
