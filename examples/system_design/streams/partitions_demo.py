"""Three subject partitions, one consumer each: per-key order holds, in parallel."""

# requires-server: nats

from __future__ import annotations

import asyncio
from collections import defaultdict

from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig

from examples.system_design.streams.jetstream import (
    DEMO_TIMEOUT_SECONDS,
    connect,
    fetch_one,
    read_all,
    scratch_stream,
)
from examples.system_design.streams.partitions import (
    partition_filter,
    partition_subject,
)

PARTITIONS = 3
ORDERS = [f"o-{n}" for n in range(1, 7)]
STEPS = ["placed", "paid", "shipped"]


# --8<-- [start:consume]
async def consume_partition(
    js: JetStreamContext, stream: str, partition: int
) -> list[tuple[str, str]]:
    """Read one partition to its end with its own durable consumer."""
    config = ConsumerConfig(
        durable_name=f"orders-p{partition}",
        filter_subject=partition_filter(f"{stream}.orders", partition),
        max_ack_pending=1,  # one message in flight: a redelivery cannot reorder
    )
    await js.add_consumer(stream, config)
    sub = await js.pull_subscribe_bind(config.durable_name, stream=stream)
    events = []
    for msg in await read_all(sub, batch=1):  # one in flight, so fetch one
        order, step = msg.data.decode().split()
        events.append((order, step))
    return events


# --8<-- [end:consume]


async def reorder_demo(js: JetStreamContext, stream: str) -> None:
    """Two workers share one consumer; the first fails its message once."""
    # --8<-- [start:reorder]
    for max_ack_pending in (1000, 1):
        name = f"o1-workers-{max_ack_pending}"
        config = ConsumerConfig(
            durable_name=name,
            filter_subject=f"{stream}.orders.*.o-1",  # the three events of o-1
            max_ack_pending=max_ack_pending,
        )
        await js.add_consumer(stream, config)
        worker_a = await js.pull_subscribe_bind(name, stream=stream)
        worker_b = await js.pull_subscribe_bind(name, stream=stream)
        processed: list[str] = []
        first = await fetch_one(worker_a)  # "placed"
        assert first is not None
        # B asks for the next event while A is still working on "placed".
        b_asks = asyncio.create_task(fetch_one(worker_b))
        await asyncio.wait({b_asks}, timeout=0.5)  # with 1000 in flight: "paid"
        await first.nak()  # A fails: a timeout calling the payment service
        second = await b_asks  # with 1 in flight: the retried "placed"
        assert second is not None
        processed.append(second.data.decode().split()[1])
        await second.ack_sync()
        while len(processed) < len(STEPS):
            msg = await fetch_one(worker_a)
            assert msg is not None
            processed.append(msg.data.decode().split()[1])
            await msg.ack_sync()
        print(f"max_ack_pending={max_ack_pending}: o-1 handled as {processed}")
        #> max_ack_pending=1000: o-1 handled as ['paid', 'placed', 'shipped']
        #> max_ack_pending=1: o-1 handled as ['placed', 'paid', 'shipped']
    # --8<-- [end:reorder]


async def main() -> None:
    async with (
        asyncio.timeout(DEMO_TIMEOUT_SECONDS),
        connect() as js,
        scratch_stream(js, "ORDERS") as stream,
    ):
        # --8<-- [start:publish]
        for step in STEPS:  # interleaved: every order placed, then every order paid...
            for order in ORDERS:
                subject = partition_subject(f"{stream}.orders", order, PARTITIONS)
                await js.publish(subject, f"{order} {step}".encode())
        # --8<-- [end:publish]

        # --8<-- [start:run]
        results = await asyncio.gather(
            *(consume_partition(js, stream, p) for p in range(PARTITIONS))
        )
        for partition, events in enumerate(results):
            per_order: dict[str, list[str]] = defaultdict(list)
            for order, step in events:
                per_order[order].append(step)
            in_order = all(steps == STEPS for steps in per_order.values())
            summary = f"{sorted(per_order)}, {len(events)} events"
            print(f"partition {partition}: {summary}, in order: {in_order}")
            #> partition 0: ['o-4'], 3 events, in order: True
            #> partition 1: ['o-3', 'o-6'], 6 events, in order: True
            #> partition 2: ['o-1', 'o-2', 'o-5'], 9 events, in order: True
        # --8<-- [end:run]

        await reorder_demo(js, stream)


if __name__ == "__main__":
    asyncio.run(main())
