"""serve(): a real uvicorn on a free loopback port, stopped on the way out."""

from __future__ import annotations

import socket

import httpx2
import pytest
from fastapi import FastAPI

from examples.system_design.payments.server import serve


def app() -> FastAPI:
    api = FastAPI()

    @api.get("/ping")
    def ping() -> dict[str, str]:
        return {"pong": "yes"}

    return api


def test_it_serves_on_loopback_and_stops() -> None:
    with serve(app()) as url:
        assert url.startswith("http://127.0.0.1:")
        assert httpx2.get(f"{url}/ping", timeout=5).json() == {"pong": "yes"}
        port = int(url.rsplit(":", 1)[1])
    with socket.socket() as probe, pytest.raises(OSError):
        probe.settimeout(2)
        probe.connect(("127.0.0.1", port))


def test_two_servers_get_two_ports() -> None:
    with serve(app()) as one, serve(app()) as two:
        assert one != two


def test_a_failing_server_stops_the_block_with_an_error() -> None:
    with pytest.raises(RuntimeError, match="stopped during startup"), serve("not.an:app"):
        pass
