"""At-least-once on JetStream: an unacked message comes back after ack_wait,
and a message that keeps failing stops after max_deliver, with an advisory."""

# requires-server: nats

from __future__ import annotations

import asyncio
import json

from nats.aio.client import Client
from nats.js.api import ConsumerConfig

from examples.system_design.streams.jetstream import (
    DEMO_TIMEOUT_SECONDS,
    REQUEST_TIMEOUT_SECONDS,
    connect_client,
    fetch_one,
    scratch_stream,
)

ACK_WAIT_SECONDS = 0.5  # short, so the demo is quick; the server's default is 30 s
MAX_DELIVER = 3
QUIET_SECONDS = 6 * ACK_WAIT_SECONDS  # generous: a loaded machine delays redelivery


async def demo(client: Client) -> None:
    js = client.jetstream(timeout=REQUEST_TIMEOUT_SECONDS)
    async with scratch_stream(js, "PAYMENTS") as stream:
        # --8<-- [start:defaults]
        defaults = (
            await js.add_consumer(stream, ConsumerConfig(durable_name="d"))
        ).config
        print("ack_wait", defaults.ack_wait, "s | max_deliver", defaults.max_deliver)
        #> ack_wait 30.0 s | max_deliver -1
        print("max_ack_pending", defaults.max_ack_pending)
        #> max_ack_pending 1000
        # --8<-- [end:defaults]

        # --8<-- [start:consumer]
        config = ConsumerConfig(
            durable_name="payments",
            ack_wait=ACK_WAIT_SECONDS,  # no ack within this: deliver it again
            max_deliver=MAX_DELIVER,  # then give up on it
        )
        await js.add_consumer(stream, config)
        # The server announces each message that runs out of deliveries here.
        advisories = await client.subscribe(
            f"$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{stream}.payments"
        )
        # --8<-- [end:consumer]

        # --8<-- [start:deliveries]
        await js.publish(f"{stream}.pay", b"pay-1")  # fails once, then succeeds
        await js.publish(f"{stream}.pay", b"pay-2")  # a poison message: always fails
        sub = await js.pull_subscribe_bind("payments", stream=stream)
        deliveries: list[tuple[str, int]] = []
        # Read until the server goes quiet: a wait far longer than ack_wait.
        while (msg := await fetch_one(sub, timeout=QUIET_SECONDS)) is not None:
            payment, attempt = msg.data.decode(), msg.metadata.num_delivered
            deliveries.append((payment, attempt))
            if payment == "pay-1" and attempt == 2:
                await msg.ack_sync()  # the retry worked
            # Otherwise the handler "crashed": no ack, no nak, nothing.
        print(sorted(deliveries))
        #> [('pay-1', 1), ('pay-1', 2), ('pay-2', 1), ('pay-2', 2), ('pay-2', 3)]
        # --8<-- [end:deliveries]

        # --8<-- [start:advisory]
        advisory = json.loads((await advisories.next_msg(timeout=2)).data)
        print(advisory["type"])
        #> io.nats.jetstream.advisory.v1.max_deliver
        print("gave up on seq", advisory["stream_seq"], "after", advisory["deliveries"])
        #> gave up on seq 2 after 3
        info = await js.consumer_info(stream, "payments")
        assert info.ack_floor is not None
        print(
            "acked up to", info.ack_floor.stream_seq, "| unacked", info.num_ack_pending
        )
        #> acked up to 1 | unacked 0
        # --8<-- [end:advisory]
        await advisories.unsubscribe()


async def main() -> None:
    async with asyncio.timeout(DEMO_TIMEOUT_SECONDS), connect_client() as client:
        await demo(client)


if __name__ == "__main__":
    asyncio.run(main())
