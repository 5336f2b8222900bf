"""The server socket: a free loopback port, and Nagle off on the connections it accepts."""

from __future__ import annotations

import asyncio
import socket

import pytest

from examples.uvicorn_server import listening_socket


async def nodelay_of_accepted(sock: socket.socket) -> int:
    """Accept one connection through asyncio and read TCP_NODELAY on the server side."""
    seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server_side = writer.get_extra_info("socket")
        seen.set_result(server_side.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(accepted, sock=sock)
    async with server:
        _, writer = await asyncio.open_connection(*sock.getsockname())
        try:
            return await asyncio.wait_for(seen, 5)
        finally:
            writer.close()


@pytest.mark.parametrize(("nagle", "nodelay"), [(False, 1), (True, 0)])
def test_asyncio_sets_nodelay_only_on_ipproto_tcp_sockets(nagle: bool, nodelay: int) -> None:
    sock = listening_socket(nagle=nagle)
    assert sock.getsockname()[0] == "127.0.0.1" and sock.getsockname()[1] > 0
    assert bool(asyncio.run(nodelay_of_accepted(sock))) == bool(nodelay)
