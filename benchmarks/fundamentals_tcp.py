"""What TCP's waits cost on this machine's loopback, in milliseconds.

- write-write-read with Nagle on, against TCP_NODELAY and against one write
  (examples/fundamentals/tcp_udp/nagle.py): the delayed-ACK stall;
- a new TCP connection per request (handshake, request, close) against a
  request on a connection kept open, and a UDP request/reply beside them
  (the new connection also pays for a server thread, so it is an upper bound);
- the gaps between the copies of one lost segment
  (examples/fundamentals/tcp_udp/retransmission.py): the tail loss probe,
  then retransmission timeouts that double. Needs root, `ip` and `tcpdump`.

Wall time on purpose: waiting is what is measured. Medians, so one slow run
on a shared machine does not move them.

    .venv/bin/python benchmarks/fundamentals_tcp.py
"""

from __future__ import annotations

import shutil
import socket
import statistics
import threading
import time
from collections.abc import Callable
from itertools import pairwise

from benchmarks.timing import quick_mode
from examples.fundamentals.tcp_udp.nagle import WAYS, median_round_trip
from examples.fundamentals.tcp_udp.netns import namespaces_problem
from examples.fundamentals.tcp_udp.retransmission import DATA, watched_connection

TRIPS = 5 if quick_mode() else 200
TIMEOUT_S = 5.0


def echo(conn: socket.socket) -> None:
    with conn:
        conn.settimeout(TIMEOUT_S)
        while data := conn.recv(64):
            conn.sendall(data)


def tcp_echo_server(listener: socket.socket, stop: threading.Event) -> None:
    """Echo on every connection, each in its own thread (one stays open throughout)."""
    listener.settimeout(0.1)
    while not stop.is_set():
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            continue
        threading.Thread(target=echo, args=(conn,), daemon=True).start()


def udp_echo_server(sock: socket.socket, stop: threading.Event) -> None:
    sock.settimeout(0.1)
    while not stop.is_set():
        try:
            data, source = sock.recvfrom(64)
        except TimeoutError:
            continue
        sock.sendto(data, source)


def median_ms(action: Callable[[], None]) -> float:
    times = []
    for _ in range(TRIPS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def connection_costs() -> dict[str, float]:
    stop = threading.Event()
    with (
        socket.create_server(("127.0.0.1", 0)) as listener,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp_server,
    ):
        udp_server.bind(("127.0.0.1", 0))
        threads = [
            threading.Thread(target=tcp_echo_server, args=(listener, stop)),
            threading.Thread(target=udp_echo_server, args=(udp_server, stop)),
        ]
        for thread in threads:
            thread.start()
        address = listener.getsockname()
        try:

            def new_connection() -> None:
                with socket.create_connection(address, timeout=TIMEOUT_S) as sock:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    sock.sendall(b"ping")
                    sock.recv(64)

            with socket.create_connection(address, timeout=TIMEOUT_S) as kept:
                kept.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

                def reuse() -> None:
                    kept.sendall(b"ping")
                    kept.recv(64)

                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                    udp.settimeout(TIMEOUT_S)
                    udp.connect(udp_server.getsockname())

                    def datagram() -> None:
                        udp.send(b"ping")
                        udp.recv(64)

                    return {
                        "TCP, new connection per request": median_ms(new_connection),
                        "TCP, connection kept open": median_ms(reuse),
                        "UDP, one datagram each way": median_ms(datagram),
                    }
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=5)


def resend_gaps(copies: int = 4) -> list[float]:
    """Milliseconds between successive copies of one segment the server never gets."""
    seen = []
    with watched_connection() as c, c.server_host.dropping_arrivals():
        c.client.sendall(DATA)
        for count in range(1, copies + 1):
            c.capture.wait_for(count, lambda s: s.length == len(DATA))
            seen.append(time.perf_counter())
    return [(later - earlier) * 1000 for earlier, later in pairwise(seen)]


def main() -> None:
    nagle = {
        label: median_round_trip(send, nodelay=nodelay, trips=TRIPS) * 1000
        for label, (send, nodelay) in WAYS.items()
    }
    print(f"request/reply on loopback, median of {TRIPS}")
    for label, ms in nagle.items():
        print(f"  {label:<34} {ms:>8.3f} ms")
    stalled, nodelay = nagle["two writes, Nagle on"], nagle["two writes, TCP_NODELAY"]
    print(f"  ratio (Nagle on / TCP_NODELAY)     {stalled / nodelay:>8.0f}")
    costs = connection_costs()
    for label, ms in costs.items():
        print(f"  {label:<34} {ms:>8.3f} ms")
    new, kept = costs["TCP, new connection per request"], costs["TCP, connection kept open"]
    print(f"  ratio (new connection / kept open) {new / kept:>8.1f}")
    problem = namespaces_problem() or (
        None if shutil.which("tcpdump") else "tcpdump is not installed"
    )
    if problem:
        print(f"resend gaps: skipped ({problem})")
        return
    gaps = ", ".join(f"{gap:.0f}" for gap in resend_gaps())
    print(f"gaps between copies of a lost segment: {gaps} ms")
    print("  expected: loss probe ~200 (one segment in flight), RTO 200, doubled 400")


if __name__ == "__main__":
    main()
