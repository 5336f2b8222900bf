"""A log and a queue on the same server: limits retention versus work-queue retention.

A log (limits retention) keeps every message until a limit removes it, and
each consumer reads it at its own pace. A work queue deletes a message once
one consumer acks it, so its consumers share the work instead.
"""

# requires-server: nats

from __future__ import annotations

import asyncio

from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, RetentionPolicy
from nats.js.errors import BadRequestError

from examples.system_design.streams.jetstream import (
    DEMO_TIMEOUT_SECONDS,
    connect,
    fetch_one,
    read_all,
    scratch_stream,
)

EVENTS = [b"o-1 placed", b"o-2 placed", b"o-1 paid", b"o-3 placed"]


async def publish_events(js: JetStreamContext, stream: str) -> None:
    """The same four order events, published in order to `stream`."""
    for event in EVENTS:
        await js.publish(f"{stream}.orders", event)


# --8<-- [start:log]
async def log_demo(js: JetStreamContext) -> None:
    async with scratch_stream(js, "ORDERS_LOG") as stream:  # limits retention
        await publish_events(js, stream)
        for group in ("billing", "analytics"):
            await js.add_consumer(stream, ConsumerConfig(durable_name=group))
            sub = await js.pull_subscribe_bind(group, stream=stream)
            seqs = [msg.metadata.sequence.stream for msg in await read_all(sub)]
            print(f"{group:<9} read", seqs)
            #> billing   read [1, 2, 3, 4]
            #> analytics read [1, 2, 3, 4]
        state = (await js.stream_info(stream)).state
        print("messages still in the log after both acked:", state.messages)
        #> messages still in the log after both acked: 4


# --8<-- [end:log]


# --8<-- [start:queue]
async def queue_demo(js: JetStreamContext) -> None:
    async with scratch_stream(
        js, "ORDERS_WQ", retention=RetentionPolicy.WORK_QUEUE
    ) as stream:
        await publish_events(js, stream)
        await js.add_consumer(stream, ConsumerConfig(durable_name="workers"))
        # Two members of one consumer group: both bind to the same durable.
        members = {
            "worker-a": await js.pull_subscribe_bind("workers", stream=stream),
            "worker-b": await js.pull_subscribe_bind("workers", stream=stream),
        }
        for _ in range(len(EVENTS) // 2):
            for name, sub in members.items():  # one fetch at a time, in turn
                msg = await fetch_one(sub)
                assert msg is not None
                await msg.ack_sync()  # wait for the server: the delete is visible
                print(f"{name} took seq {msg.metadata.sequence.stream}: {msg.data!r}")
                #> worker-a took seq 1: b'o-1 placed'
                #> worker-b took seq 2: b'o-2 placed'
                #> worker-a took seq 3: b'o-1 paid'
                #> worker-b took seq 4: b'o-3 placed'
        state = (await js.stream_info(stream)).state
        print("messages left in the queue:", state.messages)
        #> messages left in the queue: 0
        try:
            await js.add_consumer(stream, ConsumerConfig(durable_name="audit"))
        except BadRequestError as error:
            print("a second group is refused, error", error.err_code)
            #> a second group is refused, error 10099
            print(error.description)
            #> multiple non-filtered consumers not allowed on workqueue stream


# --8<-- [end:queue]


async def main() -> None:
    async with asyncio.timeout(DEMO_TIMEOUT_SECONDS), connect() as js:
        await log_demo(js)
        await queue_demo(js)


if __name__ == "__main__":
    asyncio.run(main())
