"""Round robin against least connections, through the proxy, with one slow backend.

The slow backend holds every request until the end of the run. The client
sends one request at a time and waits until it is either answered or stuck
in the slow backend, so every pick sees the same in-flight counts each run.
"""

from __future__ import annotations

import asyncio
import random

from examples.fundamentals.proxies.backend import Backend, hello
from examples.fundamentals.proxies.http1 import Message, fetch, get
from examples.fundamentals.proxies.proxy import ReverseProxy
from examples.system_design.load_balancing.balancers import (
    Balancer,
    LeastConnections,
    RoundRobin,
)

TIMEOUT_S = 5.0


class Stuck:
    """A backend handler that parks each request until `release` is set."""

    def __init__(self) -> None:
        self.arrivals: asyncio.Queue[None] = asyncio.Queue()
        self.release = asyncio.Event()

    async def __call__(self, request: Message, peer: str) -> Message:
        self.arrivals.put_nowait(None)
        await self.release.wait()
        return await hello(request, peer)


# --8<-- [start:run]
async def run(balancer: Balancer, requests: int = 12) -> tuple[list[int], int]:
    """Requests each backend got (fast, slow, fast) and how many got stuck."""
    stuck = Stuck()
    async with (
        Backend() as a,
        Backend(stuck) as slow,
        Backend() as c,
        ReverseProxy([a.address, slow.address, c.address], balancer=balancer) as proxy,
    ):
        waiting = []
        for _ in range(requests):
            call = asyncio.create_task(fetch(proxy.address, get(), timeout_s=TIMEOUT_S))
            parked = asyncio.create_task(stuck.arrivals.get())
            await asyncio.wait({call, parked}, return_when=asyncio.FIRST_COMPLETED)
            if parked.done():
                waiting.append(call)  # in the slow backend, not answered
            else:
                parked.cancel()
        stuck.release.set()
        await asyncio.gather(*waiting)
        return proxy.counts("picked"), len(waiting)


# --8<-- [end:run]


# --8<-- [start:demo]
async def main() -> None:
    for balancer in (RoundRobin(), LeastConnections(random.Random(7))):
        picked, waiting = await run(balancer)
        print(f"{balancer.name:<17} picked {picked}, stuck behind slow: {waiting}")
        #> round robin       picked [4, 4, 4], stuck behind slow: 4
        #> least connections picked [8, 1, 3], stuck behind slow: 1


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:demo]
