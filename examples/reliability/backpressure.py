"""Backpressure: a bounded queue makes a fast producer wait for a slow consumer.

The producer makes 10,000 items of 1 KiB; the consumer needs three turns of
the event loop per item, the producer one. With an unbounded asyncio.Queue
the producer never waits, so the queue holds most of the items at once:
memory grows with the backlog, and in a real service, until the process is
killed. With `maxsize`, `put` waits when the queue is full, so the producer
runs at the consumer's pace and memory stays bounded.
"""

from __future__ import annotations

import asyncio

ITEM_BYTES = 1024


# --8<-- [start:pipeline]
async def pipeline(items: int, maxsize: int) -> int:
    """Run producer and consumer to the end; return the most items queued at once.

    `maxsize` 0 means unbounded, as in asyncio.Queue itself.
    """
    if items < 0 or maxsize < 0:
        raise ValueError("items and maxsize must be >= 0")
    queue: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=maxsize)
    peak = 0

    async def produce() -> None:
        nonlocal peak
        for _ in range(items):
            await queue.put(bytes(ITEM_BYTES))  # waits while the queue is full
            peak = max(peak, queue.qsize())
            await asyncio.sleep(0)  # one turn of the loop per item
        await queue.put(None)  # tell the consumer there is no more

    async def consume() -> None:
        while (item := await queue.get()) is not None:
            for _ in range(3):  # slower: three turns per item
                await asyncio.sleep(0)
            del item

    async with asyncio.TaskGroup() as group:
        group.create_task(produce())
        group.create_task(consume())
    return peak


# --8<-- [end:pipeline]


async def main() -> None:
    # --8<-- [start:demo]
    unbounded = await pipeline(10_000, maxsize=0)
    print(
        f"unbounded: up to {unbounded} items held, {unbounded * ITEM_BYTES // 1024} KiB"
    )
    #> unbounded: up to 6667 items held, 6667 KiB
    bounded = await pipeline(10_000, maxsize=100)
    print(
        f"maxsize=100: up to {bounded} items held, {bounded * ITEM_BYTES // 1024} KiB"
    )
    #> maxsize=100: up to 100 items held, 100 KiB
    # --8<-- [end:demo]


if __name__ == "__main__":
    asyncio.run(main())
