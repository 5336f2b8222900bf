"""Duplicates from both ends: a publisher retry, and a redelivery after a crash.

JetStream drops a republished message with the same Nats-Msg-Id inside the
stream's duplicate window. Outside the window it stores a second copy, and a
consumer that crashes before its ack is sent the message again. The consumer
records each message id in SQLite in the same transaction as the effect
(the Ledger from the queues page), so neither duplicate changes anything.
"""

# requires-server: nats

from __future__ import annotations

import asyncio
import json

from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, PubAck

from examples.data.queues.idempotent import Ledger
from examples.system_design.streams.jetstream import (
    DEMO_TIMEOUT_SECONDS,
    connect,
    fetch_one,
    scratch_stream,
)

WINDOW_SECONDS = 0.5  # short so the demo can outwait it; the default is 2 minutes
ACK_WAIT_SECONDS = 1.0  # the "crashed" delivery comes back after this
BODY = json.dumps({"account": "acct-7", "cents": 500}).encode()


# --8<-- [start:publish]
async def publish_payment(
    js: JetStreamContext, subject: str, payment_id: str, body: bytes
) -> PubAck:
    """Publish with the payment's own id, so the stream can drop a retried copy."""
    return await js.publish(subject, body, headers={"Nats-Msg-Id": payment_id})


# --8<-- [end:publish]


async def outwait_window(js: JetStreamContext, subject: str) -> PubAck:
    """Republish pay-7 until the stream stores it again (the window has passed)."""
    for _ in range(40):  # bounded: 40 x 0.1 s, far past a 0.5 s window
        await asyncio.sleep(0.1)
        ack = await publish_payment(js, subject, "pay-7", BODY)
        if not ack.duplicate:
            return ack
    raise TimeoutError("the duplicate window never expired")


async def publisher_side(js: JetStreamContext, stream: str) -> None:
    subject = f"{stream}.pay"
    # --8<-- [start:dedup]
    first = await publish_payment(js, subject, "pay-7", BODY)
    retry = await publish_payment(js, subject, "pay-7", BODY)  # its ack was lost?
    print("first: seq", first.seq, "| retry: seq", retry.seq, bool(retry.duplicate))
    #> first: seq 1 | retry: seq 1 True
    late = await outwait_window(js, subject)
    print("retry after the window: seq", late.seq, bool(late.duplicate))
    #> retry after the window: seq 2 False
    # --8<-- [end:dedup]


# --8<-- [start:consume]
async def consumer_side(js: JetStreamContext, stream: str, ledger: Ledger) -> None:
    config = ConsumerConfig(durable_name="ledger", ack_wait=ACK_WAIT_SECONDS)
    await js.add_consumer(stream, config)
    sub = await js.pull_subscribe_bind("ledger", stream=stream)
    crashed, acked = False, 0
    while acked < 2:  # the stream holds two copies of pay-7
        msg = await fetch_one(sub, timeout=5 * ACK_WAIT_SECONDS)
        assert msg is not None, "a message was not redelivered"
        assert msg.headers is not None
        payment_id = msg.headers["Nats-Msg-Id"]  # the business id, not the seq
        applied = ledger.apply(payment_id, msg.data)  # id + effect: one transaction
        seq, attempt = msg.metadata.sequence.stream, msg.metadata.num_delivered
        print(f"seq {seq} delivery {attempt}: applied {applied}")
        #> seq 1 delivery 1: applied True
        #> seq 2 delivery 1: applied False
        #> seq 1 delivery 2: applied False
        if not crashed:
            crashed = True  # committed in SQLite, then died before the ack
            continue
        await msg.ack_sync()
        acked += 1
    print("acct-7 balance:", ledger.balance("acct-7"), "cents")
    #> acct-7 balance: 500 cents


# --8<-- [end:consume]


async def main() -> None:
    async with asyncio.timeout(DEMO_TIMEOUT_SECONDS), connect() as js:
        async with scratch_stream(js, "DEFAULTS") as plain:
            window = (await js.stream_info(plain)).config.duplicate_window
            print("default duplicate window:", window, "s")
            #> default duplicate window: 120.0 s
        async with scratch_stream(
            js, "PAYMENTS", duplicate_window=WINDOW_SECONDS
        ) as stream:
            await publisher_side(js, stream)
            with Ledger() as ledger:
                await consumer_side(js, stream, ledger)


if __name__ == "__main__":
    asyncio.run(main())
