"""Timeouts at each hop, outermost longest: client > proxy > backend > database.

The database is stood in for by a query that runs until the scenario lets it
finish, so it outlasts every timeout that is meant to fire, however loaded the
machine is. Only the order of the timeouts varies between scenarios.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import Message, fetch, get, response
from examples.fundamentals.proxies.proxy import ReverseProxy

SETTLE_S = 5.0  # an upper bound on waiting for the backend, never reached


# --8<-- [start:backend]
@dataclass
class SlowBackend:
    """Each request runs one slow query, bounded by its own timeout if it has one."""

    query_timeout_s: float | None
    finished: int = 0  # queries that ran to the end
    abandoned: int = 0  # queries the backend itself gave up on
    started: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)  # the query returns
    settled: asyncio.Event = field(default_factory=asyncio.Event)

    async def __call__(self, request: Message, peer: str) -> Message:
        self.started.set()
        try:
            async with asyncio.timeout(self.query_timeout_s):
                await self.release.wait()  # the database call
        except TimeoutError:
            self.abandoned += 1
            return response(503, b"database timed out")
        finally:
            self.settled.set()
        self.finished += 1
        return response(200, b"done")


# --8<-- [end:backend]


async def scenario(
    client_s: float, proxy_s: float, query_timeout_s: float | None
) -> str:
    """What the client saw, and what became of the backend's query."""
    slow = SlowBackend(query_timeout_s)
    async with (
        Backend(slow) as backend,
        ReverseProxy([backend.address], timeout_s=proxy_s) as proxy,
    ):
        try:
            answer = await fetch(proxy.address, get("/report"), timeout_s=client_s)
            client_saw = f"{answer.status} {answer.body.decode()}"
        except TimeoutError:
            client_saw = "gave up"
        # Whoever gave up, the query is still running (or was abandoned):
        # now let it finish, and wait until it has.
        async with asyncio.timeout(SETTLE_S):
            await slow.started.wait()
            slow.release.set()
            await slow.settled.wait()
        return (
            f"client {client_saw:<23} finished {slow.finished},"
            f" abandoned {slow.abandoned}"
        )


# --8<-- [start:demo]
async def main() -> None:
    print(await scenario(client_s=3.0, proxy_s=2.0, query_timeout_s=0.2))
    #> client 503 database timed out  finished 0, abandoned 1
    print(await scenario(client_s=3.0, proxy_s=0.3, query_timeout_s=None))
    #> client 504 backend timed out   finished 1, abandoned 0
    print(await scenario(client_s=0.3, proxy_s=2.0, query_timeout_s=None))
    #> client gave up                 finished 1, abandoned 0


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:demo]
