"""The numbers behind docs/fundamentals/request-path.md: what each hop of one request costs.

One HTTPS GET through the loopback stack of examples/fundamentals/request_path
(DNS server, TLS-terminating balancer, reverse proxy, app, SQLite), split into
its steps and timed apart, median of many tries. Loopback has no distance, so
these are the costs of the work itself; on a real network add the trip to the
DNS resolver (if not cached), then a round trip each for TCP, TLS 1.3 and the
request.

    .venv/bin/python benchmarks/fundamentals_request_path.py
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable

from benchmarks.timing import quick_mode
from examples.fundamentals.dns.stub import ask
from examples.fundamentals.proxies.http1 import Message, close, read_response
from examples.fundamentals.request_path.stack import HOST, Stack, Trace, running_stack

REQUEST = Message("GET /orders/7 HTTP/1.1", [("Host", HOST)]).encode()


async def median_ms(step: Callable[[], Awaitable[None]], tries: int) -> float:
    times = []
    for _ in range(tries):
        start = time.perf_counter()
        await step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


async def measure(stack: Stack, tries: int) -> dict[str, float]:
    async def dns() -> None:
        await asyncio.to_thread(ask, HOST, "A", stack.dns_port)

    async def tcp() -> None:
        _, writer = await asyncio.open_connection(*stack.proxy.address)
        await close(writer)

    async def tcp_and_tls() -> None:
        _, writer = await asyncio.open_connection(
            "127.0.0.1", stack.lb_port, ssl=stack.client_tls, server_hostname=HOST
        )
        await close(writer)

    reader, writer = await asyncio.open_connection(
        "127.0.0.1", stack.lb_port, ssl=stack.client_tls, server_hostname=HOST
    )

    async def request() -> None:
        writer.write(REQUEST)
        await writer.drain()
        answer = await read_response(reader, "GET")
        assert answer is not None and answer.status == 200

    try:
        await request()  # warm: the proxy's pooled connection to the app exists now
        timings = {
            "DNS question and answer": await median_ms(dns, tries),
            "TCP connect": await median_ms(tcp, tries),
            "TCP + TLS 1.3 handshake": await median_ms(tcp_and_tls, tries),
            "request on an open connection": await median_ms(request, tries),
        }
    finally:
        await close(writer)
    return timings


async def main() -> None:
    tries = 20 if quick_mode() else 300
    async with running_stack(Trace()) as stack:
        timings = await measure(stack, tries)
    timings["TLS handshake alone (difference)"] = (
        timings["TCP + TLS 1.3 handshake"] - timings["TCP connect"]
    )
    request = timings["request on an open connection"]
    print(f"median of {tries} tries each, loopback")
    print(f"{'step':<34} {'ms':>8} {'ratio to the request':>21}")
    for step, ms in timings.items():
        print(f"{step:<34} {ms:>8.3f} {ms / request:>21.1f}")


if __name__ == "__main__":
    asyncio.run(main())
