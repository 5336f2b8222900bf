"""A circuit breaker in front of a real HTTP dependency that hangs, then recovers.

The dependency is a small ASGI app served by uvicorn on a loopback port. In
"hang" mode it holds every request longer than the client's timeout, which is
how a dead dependency usually looks from the caller: not an error, a wait.
What counts against the dependency: timeouts, transport errors and 5xx. A
4xx says our request was wrong, not that the dependency is sick, so it
passes through the breaker as a success.
Without a breaker every call pays the full timeout; with one, the calls
after the threshold fail at once and never reach the server. The breaker's
clock is a hand-moved one, so the recovery needs no real 5-second sleep.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Literal

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
    """A switchable dependency; counts the requests that reach it."""

    mode: Literal["ok", "hang", "error", "reject"] = "ok"
    received: int = 0
    released: threading.Event = field(default_factory=threading.Event)

    def app(self) -> Starlette:
        async def quote(request: Request) -> JSONResponse:
            self.received += 1
            if self.mode == "hang":
                for _ in range(int(HANG_LIMIT_S / 0.01)):  # hang until released
                    if self.released.is_set():
                        break
                    await asyncio.sleep(0.01)
                return JSONResponse({"error": "too late"}, status_code=504)
            if self.mode == "error":  # fails fast: a bug or a dead database
                return JSONResponse({"error": "internal"}, status_code=500)
            if self.mode == "reject":  # the caller's fault, not the dependency's
                return JSONResponse({"error": "bad symbol"}, status_code=400)
            return JSONResponse({"price": 42})

        return Starlette(routes=[Route("/quote", quote)])


# --8<-- [end:dependency]


# --8<-- [start:client]
def fetch_quotes(
    client: httpx2.Client, calls: int, breaker: CircuitBreaker | None
) -> str:
    """Make `calls` calls; count how they ended (ok, timeout, fail-fast...)."""
    outcomes: dict[str, int] = {}

    def one() -> httpx2.Response:
        response = client.get("/quote")
        if response.status_code >= 500:  # the dependency failed: this counts
            response.raise_for_status()
        return response  # 2xx, or a 4xx that is our fault: not a failure

    for _ in range(calls):
        try:
            response = one() if breaker is None else breaker.call(one)
            kind = "ok" if response.is_success else "rejected"
        except httpx2.TimeoutException:
            kind = "timeout"  # this call waited the full client timeout
        except httpx2.TransportError:
            kind = "unreachable"  # refused or reset: failed fast, no answer
        except httpx2.HTTPStatusError:
            kind = "5xx"
        except CircuitOpen:
            kind = "fail-fast"  # rejected by the breaker, nothing sent
        outcomes[kind] = outcomes.get(kind, 0) + 1
    return " ".join(f"{kind}={count}" for kind, count in outcomes.items())


# --8<-- [end:client]


def main() -> None:
    # --8<-- [start:demo]
    dependency = Dependency(mode="hang")
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

            dependency.mode = "ok"  # the dependency recovers...
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
