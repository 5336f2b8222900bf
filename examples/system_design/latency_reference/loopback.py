"""A TCP round trip over loopback: send MESSAGE, wait until it comes back.

The echo server runs in a separate process (forked, so it inherits the
listening socket) on a free 127.0.0.1 port: a thread in the client's own
process would add a hand-over of Python's global interpreter lock to every
round trip. Both ends turn off Nagle's algorithm (TCP_NODELAY), which would
otherwise hold a small write back while an earlier one waits for its
acknowledgment. The round trip includes two system calls at each end and
Python's own work; no wire is involved, so a real network adds its travel
time on top.
"""

from __future__ import annotations

import multiprocessing
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.process import BaseProcess
from typing import NamedTuple

TIMEOUT_SECONDS = 5.0  # connecting, and waiting for an echo
IDLE_SECONDS = 300.0  # the server waits this long for the next message, then gives up
MESSAGE = b"m" * 64


class Echo(NamedTuple):
    client: socket.socket
    server: BaseProcess  # the echo server's process


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
def echo_connection() -> Iterator[Echo]:
    """A client socket connected to a one-client echo server in another process."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(TIMEOUT_SECONDS)
    server = multiprocessing.get_context("fork").Process(
        target=_echo_one_client, args=(listener,), daemon=True
    )
    with listener:  # the child has its own copy; the parent's closes here
        server.start()
        address = listener.getsockname()
    client = socket.create_connection(address, timeout=TIMEOUT_SECONDS)
    try:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        yield Echo(client, server)
    finally:
        client.close()  # the server's recv() returns b"" and its process exits
        server.join(TIMEOUT_SECONDS)
        if server.is_alive():
            server.kill()
            server.join(TIMEOUT_SECONDS)


def round_trips(client: socket.socket, count: int) -> list[int]:
    """Nanoseconds of each of `count` round trips of MESSAGE, one at a time."""
    if count < 1:
        raise ValueError(f"count must be at least 1, got {count}")
    times = []
    for _ in range(count):
        start = time.perf_counter_ns()
        client.sendall(MESSAGE)
        echoed = _receive_exactly(client, len(MESSAGE))
        times.append(time.perf_counter_ns() - start)
        if echoed != MESSAGE:
            raise RuntimeError("the echo came back different")
    return times
