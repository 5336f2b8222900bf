"""A durable consumer's position (its "offset"), a restart, and replay from the log."""

# requires-server: nats

from __future__ import annotations

import asyncio

from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy

from examples.system_design.streams.jetstream import (
    DEMO_TIMEOUT_SECONDS,
    connect,
    fetch_one,
    read_all,
    scratch_stream,
)

EVENTS = [
    ("o-1", "placed"),
    ("o-2", "placed"),
    ("o-1", "paid"),
    ("o-3", "placed"),
    ("o-2", "cancelled"),
    ("o-1", "shipped"),
]


# --8<-- [start:read_model]
def order_statuses(events: list[tuple[str, str]]) -> dict[str, str]:
    """The read model: each order's latest status, folded from its events in order."""
    statuses: dict[str, str] = {}
    for order, status in events:
        statuses[order] = status
    return statuses


def decode(data: bytes) -> tuple[str, str]:
    """`b"o-1 paid"` to `("o-1", "paid")`."""
    order, status = data.decode().split()
    return order, status


# --8<-- [end:read_model]


async def position(js: JetStreamContext, stream: str, consumer: str) -> str:
    """The consumer's offsets, as the server reports them."""
    info = await js.consumer_info(stream, consumer)
    assert info.delivered is not None and info.ack_floor is not None
    return (
        f"delivered up to {info.delivered.stream_seq}, "
        f"acked up to {info.ack_floor.stream_seq}, "
        f"unacked {info.num_ack_pending}, not yet delivered {info.num_pending}"
    )


async def main() -> None:
    async with (
        asyncio.timeout(DEMO_TIMEOUT_SECONDS),
        connect() as js,
        scratch_stream(js, "ORDERS") as stream,
    ):
        for order, status in EVENTS:
            await js.publish(f"{stream}.orders.{order}", f"{order} {status}".encode())

        # --8<-- [start:offset]
        await js.add_consumer(stream, ConsumerConfig(durable_name="emails"))
        sub = await js.pull_subscribe_bind("emails", stream=stream)
        for msg in await sub.fetch(3, timeout=2):
            await msg.ack_sync()
        print(await position(js, stream, "emails"))
        #> delivered up to 3, acked up to 3, unacked 0, not yet delivered 3
        await sub.unsubscribe()  # the process stops

        async with connect() as restarted:  # a new process binds to the same durable
            sub = await restarted.pull_subscribe_bind("emails", stream=stream)
            msg = await fetch_one(sub)
            assert msg is not None
            print("after the restart, next seq:", msg.metadata.sequence.stream)
            #> after the restart, next seq: 4
            print(await position(restarted, stream, "emails"))
            #> delivered up to 4, acked up to 3, unacked 1, not yet delivered 2
            await msg.ack_sync()
        # --8<-- [end:offset]

        # --8<-- [start:replay]
        everything = f"{stream}.orders.>"
        from_seq = ConsumerConfig(
            deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=5
        )
        sub = await js.pull_subscribe(everything, stream=stream, config=from_seq)
        print("from seq 5:", [m.metadata.sequence.stream for m in await read_all(sub)])
        #> from seq 5: [5, 6]

        fifth = await js.get_msg(stream, 5)  # its time is the server's, when stored
        from_time = ConsumerConfig(
            deliver_policy=DeliverPolicy.BY_START_TIME, opt_start_time=fifth.time
        )
        sub = await js.pull_subscribe(everything, stream=stream, config=from_time)
        print(
            "from its time:", [m.metadata.sequence.stream for m in await read_all(sub)]
        )
        #> from its time: [5, 6]

        # A new read model, built by a brand-new consumer from sequence 1.
        sub = await js.pull_subscribe(
            everything,
            stream=stream,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
        )
        rebuilt = order_statuses([decode(m.data) for m in await read_all(sub)])
        print(rebuilt)
        #> {'o-1': 'shipped', 'o-2': 'cancelled', 'o-3': 'placed'}
        print(
            "same as folding the events as published:",
            rebuilt == order_statuses(EVENTS),
        )
        #> same as folding the events as published: True
        # --8<-- [end:replay]


if __name__ == "__main__":
    asyncio.run(main())
