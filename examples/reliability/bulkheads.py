"""Bulkheads: one concurrency limit per dependency, so one slow one cannot take all.

A service has 10 slots for outbound calls. Recommendations (optional) starts
hanging; payments (essential) stays fast. With one shared pool, the hung
recommendation calls take every slot and payments are refused. With a
bulkhead per dependency, recommendations can fill only its own slots.

Real asyncio tasks; the hung calls wait on an event the demo sets at the
end, so the outcome does not depend on timing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:bulkhead]
class Rejected(Exception):
    """No free slot: fail now (or serve a fallback) instead of queueing."""


class Bulkhead:
    """At most `limit` calls in flight; beyond that, reject at once."""

    def __init__(self, name: str, limit: int) -> None:
        if limit < 1:
            raise ValueError(f"limit must be at least 1, got {limit}")
        self.name = name
        self.limit = limit
        self.in_flight = 0

    async def run(self, call: Callable[[], Awaitable[T]]) -> T:
        # No await between the check and the increment, so on one event loop
        # no other task can slip in between: no lock needed.
        if self.in_flight >= self.limit:
            raise Rejected(f"{self.name}: all {self.limit} slots busy")
        self.in_flight += 1
        try:
            return await call()
        finally:  # released on success, error and cancellation alike
            self.in_flight -= 1


# --8<-- [end:bulkhead]


# --8<-- [start:scenario]
async def scenario(pools: dict[str, Bulkhead]) -> str:
    """12 recommendation calls hang, then 10 payments arrive one after another."""
    hung = asyncio.Event()

    async def recommendations() -> str:
        await hung.wait()  # the dependency stopped answering
        return "recs"

    async def payment() -> str:
        await asyncio.sleep(0)  # fast: one trip through the event loop
        return "paid"

    async def attempt(pool: Bulkhead, call: Callable[[], Awaitable[str]]) -> str:
        try:
            return await pool.run(call)
        except Rejected:
            return "rejected"

    stuck = [
        asyncio.create_task(attempt(pools["recommendations"], recommendations))
        for _ in range(12)
    ]
    await asyncio.sleep(0)  # let them all start and take their slots
    payments = [await attempt(pools["payments"], payment) for _ in range(10)]
    hung.set()  # end of the demo: let the hung calls finish
    recs = await asyncio.gather(*stuck)
    admitted = 12 - recs.count("rejected")
    return f"payments served {payments.count('paid')}/10, recs admitted {admitted}/12"


# --8<-- [end:scenario]


async def main() -> None:
    # --8<-- [start:demo]
    shared = Bulkhead("shared", limit=10)
    print(
        "one shared pool:",
        await scenario({"recommendations": shared, "payments": shared}),
    )
    #> one shared pool: payments served 0/10, recs admitted 10/12
    split = {"recommendations": Bulkhead("recs", 4), "payments": Bulkhead("pay", 6)}
    print("a bulkhead each:", await scenario(split))
    #> a bulkhead each: payments served 10/10, recs admitted 4/12
    # --8<-- [end:demo]


if __name__ == "__main__":
    asyncio.run(main())
