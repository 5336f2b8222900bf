"""Timeouts at each hop, outermost longest: client > proxy > backend > database.

The database is stood in for by a sleep of known length inside the backend,
so the only thing that varies between scenarios is the order of timeouts.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import Message, fetch, get, response
from examples.fundamentals.proxies.proxy import ReverseProxy

QUERY_S = 0.6  # how long the slow "database" call takes


# --8<-- [start:backend]
@dataclass
class SlowBackend:
    """Each request runs one slow query, bounded by its own timeout if it has one."""

    query_timeout_s: float | None
    finished: int = 0  # queries that ran to the end
    abandoned: int = 0  # queries the backend itself gave up on

    async def __call__(self, request: Message, peer: str) -> Message:
        try:
            async with asyncio.timeout(self.query_timeout_s):
                await asyncio.sleep(QUERY_S)  # the database call
        except TimeoutError:
            self.abandoned += 1
            return response(503, b"database timed out")
        self.finished += 1
        return response(200, b"done")


# --8<-- [end:backend]


async def scenario(
    client_s: float, proxy_s: float, query_timeout_s: float | None
) -> str:
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
        await asyncio.sleep(QUERY_S)  # let any query still running finish
        return (
            f"client {client_saw:<23} finished {slow.finished},"
            f" abandoned {slow.abandoned}"
        )


# --8<-- [start:demo]
async def main() -> None:
    print(await scenario(client_s=2.0, proxy_s=1.0, query_timeout_s=0.2))
    #> client 503 database timed out  finished 0, abandoned 1
    print(await scenario(client_s=2.0, proxy_s=0.2, query_timeout_s=None))
    #> client 504 backend timed out   finished 1, abandoned 0
    print(await scenario(client_s=0.2, proxy_s=1.0, query_timeout_s=None))
    #> client gave up                 finished 1, abandoned 0


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:demo]
