"""A circuit breaker in front of a real HTTP dependency that hangs, then recovers.

The dependency is a small ASGI app served by uvicorn on a loopback port. In
"hang" mode it holds every request longer than the client's timeout, which is
how a dead dependency usually looks from the caller: not an error, a wait.
Without a breaker every call pays the full timeout; with one, the calls
after the threshold fail at once and never reach the server. The breaker's
clock is a hand-moved one, so the recovery needs no real 5-second sleep.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field

import httpx2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from examples.reliability.circuit_breaker import CircuitBreaker, CircuitOpen
from examples.uvicorn_server import serve

CLIENT_TIMEOUT_S = 0.2
HANG_LIMIT_S = 5.0  # a hung handler gives up on its own, so the server can stop


# --8<-- [start:dependency]
@dataclass
class Dependency:
    """The switchable dependency: `healthy` or hanging; counts what reaches it."""

    healthy: bool = True
    received: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    def app(self) -> Starlette:
        async def quote(request: Request) -> JSONResponse:
            self.received += 1
            if not self.healthy:
                for _ in range(int(HANG_LIMIT_S / 0.01)):  # hang until released
                    if self.released.is_set():
                        break
                    await asyncio.sleep(0.01)
                return JSONResponse({"error": "too late"}, status_code=504)
            return JSONResponse({"price": 42})

        return Starlette(routes=[Route("/quote", quote)])


# --8<-- [end:dependency]


# --8<-- [start:client]
def fetch_quotes(
    client: httpx2.Client, calls: int, breaker: CircuitBreaker | None
) -> str:
    """Make `calls` calls; count how they ended: ok, timeout or fail-fast."""
    outcomes: dict[str, int] = {}

    def one() -> int:
        return client.get("/quote").raise_for_status().json()["price"]

    for _ in range(calls):
        try:
            one() if breaker is None else breaker.call(one)
            kind = "ok"
        except httpx2.TimeoutException:
            kind = "timeout"  # this call waited the full client timeout
        except CircuitOpen:
            kind = "fail-fast"  # rejected by the breaker, nothing sent
        outcomes[kind] = outcomes.get(kind, 0) + 1
    return " ".join(f"{kind}={count}" for kind, count in outcomes.items())


# --8<-- [end:client]


def main() -> None:
    # --8<-- [start:demo]
    dependency = Dependency(healthy=False)
    with (
        serve(dependency.app()) as port,
        httpx2.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=CLIENT_TIMEOUT_S
        ) as client,
    ):
        try:
            print("no breaker:", fetch_quotes(client, 10, breaker=None))
            #> no breaker: timeout=10
            now = [0.0]
            breaker = CircuitBreaker(
                failure_threshold=3, reset_timeout=5.0, clock=lambda: now[0]
            )
            print("breaker:", fetch_quotes(client, 10, breaker))
            #> breaker: timeout=3 fail-fast=7

            dependency.healthy = True  # the dependency recovers...
            print("still open:", fetch_quotes(client, 2, breaker))
            #> still open: fail-fast=2
            now[0] += 5.0  # ...and the breaker's reset timeout passes
            print("after 5 s:", fetch_quotes(client, 3, breaker), breaker.state.value)
            #> after 5 s: ok=3 closed
        finally:
            dependency.released.set()  # let hung handlers finish so the server stops
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
