"""A TCP round trip over loopback: send 64 bytes, wait until they come back.

The echo server is a thread in this process on a free 127.0.0.1 port. Both
ends turn off Nagle's algorithm (TCP_NODELAY), which would otherwise hold a
small write back while an earlier one waits for its acknowledgment. The
round trip includes two system calls at each end and Python's own work;
no wire is involved, so a real network adds its travel time on top.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

TIMEOUT_SECONDS = 5.0  # connecting, and waiting for an echo
IDLE_SECONDS = 300.0  # the server waits this long for the next message, then gives up
MESSAGE = b"m" * 64


def _receive_exactly(connection: socket.socket, size: int) -> bytes:
    parts = []
    while size:
        part = connection.recv(size)
        if not part:
            raise ConnectionError("the peer closed the connection mid-message")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _echo_one_client(listener: socket.socket) -> None:
    with listener, listener.accept()[0] as connection:
        connection.settimeout(IDLE_SECONDS)  # the client may pause between runs
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        while data := connection.recv(len(MESSAGE)):
            connection.sendall(data)


@contextmanager
def echo_connection() -> Iterator[socket.socket]:
    """A client socket connected to a one-client echo server on loopback."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(TIMEOUT_SECONDS)
    server = threading.Thread(target=_echo_one_client, args=(listener,), daemon=True)
    server.start()
    client = socket.create_connection(listener.getsockname(), timeout=TIMEOUT_SECONDS)
    try:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        yield client
    finally:
        client.close()  # the server's recv() returns b"" and its thread ends
        server.join(TIMEOUT_SECONDS)


def round_trips(client: socket.socket, count: int) -> float:
    """Seconds per round trip of MESSAGE, one at a time."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    start = time.perf_counter()
    for _ in range(count):
        client.sendall(MESSAGE)
        if _receive_exactly(client, len(MESSAGE)) != MESSAGE:
            raise RuntimeError("the echo came back different")
    return (time.perf_counter() - start) / count
