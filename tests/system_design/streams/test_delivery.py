"""At-least-once on the real server: ack_wait, nak, term, max_deliver, and dedup."""

from __future__ import annotations

import json

from nats.js.api import ConsumerConfig

from examples.data.queues.idempotent import Ledger
from examples.system_design.streams.idempotent_demo import publish_payment
from examples.system_design.streams.jetstream import connect, fetch_one, scratch_stream
from tests.system_design.streams.guard import run

ACK_WAIT = 0.5
# How long a test waits for something that should come: far above ack_wait, so
# a loaded machine that delays a redelivery does not fail the test. A fetch
# returns as soon as its message arrives, so the bound costs nothing when it passes.
PATIENCE = 10 * ACK_WAIT


def test_an_unacked_message_returns_after_ack_wait_and_not_before(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            await js.publish(f"{stream}.x", b"job")
            await js.add_consumer(stream, ConsumerConfig(durable_name="c", ack_wait=ACK_WAIT))
            sub = await js.pull_subscribe_bind("c", stream=stream)
            first = await fetch_one(sub)
            assert first is not None and first.metadata.num_delivered == 1
            # The server redelivers only once ack_wait has passed since it sent the
            # message, so a third of it later the message is still "in flight".
            assert await fetch_one(sub, timeout=ACK_WAIT / 3) is None
            again = await fetch_one(sub, timeout=PATIENCE)
            assert again is not None and again.metadata.num_delivered == 2
            assert again.metadata.sequence.stream == first.metadata.sequence.stream
            await again.ack_sync()
            assert await fetch_one(sub, timeout=2 * ACK_WAIT) is None  # acked: gone for good

    run(scenario)


def test_nak_redelivers_at_once_and_term_stops_redelivery(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            await js.publish(f"{stream}.x", b"job")
            await js.add_consumer(stream, ConsumerConfig(durable_name="c", ack_wait=30))
            sub = await js.pull_subscribe_bind("c", stream=stream)
            msg = await fetch_one(sub)
            assert msg is not None
            await msg.nak()
            msg = await fetch_one(sub, timeout=PATIENCE)  # long before the 30 s ack_wait
            assert msg is not None and msg.metadata.num_delivered == 2
            await msg.term()
            assert await fetch_one(sub, timeout=1) is None

    run(scenario)


def test_max_deliver_caps_the_attempts(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            await js.publish(f"{stream}.x", b"poison")
            config = ConsumerConfig(durable_name="c", ack_wait=ACK_WAIT / 2, max_deliver=2)
            await js.add_consumer(stream, config)
            sub = await js.pull_subscribe_bind("c", stream=stream)
            attempts = []
            # Quiet for 8 x ack_wait: the server has stopped, not merely been slow.
            while (msg := await fetch_one(sub, timeout=4 * ACK_WAIT)) is not None:
                attempts.append(msg.metadata.num_delivered)
            assert attempts == [1, 2]
            # The message is not deleted: a limits stream still holds it.
            assert (await js.stream_info(stream)).state.messages == 1

    run(scenario)


def test_the_duplicate_window_drops_a_republish_with_the_same_id(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            subject = f"{stream}.pay"
            body = json.dumps({"account": "a", "cents": 5}).encode()
            acks = [await publish_payment(js, subject, pid, body) for pid in ("p1", "p2", "p1", "p2")]
            assert [(a.seq, bool(a.duplicate)) for a in acks] == [(1, False), (2, False), (1, True), (2, True)]
            assert (await js.stream_info(stream)).state.messages == 2

    run(scenario)


def test_a_redelivered_message_changes_the_ledger_once(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            body = json.dumps({"account": "a", "cents": 5}).encode()
            await publish_payment(js, f"{stream}.pay", "p1", body)
            await js.add_consumer(stream, ConsumerConfig(durable_name="c", ack_wait=ACK_WAIT))
            sub = await js.pull_subscribe_bind("c", stream=stream)
            with Ledger() as ledger:
                results = []
                for _ in range(3):  # crash before the ack twice, then ack
                    msg = await fetch_one(sub, timeout=PATIENCE)
                    assert msg is not None and msg.headers is not None
                    results.append(ledger.apply(msg.headers["Nats-Msg-Id"], msg.data))
                await msg.ack_sync()
                assert results == [True, False, False]
                assert ledger.balance("a") == 5

    run(scenario)


def test_in_progress_holds_off_redelivery_past_ack_wait(nats_url: str) -> None:
    ack_wait, beat = 1.0, 0.25  # a heartbeat every quarter of ack_wait: a wide margin

    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            await js.publish(f"{stream}.x", b"long job")
            await js.add_consumer(stream, ConsumerConfig(durable_name="c", ack_wait=ack_wait))
            worker = await js.pull_subscribe_bind("c", stream=stream)
            other = await js.pull_subscribe_bind("c", stream=stream)
            msg = await fetch_one(worker)
            assert msg is not None
            for _ in range(8):  # 8 x 0.25 s of work: twice ack_wait in total
                assert await fetch_one(other, timeout=beat) is None
                await msg.in_progress()
            await msg.ack_sync()
            assert await fetch_one(other, timeout=2 * ack_wait) is None
            info = await js.consumer_info(stream, "c")
            assert info.num_redelivered == 0 and info.num_ack_pending == 0

    run(scenario)


def test_a_nak_in_a_batch_lets_a_later_message_overtake(nats_url: str) -> None:
    """One worker is enough to reorder: it fetched two, failed the first."""

    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            for step in (b"placed", b"paid"):
                await js.publish(f"{stream}.o-1", step)
            await js.add_consumer(stream, ConsumerConfig(durable_name="c"))
            sub = await js.pull_subscribe_bind("c", stream=stream)
            first, second = await sub.fetch(2, timeout=2)
            await first.nak()
            handled = [second.data]
            await second.ack_sync()
            retried = await fetch_one(sub)
            assert retried is not None
            handled.append(retried.data)
            assert handled == [b"paid", b"placed"]

    run(scenario)
