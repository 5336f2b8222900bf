"""A loopback HTTP backend whose behavior each example chooses."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from types import TracebackType

from examples.fundamentals.proxies.http1 import (
    MAX_HEAD,
    BadMessage,
    Message,
    close,
    read_message,
)
from examples.fundamentals.proxies.http1 import response as make_response

Handler = Callable[[Message, str], Awaitable[Message]]  # (request, peer address)


async def hello(request: Message, peer: str) -> Message:
    return make_response(200, b"hello")


class Backend:
    """An HTTP/1.1 server on a free loopback port; counts the connections it accepts.

    Use it as `async with Backend(handler) as backend:`; leaving the block
    stops it and closes every connection.
    """

    def __init__(
        self, handler: Handler = hello, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.handler, self.host, self.port = handler, host, port
        self.connections_accepted = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()

    async def __aenter__(self) -> Backend:
        self._server = await asyncio.start_server(
            self._serve, self.host, self.port, limit=MAX_HEAD
        )
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        for task in list(self._tasks):
            task.cancel()  # stop handlers still waiting on open connections
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        self.connections_accepted += 1
        self._tasks.add(task := asyncio.current_task())  # type: ignore[arg-type]
        self._writers.add(writer)
        peer = writer.get_extra_info("peername")[0]
        try:
            while (request := await read_message(reader)) is not None:
                answer = await self.handler(request, peer)
                writer.write(answer.encode())
                await writer.drain()
                if "close" in (v.lower() for v in answer.get("Connection")):
                    break  # this handler asked for the connection to end
        except (BadMessage, ConnectionError, asyncio.IncompleteReadError):
            pass  # a broken peer costs it the connection, nothing more
        except asyncio.CancelledError:
            pass  # the server is stopping
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            self._writers.discard(writer)
            await close(writer)
