"""The JetStream helpers, and the retention facts the page states, on the real server."""

from __future__ import annotations

import time

import pytest
from nats.js.api import ConsumerConfig, RetentionPolicy
from nats.js.errors import BadRequestError, NotFoundError

from examples.system_design.streams.jetstream import (
    connect,
    fetch_one,
    read_all,
    scratch_name,
    scratch_stream,
)
from tests.system_design.streams.guard import run


def test_scratch_names_are_unique_and_checked() -> None:
    assert scratch_name("ORDERS") != scratch_name("ORDERS")
    assert scratch_name("ORDERS").startswith("ORDERS_")
    for bad in ("", "a.b", "a b", "a>"):
        with pytest.raises(ValueError, match="stream prefix"):
            scratch_name(bad)


def test_a_scratch_stream_is_deleted_even_when_the_block_fails(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js:
            with pytest.raises(RuntimeError):
                async with scratch_stream(js, "T") as stream:
                    await js.publish(f"{stream}.x", b"1")
                    raise RuntimeError("the example failed")
            with pytest.raises(NotFoundError):
                await js.stream_info(stream)

    run(scenario)


def test_fetch_one_gives_up_after_its_timeout(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            await js.add_consumer(stream, ConsumerConfig(durable_name="c"))
            sub = await js.pull_subscribe_bind("c", stream=stream)
            started = time.monotonic()
            assert await fetch_one(sub, timeout=0.3) is None
            assert time.monotonic() - started < 2
            assert await read_all(sub) == []

    run(scenario)


def test_a_log_keeps_acked_messages_and_a_work_queue_deletes_them(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js:
            for retention, left in ((RetentionPolicy.LIMITS, 3), (RetentionPolicy.WORK_QUEUE, 0)):
                async with scratch_stream(js, "T", retention=retention) as stream:
                    for n in range(3):
                        await js.publish(f"{stream}.x", str(n).encode())
                    await js.add_consumer(stream, ConsumerConfig(durable_name="c"))
                    sub = await js.pull_subscribe_bind("c", stream=stream)
                    msgs = await sub.fetch(3, timeout=2)
                    # Delivered but not acked: still stored, whatever the retention.
                    assert (await js.stream_info(stream)).state.messages == 3
                    for msg in msgs:
                        await msg.ack_sync()
                    assert (await js.stream_info(stream)).state.messages == left

    run(scenario)


def test_a_work_queue_allows_consumers_only_on_disjoint_filters(nats_url: str) -> None:
    async def scenario() -> None:
        async with (
            connect(nats_url) as js,
            scratch_stream(js, "T", retention=RetentionPolicy.WORK_QUEUE) as stream,
        ):
            for name, only in (("a", "a"), ("b", "b")):
                await js.add_consumer(stream, ConsumerConfig(durable_name=name, filter_subject=f"{stream}.{only}"))
            for overlapping in (f"{stream}.a", f"{stream}.*"):  # the same subject, or a wildcard over it
                with pytest.raises(BadRequestError) as info:
                    await js.add_consumer(stream, ConsumerConfig(durable_name="c", filter_subject=overlapping))
                assert info.value.err_code == 10100  # filtered consumer not unique
            with pytest.raises(BadRequestError) as info:  # no filter: overlaps both
                await js.add_consumer(stream, ConsumerConfig(durable_name="d"))
            assert info.value.err_code == 10099  # multiple non-filtered consumers
            await js.add_consumer(stream, ConsumerConfig(durable_name="e", filter_subject=f"{stream}.e"))

    run(scenario)


def test_two_members_of_one_durable_never_get_the_same_message(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T") as stream:
            for n in range(20):
                await js.publish(f"{stream}.x", str(n).encode())
            await js.add_consumer(stream, ConsumerConfig(durable_name="g"))
            a = await js.pull_subscribe_bind("g", stream=stream)
            b = await js.pull_subscribe_bind("g", stream=stream)
            seen: list[int] = []
            for _ in range(5):
                for sub in (a, b):
                    for msg in await sub.fetch(2, timeout=2):
                        seen.append(msg.metadata.sequence.stream)
                        await msg.ack_sync()
            assert sorted(seen) == list(range(1, 21))
            info = await js.consumer_info(stream, "g")
            assert info.ack_floor is not None and info.ack_floor.stream_seq == 20
            assert info.num_pending == 0

    run(scenario)


def test_a_per_subject_limit_keeps_only_the_latest_message_per_key(nats_url: str) -> None:
    """The closest JetStream setting to Kafka's log compaction (checked at write time)."""

    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "T", max_msgs_per_subject=1) as stream:
            for email in (b"ana@old", b"bo@x", b"ana@new"):
                user = email.split(b"@")[0].decode()
                await js.publish(f"{stream}.user.{user}", email)
            state = (await js.stream_info(stream)).state
            assert (state.messages, state.first_seq, state.last_seq) == (2, 2, 3)
            latest = await js.get_last_msg(stream, f"{stream}.user.ana")
            assert latest.data == b"ana@new"

    run(scenario)
