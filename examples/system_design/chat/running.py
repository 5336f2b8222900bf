"""Run chat servers for real: uvicorn in a background thread, on a free loopback port.

The socket is bound to port 0 here, so the kernel picks a free port and no
two runs collide; uvicorn serves on that socket. Startup has a deadline, and
leaving the `with` block always stops the server and joins its thread.
"""

from __future__ import annotations

import logging
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from examples.system_design.chat.routers import Router
from examples.system_design.chat.server import create_app
from examples.system_design.chat.service import ChatService, ChatSettings

STARTUP_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 10.0
MAX_FRAME_BYTES = 65_536  # uvicorn's default is 16 MiB; a chat frame is small
# uvicorn's websockets-sansio protocol logs this after every handshake the app
# refuses with an HTTP response (a 401 here), although the client got the
# response: https://github.com/Kludex/uvicorn/pull/3138. The filter is on the
# process-wide "uvicorn.error" logger, so it also hides a real handshake the
# app forgot to finish, which logs the same text: remove it when that lands.
_SPURIOUS = "ASGI callable returned without completing handshake."


def _not_spurious(record: logging.LogRecord) -> bool:
    return record.getMessage() != _SPURIOUS


@dataclass(frozen=True)
class RunningServer:
    name: str
    port: int
    service: ChatService  # for tests and demos that look inside

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"


def listening_socket(*, nagle: bool = False) -> socket.socket:
    """A TCP socket bound to a free loopback port (the kernel picks it)."""
    proto = 0 if nagle else socket.IPPROTO_TCP
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, proto)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def serve(app: FastAPI, *, nagle: bool = False) -> Iterator[int]:
    """Serve `app` on a free 127.0.0.1 port; yield the port.

    asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets whose
    protocol is IPPROTO_TCP. A socket made with just (AF_INET, SOCK_STREAM)
    has protocol 0, and so do the connections it accepts: small frames then
    wait for the peer's delayed ACK. `nagle=True` keeps that, to measure it.
    """
    sock = listening_socket(nagle=nagle)
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        app, log_level="warning", lifespan="on", ws_max_size=MAX_FRAME_BYTES
    )
    error_log = logging.getLogger("uvicorn.error")
    if _not_spurious not in error_log.filters:
        error_log.addFilter(_not_spurious)
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{port}"
    )
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError(f"the server on port {port} exited during startup")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server on port {port} did not start in time")
            time.sleep(0.01)
        yield port
    finally:
        server.should_exit = True  # close connections, finish the lifespan
        thread.join(STOP_TIMEOUT_SECONDS)
        if thread.is_alive():
            server.force_exit = True  # stop waiting for stuck connections
            thread.join(STOP_TIMEOUT_SECONDS)
        sock.close()


@contextmanager
def chat_server(
    name: str,
    database: Path,
    secret: bytes,
    router: Router | None = None,
    *,
    nagle: bool = False,
    **settings_overrides: Any,
) -> Iterator[RunningServer]:
    """A chat server named `name` on its own port, sharing `database` with its peers."""
    settings = ChatSettings(
        name=name, database=database, secret=secret, **settings_overrides
    )
    app = create_app(settings, router)
    with serve(app, nagle=nagle) as port:
        yield RunningServer(name, port, app.state.service)


def new_secret() -> bytes:
    """A signing key for one run; production loads one from a secret store."""
    return secrets.token_bytes(32)
