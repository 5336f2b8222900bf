"""What a TLS 1.3 handshake costs over loopback: TCP connect vs full vs resumed handshake.

Each row is the median wall time from "connect" to "the client can send its
request": for TCP, connect() returning; for TLS, the handshake returning too
(the client has sent its Finished). Client and server run in this one process,
so the figure is the CPU work of both ends plus loopback's near-zero round
trips. On a real network, add one round trip for TCP and one more for TLS 1.3,
whether the handshake is full or resumed. A second pair of rows runs both
ends in one thread over memory buffers: the handshake's CPU work without
sockets or thread switches. The last lines are the bytes each
side sent before the first application data (session tickets included),
counted by the record tap.

    .venv/bin/python benchmarks/fundamentals_tls.py
"""

from __future__ import annotations

import socket
import ssl
import statistics
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from benchmarks.timing import quick_mode
from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.local_ca import Authority
from examples.fundamentals.tls.tls_server import TIMEOUT_SECONDS, serve_tls, tls_connection
from examples.fundamentals.tls.wire_tap import record_tap

CONNECTIONS = 5 if quick_mode() else 300
NAME = "api.example.test"


def one_byte(connection: ssl.SSLSocket) -> None:
    connection.sendall(b"x")  # data after the handshake carries the tickets too
    connection.recv(1)


class Timing(NamedTuple):
    """The median of CONNECTIONS runs, and the quartiles around it (seconds)."""

    median: float
    p25: float
    p75: float

    def spread(self) -> str:
        return f"(p25-p75 {self.p25 * 1e6:,.0f}-{self.p75 * 1e6:,.0f})"


def median_seconds(connect_once: Callable[[], float]) -> Timing:
    connect_once()  # warm up: first-use costs are not what is being compared
    samples = [connect_once() for _ in range(CONNECTIONS)]
    low, _, high = statistics.quantiles(samples, n=4)
    return Timing(statistics.median(samples), low, high)


def in_memory_handshake(
    server: ssl.SSLContext, client: ssl.SSLContext, session: ssl.SSLSession | None
) -> tuple[float, ssl.SSLSession]:
    """Both ends in one thread over memory buffers: the handshake's CPU work alone."""
    to_server, to_client = ssl.MemoryBIO(), ssl.MemoryBIO()
    client_end = client.wrap_bio(to_client, to_server, server_hostname=NAME, session=session)
    server_in, server_out = ssl.MemoryBIO(), ssl.MemoryBIO()
    server_end = server.wrap_bio(server_in, server_out, server_side=True)
    start = time.perf_counter()
    pending = {client_end, server_end}
    while pending:
        for end in (client_end, server_end):
            if end in pending:
                try:
                    end.do_handshake()
                    pending.discard(end)
                except ssl.SSLWantReadError:
                    pass
            server_in.write(to_server.read())  # carry bytes both ways
            to_client.write(server_out.read())
    elapsed = time.perf_counter() - start
    server_end.write(b"x")  # the tickets travel with the first data
    to_client.write(server_out.read())
    client_end.read(1)
    if session is not None and not client_end.session_reused:
        raise RuntimeError("the in-memory handshake did not resume")
    return elapsed, client_end.session


def tcp_connect_seconds(port: int) -> float:
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_SECONDS):
        return time.perf_counter() - start


def main() -> None:
    now = datetime.now(UTC)
    root = Authority.root("Bench Root CA", now, timedelta(days=3650))
    servers_ca = root.intermediate("Bench Servers CA", now, timedelta(days=1825))
    api = servers_ca.issue([NAME], "server", now, timedelta(days=90))
    client = client_context([root.certificate])

    memory_server = server_context(api)
    memory_tickets = [in_memory_handshake(memory_server, client, None)[1]]

    def in_memory_seconds(resume: bool) -> float:
        elapsed, session = in_memory_handshake(memory_server, client, memory_tickets[-1] if resume else None)
        memory_tickets.append(session)
        return elapsed

    memory_full = median_seconds(lambda: in_memory_seconds(resume=False))
    memory_resumed = median_seconds(lambda: in_memory_seconds(resume=True))

    with socket.create_server(("127.0.0.1", 0), backlog=512) as plain:
        stop = threading.Event()

        def accept_and_close() -> None:
            plain.settimeout(0.05)
            while not stop.is_set():
                try:
                    plain.accept()[0].close()
                except TimeoutError:
                    continue

        acceptor = threading.Thread(target=accept_and_close)
        acceptor.start()
        try:
            tcp = median_seconds(lambda: tcp_connect_seconds(plain.getsockname()[1]))
        finally:
            stop.set()
            acceptor.join()

    with serve_tls(server_context(api), one_byte) as server:
        ticket: list[ssl.SSLSession] = []

        def handshake_seconds(resume: bool) -> float:
            session = ticket[-1] if resume and ticket else None
            start = time.perf_counter()
            with tls_connection(server.port, client, NAME, session=session) as tls:
                elapsed = time.perf_counter() - start
                tls.recv(1)
                if resume and not tls.session_reused:
                    raise RuntimeError("the server did not resume the session")
                ticket.append(tls.session)
            return elapsed

        full = median_seconds(lambda: handshake_seconds(resume=False))
        resumed = median_seconds(lambda: handshake_seconds(resume=True))
        sizes = {}
        for label, session in (("full", None), ("resumed", ticket[-1])):
            with record_tap(server.port) as tap, tls_connection(tap.port, client, NAME, session=session) as tls:
                tls.recv(1)
                *before_data, _data = tap.snapshot()  # the last record carries the byte
            sizes[label] = [
                sum(len(r.body) + 5 for r in before_data if r.sender == side) for side in ("client", "server")
            ]

    print(f"median of {CONNECTIONS} connections each, with quartiles; ratio = row / TCP connect")
    rows = [
        ("TCP connect", tcp),
        ("TCP + TLS 1.3 full handshake (ECDSA P-256)", full),
        ("TCP + TLS 1.3 resumed (ticket, PSK + ECDHE)", resumed),
    ]
    for label, timing in rows:
        ratio = timing.median / tcp.median
        print(f"{label:<45} {timing.median * 1e6:>7,.0f} µs {timing.spread():<22} ratio {ratio:>5.1f}")
    print(f"full handshake / resumed handshake: ratio {full.median / resumed.median:.2f}")
    print("the handshake alone, both ends in one thread over memory buffers:")
    for label, timing in (("  full handshake", memory_full), ("  resumed handshake", memory_resumed)):
        print(f"{label:<45} {timing.median * 1e6:>7,.0f} µs {timing.spread()}")
    print(f"  full / resumed: ratio {memory_full.median / memory_resumed.median:.2f}")
    print(f"sockets and threads add {(full.median - memory_full.median) * 1e6:,.0f} µs to a full handshake")
    for label, (sent, received) in sizes.items():
        print(f"bytes before the first data, {label:<8} client {sent:>5,}   server {received:>5,}")


if __name__ == "__main__":
    main()
