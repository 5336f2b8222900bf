"""Run chat servers for real: uvicorn in a background thread, on a free loopback port.

examples/uvicorn_server.py binds the socket (a free port, Nagle off) and
runs uvicorn; this module adds the chat app, its settings and a log filter.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from examples import uvicorn_server
from examples.system_design.chat.routers import Router
from examples.system_design.chat.server import create_app
from examples.system_design.chat.service import ChatService, ChatSettings

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


@contextmanager
def serve(app: FastAPI, *, nagle: bool = False) -> Iterator[int]:
    """Serve `app` on a free 127.0.0.1 port (examples/uvicorn_server.py); yield the port."""
    error_log = logging.getLogger("uvicorn.error")
    if _not_spurious not in error_log.filters:
        error_log.addFilter(_not_spurious)
    with uvicorn_server.serve(app, nagle=nagle, ws_max_size=MAX_FRAME_BYTES) as port:
        yield port


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
