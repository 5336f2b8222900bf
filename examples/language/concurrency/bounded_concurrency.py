"""Bound how many coroutines run at once with asyncio.Semaphore.

Starting one task per item is cheap for the event loop, not for the service
you call: 10,000 simultaneous requests is an outage. A semaphore caps the
number in flight while the rest wait their turn.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


# --8<-- [start:bounded_map]
async def bounded_map(
    work: Callable[[T], Awaitable[R]], items: Iterable[T], *, limit: int
) -> list[R]:
    """Run `work` on every item, at most `limit` at a time; results in input order."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    gate = asyncio.Semaphore(limit)

    async def one(item: T) -> R:
        async with gate:  # released even if `work` raises or is cancelled
            return await work(item)

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(one(item)) for item in items]
    return [task.result() for task in tasks]


# --8<-- [end:bounded_map]


# --8<-- [start:probe]
class InFlight:
    """Count calls in progress and remember the highest count seen."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0

    async def fetch(self, page: int) -> str:
        """Pretend to download a page, yielding to the loop a few times meanwhile."""
        # No lock needed: one thread runs the loop, and nothing awaits between
        # reading and writing these counters, so no other task can interleave.
        self.now += 1
        self.peak = max(self.peak, self.now)
        try:
            for _ in range(3):
                await asyncio.sleep(0)
        finally:  # a cancelled call must still leave the count
            self.now -= 1
        return f"page {page}"


# --8<-- [end:probe]


async def main() -> None:
    """Fetch ten pages with at most three in flight, then with no real cap."""
    # --8<-- [start:demo]
    capped = InFlight()
    pages = await bounded_map(capped.fetch, range(10), limit=3)
    print(pages[:3], "...", len(pages), "pages")
    #> ['page 0', 'page 1', 'page 2'] ... 10 pages
    print("peak in flight with limit=3:", capped.peak)
    #> peak in flight with limit=3: 3
    uncapped = InFlight()
    await bounded_map(uncapped.fetch, range(10), limit=1000)
    print("peak in flight with limit=1000:", uncapped.peak)
    #> peak in flight with limit=1000: 10
    # --8<-- [end:demo]


if __name__ == "__main__":
    asyncio.run(main())
