"""Write, write, read: how Nagle's algorithm and delayed ACKs stall a request.

The client sends a request as two small writes (a header, then a body) and
waits for the answer. With Nagle's algorithm on (the default) the second
write waits until the first is acknowledged; the server's kernel delays that
ACK, hoping to ride on a reply, but the server replies only once the body has
come. Both wait until the delayed-ACK timer fires. TCP_NODELAY, or one write
for the whole request, removes the wait.

This prints only which way stalled; benchmarks/fundamentals_tcp.py prints the
milliseconds.
"""

from __future__ import annotations

import socket
import statistics
import threading
import time
from collections.abc import Callable

HEADER, BODY = b"H" * 10, b"B" * 10
REPLY = b"ok"
ROUND_TRIPS = 10
TIMEOUT_S = 5.0
# Linux's smallest delayed-ACK timeout is 40 ms; a stall shows as at least half that.
STALL_S = 0.020

Send = Callable[[socket.socket], None]


def answer_every_request(listener: socket.socket) -> None:
    """Reply to each complete request (header and body) on one connection."""
    conn, _ = listener.accept()
    with conn:
        conn.settimeout(TIMEOUT_S)
        pending = b""
        while chunk := conn.recv(4096):
            pending += chunk
            while len(pending) >= len(HEADER + BODY):
                pending = pending[len(HEADER + BODY) :]
                conn.sendall(REPLY)


# --8<-- [start:ways]
def two_writes(sock: socket.socket) -> None:
    sock.sendall(HEADER)
    sock.sendall(BODY)


def one_write(sock: socket.socket) -> None:
    sock.sendall(HEADER + BODY)  # or socket.sendmsg([HEADER, BODY]): one call


def median_round_trip(send: Send, *, nodelay: bool, trips: int = ROUND_TRIPS) -> float:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        server = threading.Thread(target=answer_every_request, args=(listener,))
        server.start()
        with socket.create_connection(
            listener.getsockname(), timeout=TIMEOUT_S
        ) as sock:
            if nodelay:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            times = []
            for _ in range(trips):
                start = time.perf_counter()
                send(sock)
                if sock.recv(len(REPLY)) != REPLY:
                    raise ConnectionError("the server sent something unexpected")
                times.append(time.perf_counter() - start)
        server.join(TIMEOUT_S)
    return statistics.median(times)


# --8<-- [end:ways]


WAYS = {
    "two writes, Nagle on": (two_writes, False),
    "two writes, TCP_NODELAY": (two_writes, True),
    "one write, Nagle on": (one_write, False),
}


# --8<-- [start:demo]
if __name__ == "__main__":
    for label, (send, nodelay) in WAYS.items():
        stalled = median_round_trip(send, nodelay=nodelay) >= STALL_S
        print(f"{label:<24} {'stalls' if stalled else 'no stall'}")
        #> two writes, Nagle on     stalls
        #> two writes, TCP_NODELAY  no stall
        #> one write, Nagle on      no stall
# --8<-- [end:demo]
