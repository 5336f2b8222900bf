"""A stuck subscriber does not delay a fast one: each has its own queue and task.

Events, not sleeps, decide the order: the slow handler signals when it has
started and then waits for a release that the demo gives only after checking
that the fast subscriber finished everything.
"""

from __future__ import annotations

import asyncio

from examples.machine_coding.pub_sub.async_broker import AsyncBroker
from examples.machine_coding.pub_sub.messages import Delivery


async def main() -> None:
    """Publish three orders to a fast and a stuck subscriber."""
    # --8<-- [start:demo]
    slow_started = asyncio.Event()
    release_slow = asyncio.Event()
    fast_seen: list[str | bytes] = []
    slow_seen: list[str | bytes] = []

    async def fast(delivery: Delivery) -> None:
        fast_seen.append(delivery.message.payload)

    async def slow(delivery: Delivery) -> None:
        slow_seen.append(delivery.message.payload)
        slow_started.set()
        await release_slow.wait()  # stands in for a hung downstream call

    async with AsyncBroker(ack_deadline=None) as broker, asyncio.timeout(5):
        broker.create_topic("orders")
        broker.subscribe("orders", "fast", fast)
        broker.subscribe("orders", "slow", slow)
        for number in (1, 2, 3):
            broker.publish("orders", f"order-{number}")  # never awaits a consumer
        await slow_started.wait()
        await broker.join("orders", "fast")
        print("fast:", fast_seen)
        #> fast: ['order-1', 'order-2', 'order-3']
        print("slow:", slow_seen, "waiting:", broker.backlog("orders", "slow"))
        #> slow: ['order-1'] waiting: 2
        release_slow.set()
        await broker.join("orders", "slow")
        print("slow:", slow_seen)
        #> slow: ['order-1', 'order-2', 'order-3']
    # --8<-- [end:demo]


if __name__ == "__main__":
    asyncio.run(main())
