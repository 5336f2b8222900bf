"""What a connection pool saves through the example reverse proxy, in milliseconds.

Sequential GETs through examples/fundamentals/proxies/proxy.py to one
loopback backend, with the proxy opening a new backend connection per
request against reusing one from its pool. The client opens a new
connection to the proxy each time in both cases, so the difference is the
proxy-to-backend connection alone. Medians, so one slow run on a shared
machine does not move them.

    .venv/bin/python benchmarks/fundamentals_proxies.py
"""

from __future__ import annotations

import asyncio
import statistics
import time

from benchmarks.timing import quick_mode
from examples.fundamentals.proxies.backend import Backend
from examples.fundamentals.proxies.http1 import fetch, get
from examples.fundamentals.proxies.proxy import ReverseProxy

REQUESTS = 10 if quick_mode() else 500
TIMEOUT_S = 5.0


async def median_ms(*, pool: bool) -> tuple[float, int]:
    """Median request time through the proxy, and backend connections opened."""
    async with Backend() as backend, ReverseProxy([backend.address], pool=pool) as proxy:
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            await fetch(proxy.address, get(), timeout_s=TIMEOUT_S)
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000, backend.connections_accepted


async def main() -> None:
    print(f"GET through the proxy on loopback, median of {REQUESTS}")
    results = {pool: await median_ms(pool=pool) for pool in (False, True)}
    for pool, (ms, opened) in results.items():
        label = "pooled" if pool else "new backend connection each"
        print(f"  {label:<28} {ms:>7.3f} ms  ({opened} backend connections)")
    print(f"  ratio (new / pooled)         {results[False][0] / results[True][0]:>7.2f}")


if __name__ == "__main__":
    asyncio.run(main())
