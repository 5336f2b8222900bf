"""The uvicorn wrapper: accepted connections have Nagle's algorithm off."""

from __future__ import annotations

import socket

import httpx2

from examples.system_design.url_shortener.sandbox import Sandbox
from examples.system_design.url_shortener.server import running


def test_accepted_connections_have_tcp_nodelay(box: Sandbox) -> None:
    """asyncio sets TCP_NODELAY only on IPPROTO_TCP sockets; a small reply must not wait."""
    with running(box.app) as (url, server), httpx2.Client(base_url=url, timeout=5) as client:
        assert client.get("/zzzzzzz").status_code == 404  # the connection stays open
        sockets = [
            protocol.transport.get_extra_info("socket")
            for protocol in list(server.server_state.connections)
        ]
        flags = [s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in sockets]
    assert len(flags) == 1 and flags[0] != 0
