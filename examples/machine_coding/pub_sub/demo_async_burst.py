"""publish() never awaits, so a burst runs to the end before any consumer does.

Consumer tasks run only when the publishing task gives the event loop a turn.
Publish more than max_pending messages without a single await and even a
subscriber with an instant handler overflows.
"""

from __future__ import annotations

import asyncio

from examples.machine_coding.pub_sub.async_broker import AsyncBroker
from examples.machine_coding.pub_sub.messages import Delivery


# --8<-- [start:demo]
async def burst(*, yield_between: bool) -> str:
    """Publish five ticks to a fast subscriber whose queue holds two."""
    got: list[int] = []

    async def fast(delivery: Delivery) -> None:
        got.append(delivery.message.id)  # instant: no I/O at all

    async with AsyncBroker(max_pending=2) as broker:
        broker.create_topic("prices")
        broker.subscribe("prices", "fast", fast)
        for tick in range(5):
            broker.publish("prices", f"tick {tick}")
            if yield_between:
                await asyncio.sleep(0)  # one turn of the loop for the consumers
        await broker.join("prices", "fast")
    dropped = [dead.message.id for dead in broker.dead_letters()]
    return f"got {got}, dropped {dropped}"


async def main() -> None:
    print("no await between publishes:", await burst(yield_between=False))
    #> no await between publishes: got [4, 5], dropped [1, 2, 3]
    print("sleep(0) after each publish:", await burst(yield_between=True))
    #> sleep(0) after each publish: got [1, 2, 3, 4, 5], dropped []


# --8<-- [end:demo]

if __name__ == "__main__":
    asyncio.run(main())
