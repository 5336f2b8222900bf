"""Serve an ASGI app with uvicorn on a free loopback port, in a background thread.

The socket is bound to port 0 before uvicorn starts, so the kernel picks a
free port and no other process can take it in between. Startup has a
deadline, and leaving the `with` block always stops the server and joins
its thread, even after an error.

The socket is made with IPPROTO_TCP on purpose. asyncio turns Nagle's
algorithm off (TCP_NODELAY) only on sockets whose protocol is IPPROTO_TCP;
a socket made with just (AF_INET, SOCK_STREAM) has protocol 0, and so do the
connections it accepts, whose small writes then wait for the peer's delayed
ACK: about 40 ms a round trip. `nagle=True` keeps that, to measure it.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

STARTUP_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 10.0


def listening_socket(*, nagle: bool = False) -> socket.socket:
    """A TCP socket bound to a free 127.0.0.1 port (the kernel picks it)."""
    proto = 0 if nagle else socket.IPPROTO_TCP
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, proto)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serve(app: Any, *, nagle: bool = False, **config: Any) -> Iterator[int]:
    """Serve `app` until the block ends; yield its port. `config` goes to uvicorn.Config."""
    sock = listening_socket(nagle=nagle)
    port = sock.getsockname()[1]
    settings = {"log_level": "warning", "lifespan": "on", **config}
    server = uvicorn.Server(uvicorn.Config(app, **settings))
    failures: list[BaseException] = []

    def run() -> None:
        try:
            server.run(sockets=[sock])
        except BaseException as error:  # uvicorn exits with SystemExit on a bad app
            failures.append(error)

    thread = threading.Thread(target=run, daemon=True, name=f"uvicorn-{port}")
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive():
                cause = failures[0] if failures else None
                raise RuntimeError(
                    f"uvicorn on port {port} stopped during startup"
                ) from cause
            if time.monotonic() > deadline:
                raise TimeoutError(f"uvicorn on port {port} did not start in time")
            time.sleep(0.01)
        yield port
    finally:
        server.should_exit = True  # close connections, finish the lifespan
        thread.join(STOP_TIMEOUT_SECONDS)
        if thread.is_alive():
            server.force_exit = True  # stop waiting for stuck connections
            thread.join(STOP_TIMEOUT_SECONDS)
        sock.close()
