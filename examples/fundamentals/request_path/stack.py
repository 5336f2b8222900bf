"""A whole serving stack on loopback, for following one request through every hop.

    DNS server -> TLS-terminating load balancer -> reverse proxy -> app -> SQLite

Each part is a real server on a free loopback port, reused from the page that
teaches it: the DNS server and zone from fundamentals/dns, certificates from
fundamentals/tls, the reverse proxy and HTTP/1.1 backend from
fundamentals/proxies. What is new here is the load balancer, which only
terminates TLS and passes bytes on (as an L4 balancer with TLS offload does),
and a `Trace` every part writes to, so the hops print in the order they happen.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import ssl
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from examples.fundamentals.dns.server import serve_dns
from examples.fundamentals.dns.zone import Zone
from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import Message, close, response
from examples.fundamentals.proxies.proxy import ReverseProxy
from examples.fundamentals.tls.contexts import client_context, server_context
from examples.fundamentals.tls.local_ca import Authority

HOST = "api.shop.test"  # .test is reserved for testing (RFC 6761)
ZONE = """
shop.test.     3600 IN SOA  ns1.shop.test. hostmaster.shop.test. 1 7200 900 1209600 60
shop.test.     3600 IN NS   ns1.shop.test.
ns1.shop.test. 3600 IN A    127.0.0.1
api.shop.test.   60 IN A    127.0.0.1
"""
PIPE_CHUNK = 64 * 1024
CONNECT_TIMEOUT_S = 5.0  # to reach the proxy; a balancer gives up and closes


@dataclass
class Trace:
    """What each hop saw, in order. Single event loop plus the DNS thread: append only."""

    events: list[str] = field(default_factory=list)

    def __call__(self, hop: str, what: str) -> None:
        self.events.append(f"{hop:<6} {what}")


@dataclass
class Stack:
    """Where the parts listen, and the root a client must trust."""

    dns_port: int
    lb_port: int
    client_tls: ssl.SSLContext
    proxy: ReverseProxy
    backend: Backend


# --8<-- [start:app]
def orders_db() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL)")
    db.executemany("INSERT INTO orders VALUES (?, ?)", [(7, "shipped"), (8, "paid")])
    return db


def order_app(db: sqlite3.Connection, trace: Trace):
    async def handle(request: Message, peer: str) -> Message:
        method, path, _ = request.start.split(" ", 2)
        forwarded = ", ".join(request.get("X-Forwarded-For"))
        trace("app", f"{method} {path} from the proxy, X-Forwarded-For: {forwarded}")
        prefix = "/orders/"
        if (
            method != "GET"
            or not path.startswith(prefix)
            or not path[len(prefix) :].isdigit()
        ):
            return response(404, b"no such route", Content_Type="text/plain")
        sql = "SELECT id, status FROM orders WHERE id = ?"  # the primary key's index
        row = db.execute(sql, (int(path[len(prefix) :]),)).fetchone()
        trace("db", f"{sql} -> {0 if row is None else 1} row")
        if row is None:
            return response(404, b"no such order", Content_Type="text/plain")
        body = json.dumps({"id": row[0], "status": row[1]}).encode()
        return response(200, body, Content_Type="application/json")

    return handle


# --8<-- [end:app]


# --8<-- [start:balancer]
@asynccontextmanager
async def tls_balancer(
    context: ssl.SSLContext, upstream: tuple[str, int], trace: Trace
) -> AsyncIterator[int]:
    """Terminate TLS, then pass the plaintext bytes both ways; yields the port."""
    connections: set[asyncio.Task[None]] = set()

    async def pipe(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter, seen: str = ""
    ) -> None:
        try:
            while data := await reader.read(PIPE_CHUNK):
                if seen:  # the first plaintext the client sent: log it once
                    trace("lb", f"{seen}; {len(data)} bytes on to the proxy")
                    seen = ""
                writer.write(data)
                await writer.drain()
        except (ConnectionError, ssl.SSLError):
            pass  # a reset or a broken record ends this direction like an EOF
        finally:
            writer.close()  # EOF (or reset) one way closes the other side's socket,
            # so the pipe running the other way sees EOF and ends too

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.add(task := asyncio.current_task())  # type: ignore[arg-type]
        try:
            version = writer.get_extra_info("ssl_object").version()
            try:
                up_reader, up_writer = await asyncio.wait_for(
                    asyncio.open_connection(*upstream), CONNECT_TIMEOUT_S
                )
            except (OSError, TimeoutError):
                return  # nobody to pass the bytes to: close the client's connection
            await asyncio.gather(
                pipe(reader, up_writer, seen=f"decrypted ({version} ends here)"),
                pipe(up_reader, writer),
            )
        except asyncio.CancelledError:
            pass  # the balancer is stopping
        finally:
            connections.discard(task)  # type: ignore[arg-type]
            await close(writer)

    server = await asyncio.start_server(serve, "127.0.0.1", 0, ssl=context)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()  # stops accepting; open connections are ours to end
        for task in list(connections):
            task.cancel()
        await asyncio.gather(*connections, return_exceptions=True)
        await server.wait_closed()


# --8<-- [end:balancer]


@contextmanager
def certificates(now: datetime) -> Iterator[tuple[ssl.SSLContext, ssl.SSLContext]]:
    """A root, an intermediate and a leaf for HOST: (server context, client context)."""
    root = Authority.root("Shop Root CA", now, timedelta(days=365))
    issuer = root.intermediate("Shop Issuing CA", now, timedelta(days=90))
    leaf = issuer.issue([HOST], "server", now, timedelta(days=7))
    yield server_context(leaf, alpn=["http/1.1"]), client_context(
        [root.certificate], alpn=["http/1.1"]
    )


@asynccontextmanager
async def running_stack(trace: Trace) -> AsyncIterator[Stack]:
    """Start every part, innermost first; stop them in reverse order."""
    now = datetime.now(UTC)
    async with AsyncExitStack() as stack:
        dns = stack.enter_context(serve_dns(Zone.from_text("shop.test.", ZONE)))
        server_tls, client_tls = stack.enter_context(certificates(now))
        db = orders_db()
        stack.callback(db.close)
        backend = await stack.enter_async_context(Backend(order_app(db, trace)))
        proxy = await stack.enter_async_context(ReverseProxy([backend.address]))
        lb_port = await stack.enter_async_context(
            tls_balancer(server_tls, proxy.address, trace)
        )
        yield Stack(dns.port, lb_port, client_tls, proxy, backend)
