"""A small reverse proxy: balancing, a connection pool, timeouts, X-Forwarded-For.

It reads each client request whole, picks a backend, forwards the request
with the client's address appended to X-Forwarded-For, and relays the
answer. It answers 502 when no backend gives a usable answer and 504 when
the backend is slower than its timeout; 400, 408 and 413 refuse a client
request it will not frame, finish waiting for, or buffer. It retries only idempotent requests,
and ejects a backend after consecutive failures until a health check passes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import TracebackType

from examples.fundamentals.proxies.http1 import (
    MAX_HEAD,
    BadMessage,
    Message,
    close,
    open_stream,
    read_message,
    read_response,
    response,
)
from examples.system_design.load_balancing.balancers import Balancer, RoundRobin

# RFC 9110, section 9.2.2: repeating these has the same effect as sending once.
IDEMPOTENT = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"}
# --8<-- [start:hop]
# RFC 9110, section 7.6.1: meaningful for one connection only, never forwarded.
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",  # codespell:ignore (the TE header)
    "transfer-encoding",
    "upgrade",
}
Stream = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class Unreachable(Exception):
    """No usable answer: refused, hung up, or an answer that cannot be framed."""


def connection_options(message: Message) -> set[str]:
    """The names a Connection header lists ("close", or fields for this hop only)."""
    return {
        option.strip().lower()
        for value in message.get("Connection")
        for option in value.split(",")
    }


def end_to_end(message: Message) -> list[tuple[str, str]]:
    """The headers that may be forwarded: RFC 9110, 7.6.1 drops the fixed
    hop-by-hop set and every field the Connection header names."""
    drop = HOP_BY_HOP | connection_options(message)
    return [(k, v) for k, v in message.headers if k.lower() not in drop]


# --8<-- [end:hop]


@dataclass
class Upstream:
    """What the proxy knows about one backend."""

    address: tuple[str, int]
    in_flight: int = 0
    picked: int = 0
    connections_opened: int = 0
    failures_in_a_row: int = 0
    ejected: bool = False
    idle: list[Stream] = field(default_factory=list)


class ReverseProxy:
    """Listens on a free loopback port; `async with ReverseProxy(...) as proxy:`."""

    def __init__(
        self,
        backends: list[tuple[str, int]],
        *,
        balancer: Balancer | None = None,
        pool: bool = True,
        timeout_s: float = 5.0,
        client_timeout_s: float = 10.0,
        eject_after: int | None = None,
        source: str = "127.0.0.1",
    ) -> None:
        if not backends:
            raise ValueError("a proxy needs at least one backend")
        if min(timeout_s, client_timeout_s) <= 0:
            raise ValueError(
                f"timeouts must be positive, got {timeout_s} and {client_timeout_s}"
            )
        self.upstreams = [Upstream(address) for address in backends]
        self.balancer = balancer or RoundRobin()
        self.pool, self.timeout_s = pool, timeout_s
        self.client_timeout_s = client_timeout_s  # to send a whole request
        self.eject_after, self.source = eject_after, source
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def __aenter__(self) -> ReverseProxy:
        self._server = await asyncio.start_server(
            self._serve, "127.0.0.1", 0, limit=MAX_HEAD
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
        for upstream in self.upstreams:
            while upstream.idle:
                await close(upstream.idle.pop()[1])
        for task in list(self._tasks):
            task.cancel()  # stop handlers still waiting on open connections
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    @property
    def address(self) -> tuple[str, int]:
        return "127.0.0.1", self.port

    def counts(self, name: str) -> list[int]:
        return [getattr(upstream, name) for upstream in self.upstreams]

    async def _serve(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        peer = writer.get_extra_info("peername")[0]
        self._tasks.add(task := asyncio.current_task())  # type: ignore[arg-type]
        try:
            while True:
                try:
                    async with asyncio.timeout(self.client_timeout_s):
                        request = await read_message(reader)
                except (BadMessage, TimeoutError) as error:
                    # Refuse, and close: after a bad or unfinished head, nobody
                    # knows where the next request starts.
                    status = error.status if isinstance(error, BadMessage) else 408
                    reply = response(status, str(error).encode(), connection="close")
                    writer.write(reply.encode())
                    await writer.drain()
                    return
                if request is None:
                    return
                answer = await self.handle(request, peer)
                closing = "close" in connection_options(request)
                if closing or request.start.endswith("HTTP/1.0"):
                    answer.headers.append(("Connection", "close"))  # RFC 9112, 9.6
                writer.write(answer.encode())
                await writer.drain()
                if closing or request.start.endswith("HTTP/1.0"):
                    return
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        except asyncio.CancelledError:
            pass  # the proxy is stopping
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            await close(writer)

    # --8<-- [start:handle]
    async def handle(self, request: Message, peer: str) -> Message:
        """Forward one request; 502 if no backend answers, 504 on timeout."""
        headers = [
            (k, v) for k, v in end_to_end(request) if k.lower() != "x-forwarded-for"
        ]
        # Append the address this proxy saw to what earlier hops wrote, on one
        # line: some backends read only the first X-Forwarded-For line.
        chain = [*request.get("X-Forwarded-For"), peer]
        headers.append(("X-Forwarded-For", ", ".join(chain)))
        outgoing = Message(request.start, headers, request.body)
        # RFC 9110, 9.2.2: "A proxy MUST NOT automatically retry non-idempotent
        # requests", and a client should not retry a failed retry: two tries.
        tries = 2 if request.method in IDEMPOTENT else 1
        tried: set[int] = set()
        for _ in range(tries):
            eligible = [
                i
                for i, up in enumerate(self.upstreams)
                if not up.ejected and i not in tried
            ]
            if not eligible:
                break
            index = self.balancer.pick("", self.counts("in_flight"), eligible)
            tried.add(index)
            try:
                answer = await self._exchange(self.upstreams[index], outgoing)
            except TimeoutError:
                self._failed(index)
                return response(504, b"backend timed out")  # it may still be working
            except Unreachable:
                self._failed(index)
                continue  # the client has seen nothing yet: GET may go elsewhere
            if answer.status >= 500:
                self._failed(index)
            else:
                self.upstreams[index].failures_in_a_row = 0
            # Hop-by-hop headers were for the backend's connection, not the client's.
            answer.headers = end_to_end(answer)
            return answer
        return response(502, b"no backend answered")

    # --8<-- [end:handle]

    def _failed(self, index: int) -> None:
        upstream = self.upstreams[index]
        upstream.failures_in_a_row += 1
        if self.eject_after and upstream.failures_in_a_row >= self.eject_after:
            upstream.ejected = True  # passive: real traffic said so

    # --8<-- [start:pool]
    async def _exchange(self, upstream: Upstream, request: Message) -> Message:
        upstream.picked += 1
        upstream.in_flight += 1
        stream = None
        try:
            async with asyncio.timeout(self.timeout_s):
                stream = await self._connection(upstream)
                stream[1].write(request.encode())
                await stream[1].drain()
                answer = await read_response(stream[0], request.method)
            if answer is None:
                raise Unreachable("the backend closed the connection")
            closing = "close" in (v.lower() for v in answer.get("Connection"))
            if self.pool and not closing:
                upstream.idle.append(stream)  # reuse it for the next request
            else:
                await close(stream[1])
            return answer
        except BaseException as error:
            if stream is not None:
                await close(stream[1])  # a half-used connection is never reused
            if isinstance(error, BadMessage):  # RFC 9112, 6.3: discard it, 502
                raise Unreachable(f"unusable answer: {error}") from error
            raise
        finally:
            upstream.in_flight -= 1

    async def _connection(self, upstream: Upstream) -> Stream:
        while upstream.idle:
            reader, writer = upstream.idle.pop()
            if not reader.at_eof():
                return reader, writer
            await close(writer)  # the backend closed it while it sat idle
        try:
            # local_addr: the source address backends see for this proxy.
            stream = await open_stream(*upstream.address, local_addr=(self.source, 0))
        except OSError as error:
            raise Unreachable(str(error)) from error
        upstream.connections_opened += 1
        return stream

    # --8<-- [end:pool]

    async def check_health(self) -> list[bool]:
        """Active check: GET /healthz on every backend; a 200 brings one back."""
        results = []
        for upstream in self.upstreams:
            probe = Message("GET /healthz HTTP/1.1", [("Host", "backend")])
            try:
                healthy = (await self._exchange(upstream, probe)).status == 200
            except (TimeoutError, Unreachable, BadMessage):
                healthy = False
            upstream.picked -= 1  # a probe is not traffic
            if healthy:
                upstream.ejected, upstream.failures_in_a_row = False, 0
            results.append(healthy)
        return results
