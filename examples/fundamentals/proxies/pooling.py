"""Connections the proxy opens to its backend, with and without a pool."""

from __future__ import annotations

import asyncio

from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import fetch, get
from examples.fundamentals.proxies.proxy import ReverseProxy

TIMEOUT_S = 5.0


# --8<-- [start:count]
async def connections_for(requests: int, *, pool: bool, concurrent: int = 1) -> int:
    """Send `requests` through a proxy, `concurrent` at a time; connections opened."""
    if concurrent < 1 or requests % concurrent:
        raise ValueError(
            f"{requests} requests do not split into batches of {concurrent}"
        )
    async with (
        Backend() as backend,
        ReverseProxy([backend.address], pool=pool) as proxy,
    ):
        for _ in range(requests // concurrent):
            batch = [
                fetch(proxy.address, get(), timeout_s=TIMEOUT_S)
                for _ in range(concurrent)
            ]
            await asyncio.gather(*batch)
        return backend.connections_accepted


# --8<-- [end:count]


# --8<-- [start:demo]
async def main() -> None:
    for pool in (False, True):
        opened = await connections_for(100, pool=pool)
        print(f"pool={pool!s:<5} 100 requests, {opened:>3} connections opened")
        #> pool=False 100 requests, 100 connections opened
        #> pool=True  100 requests,   1 connections opened


if __name__ == "__main__":
    asyncio.run(main())
# --8<-- [end:demo]
