"""The event store on JetStream: the server refuses stale appends, replay equals live."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from nats.js.api import ConsumerConfig

from examples.system_design.streams.account import (
    Command,
    Deposited,
    DomainError,
    Opened,
    Withdrawn,
)
from examples.system_design.streams.event_store import BalanceView, ConcurrencyError
from examples.system_design.streams.jetstream import connect, scratch_stream
from examples.system_design.streams.jetstream_store import JetStreamEventStore, execute
from tests.system_design.streams.commands import Model, commands
from tests.system_design.streams.guard import run


def test_versions_are_subject_sequences_and_stale_appends_fail(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "BANK") as stream:
            store = JetStreamEventStore(js, stream)
            assert await store.load("a-1") == ([], 0)
            assert await store.append("a-1", 0, Opened("a-1", "ana")) == 1
            assert await store.append("a-2", 0, Opened("a-2", "bo")) == 2
            # a-1 is at 1, although the stream is at 2: the check is per subject.
            assert await store.append("a-1", 1, Deposited("a-1", 10)) == 3
            with pytest.raises(ConcurrencyError, match="expected version 1, found 3"):
                await store.append("a-1", 1, Withdrawn("a-1", 10))
            with pytest.raises(ConcurrencyError, match="expected version 0, found 3"):
                await store.append("a-1", 0, Opened("a-1", "eve"))
            events, version = await store.load("a-1")
            assert (events, version) == ([Opened("a-1", "ana"), Deposited("a-1", 10)], 3)
            assert (await js.stream_info(stream)).state.messages == 3  # nothing half-written

    run(scenario)


def test_loading_leaves_no_consumers_behind(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "BANK") as stream:
            store = JetStreamEventStore(js, stream)
            await store.append("a-1", 0, Opened("a-1", "ana"))
            for _ in range(3):
                await store.load("a-1")
            await store.rebuild()
            assert (await js.stream_info(stream)).state.consumer_count == 0

    run(scenario)


def test_concurrent_appends_at_one_version_store_one_event(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "BANK") as stream:
            writers = [JetStreamEventStore(js, stream) for _ in range(8)]
            version = await writers[0].append("a-1", 0, Opened("a-1", "ana"))
            results = await asyncio.gather(
                *(w.append("a-1", version, Deposited("a-1", n + 1)) for n, w in enumerate(writers)),
                return_exceptions=True,
            )
            stored = [r for r in results if isinstance(r, int)]
            refused = [r for r in results if isinstance(r, ConcurrencyError)]
            assert len(stored) == 1 and len(refused) == 7
            events, _ = await writers[0].load("a-1")
            assert len(events) == 2

    run(scenario)


def test_the_live_view_acks_only_the_events_it_applied(nats_url: str) -> None:
    async def scenario() -> None:
        async with connect(nats_url) as js, scratch_stream(js, "BANK") as stream:
            store = JetStreamEventStore(js, stream)
            await store.append("a-1", 0, Opened("a-1", "ana"))
            await js.publish(f"{stream}.account.a-1", b"{}")  # no type header: cannot be applied
            config = ConsumerConfig(durable_name="view", filter_subject=f"{stream}.account.*")
            await js.add_consumer(stream, config)
            feed = await js.pull_subscribe_bind("view", stream=stream)
            view = BalanceView()
            with pytest.raises(ValueError, match="no type header"):
                await store.catch_up(view, feed)
            assert view.position == 1
            for _ in range(50):  # acks are asynchronous: wait, bounded, for the first
                info = await js.consumer_info(stream, "view")
                assert info.ack_floor is not None
                if info.ack_floor.stream_seq == 1:
                    break
                await asyncio.sleep(0.1)
            assert info.ack_floor.stream_seq == 1  # the applied event
            assert info.num_ack_pending == 1  # the bad one stays unacked, to be redelivered

    run(scenario)


# nats_url is a constant address, so sharing it across examples is safe.
SLOW_AND_SHARED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@settings(max_examples=15, deadline=None, suppress_health_check=SLOW_AND_SHARED)
@given(history=commands())
def test_replay_equals_live_equals_the_model(nats_url: str, history: list[Command]) -> None:
    async def scenario() -> None:
        model = Model()
        async with connect(nats_url) as js, scratch_stream(js, "BANK") as stream:
            store = JetStreamEventStore(js, stream)
            config = ConsumerConfig(durable_name="view", filter_subject=f"{stream}.account.*")
            await js.add_consumer(stream, config)
            feed = await js.pull_subscribe_bind("view", stream=stream)
            live = BalanceView()
            for command in history:
                expected = model.accepts(command)
                try:
                    await execute(store, command)
                    assert expected
                except DomainError:
                    assert not expected
                await store.catch_up(live, feed)
            rebuilt = await store.rebuild()
            assert rebuilt == live
            assert live.rows() == model.rows()

    run(scenario)


@pytest.mark.parametrize("account_id", ["*", "a.b", ">", "", "a b"])
def test_ids_that_would_match_other_subjects_are_refused(account_id: str) -> None:
    store = JetStreamEventStore(js=None, stream="BANK")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cannot be a subject token"):
        store.subject(account_id)
