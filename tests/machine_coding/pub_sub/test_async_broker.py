"""Behaviour of the asyncio broker. Every test runs its own loop with asyncio.run.

Ordering between tasks is forced with events, never with sleeps; each
scenario sits under asyncio.timeout so a bug fails fast instead of hanging.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.async_broker import AsyncBroker
from examples.machine_coding.pub_sub.errors import (
    AlreadySubscribedError,
    NotSubscribedError,
    TopicExistsError,
    UnknownTopicError,
)
from examples.machine_coding.pub_sub.messages import DeadLetterReason, Delivery, OverflowPolicy

GUARD = 5  # seconds; only reached if a test is broken


def run(scenario: Callable[[], Awaitable[None]]) -> None:
    async def guarded() -> None:
        async with asyncio.timeout(GUARD):
            await scenario()

    asyncio.run(guarded())


def test_slow_subscriber_does_not_delay_the_fast_one() -> None:
    async def scenario() -> None:
        started, release = asyncio.Event(), asyncio.Event()
        fast: list[int] = []
        slow: list[int] = []

        async def fast_handler(delivery: Delivery) -> None:
            fast.append(delivery.message.id)

        async def slow_handler(delivery: Delivery) -> None:
            slow.append(delivery.message.id)
            started.set()
            await release.wait()

        async with AsyncBroker(ack_deadline=None) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "slow", slow_handler)  # first in line, on purpose
            broker.subscribe("t", "fast", fast_handler)
            ids = [broker.publish("t", str(n)).id for n in range(50)]
            await started.wait()
            await broker.join("t", "fast")
            assert fast == ids
            assert slow == [ids[0]]
            assert broker.backlog("t", "slow") == 49
            release.set()
            await broker.join("t", "slow")
            assert slow == ids

    run(scenario)


def test_a_failed_attempt_is_retried_before_the_next_message() -> None:
    async def scenario() -> None:
        attempts: list[tuple[str | bytes, int]] = []

        async def flaky(delivery: Delivery) -> None:
            attempts.append((delivery.message.payload, delivery.attempt))
            if delivery.message.payload == "b" and delivery.attempt == 1:
                raise ConnectionError("downstream reset")

        async with AsyncBroker(clock=ManualClock(3.0)) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", flaky)
            first = broker.publish("t", "a")
            for payload in "bc":
                broker.publish("t", payload)
            await broker.join("t", "s")
        assert first.published_at == 3.0
        assert attempts == [("a", 1), ("b", 1), ("b", 2), ("c", 1)]
        assert broker.dead_letters() == ()

    run(scenario)


def test_an_attempt_past_the_ack_deadline_is_cancelled_and_retried() -> None:
    async def scenario() -> None:
        never = asyncio.Event()
        attempts: list[int] = []

        async def hangs_once(delivery: Delivery) -> None:
            attempts.append(delivery.attempt)
            if delivery.attempt == 1:
                await never.wait()  # nobody sets it: only the deadline ends this

        async with AsyncBroker(ack_deadline=0.01) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", hangs_once)
            broker.publish("t", "x")
            await broker.join("t", "s")
        assert attempts == [1, 2]

    run(scenario)


def test_after_max_attempts_the_message_is_dead_lettered_and_the_next_flows() -> None:
    async def scenario() -> None:
        handled: list[tuple[int, int]] = []

        async def rejects_poison(delivery: Delivery) -> None:
            handled.append((delivery.message.id, delivery.attempt))
            if delivery.message.payload == "poison":
                raise ValueError("cannot parse")

        async with AsyncBroker(max_attempts=2) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", rejects_poison)
            poison = broker.publish("t", "poison")
            broker.publish("t", "fine")
            await broker.join("t", "s")
        assert handled == [(1, 1), (1, 2), (2, 1)]
        (dead,) = broker.dead_letters()
        assert (dead.message, dead.subscriber_id, dead.reason, dead.attempts) == (
            poison,
            "s",
            DeadLetterReason.MAX_ATTEMPTS,
            2,
        )

    run(scenario)


@pytest.mark.parametrize(
    ("policy", "delivered", "dropped"),
    [(OverflowPolicy.DROP_OLDEST, [1, 4, 5], [2, 3]), (OverflowPolicy.DROP_NEWEST, [1, 2, 3], [4, 5])],
)
def test_overflow_policy_for_a_stuck_subscriber(
    policy: OverflowPolicy, delivered: list[int], dropped: list[int]
) -> None:
    async def scenario() -> None:
        started, release = asyncio.Event(), asyncio.Event()
        got: list[int] = []

        async def stuck(delivery: Delivery) -> None:
            got.append(delivery.message.id)
            started.set()
            await release.wait()

        async with AsyncBroker(max_pending=2, overflow=policy) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", stuck)
            broker.publish("t", "m")
            await started.wait()  # #1 is now in the handler, not in the queue
            for n in range(4):
                broker.publish("t", f"m{n}")
            assert broker.backlog("t", "s") == 2
            release.set()
            await broker.join("t", "s")
        assert got == delivered
        assert [(d.message.id, d.reason) for d in broker.dead_letters()] == [
            (i, DeadLetterReason.OVERFLOW) for i in dropped
        ]

    run(scenario)


def test_unsubscribe_cancels_the_consumer_and_drops_its_queue() -> None:
    async def scenario() -> None:
        started = asyncio.Event()
        cancelled = asyncio.Event()
        got: list[int] = []

        async def handler(delivery: Delivery) -> None:
            got.append(delivery.message.id)
            started.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.set()
                raise

        async with AsyncBroker() as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", handler)
            broker.publish("t", "1")
            broker.publish("t", "2")
            await started.wait()
            await broker.unsubscribe("t", "s")
            assert cancelled.is_set()
            broker.publish("t", "3")
            with pytest.raises(NotSubscribedError):
                await broker.join("t", "s")
            broker.subscribe("t", "s", handler)  # a fresh subscription is allowed
        assert got == [1]  # the fresh one never got a message
        assert broker.dead_letters() == ()

    run(scenario)


def test_aclose_stops_every_consumer() -> None:
    async def scenario() -> None:
        started = asyncio.Event()

        async def hang(delivery: Delivery) -> None:
            started.set()
            await asyncio.Event().wait()

        broker = AsyncBroker()
        broker.create_topic("t")
        broker.subscribe("t", "a", hang)
        broker.subscribe("t", "b", hang)
        broker.publish("t", "x")
        await started.wait()
        await broker.aclose()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert others == []
        with pytest.raises(NotSubscribedError):
            broker.backlog("t", "a")

    run(scenario)


def test_bad_input_is_refused_and_changes_nothing() -> None:
    async def scenario() -> None:
        async def noop(delivery: Delivery) -> None:
            return None

        async with AsyncBroker() as broker:
            broker.create_topic("t")
            with pytest.raises(TopicExistsError):
                broker.create_topic("t")
            with pytest.raises(UnknownTopicError, match="unknown topic 'nope'"):
                broker.publish("nope", "x")
            with pytest.raises(UnknownTopicError):
                broker.subscribe("nope", "s", noop)
            broker.subscribe("t", "s", noop)
            with pytest.raises(AlreadySubscribedError, match="'s' is already subscribed to 't'"):
                broker.subscribe("t", "s", noop)
            with pytest.raises(NotSubscribedError):
                await broker.unsubscribe("t", "ghost")
            with pytest.raises(NotSubscribedError):
                broker.backlog("t", "ghost")
            with pytest.raises(TypeError, match="payload must be str or bytes"):
                broker.publish("t", 42)  # type: ignore[arg-type]
            with pytest.raises(TypeError, match="handler must be callable"):
                broker.subscribe("t", "other", None)  # type: ignore[arg-type]
            with pytest.raises(ValueError, match="subscriber_id must be"):
                broker.subscribe("t", "", noop)
            broker.publish("t", "still works")
            await broker.join("t", "s")
            assert broker.backlog("t", "s") == 0

    run(scenario)


def test_subscribe_outside_a_running_loop_is_refused_cleanly() -> None:
    async def noop(delivery: Delivery) -> None:
        return None

    broker = AsyncBroker()
    broker.create_topic("t")
    with pytest.raises(RuntimeError, match="no running event loop"):
        broker.subscribe("t", "s", noop)
    with pytest.raises(NotSubscribedError):
        broker.backlog("t", "s")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"ack_deadline": -1}, "ack_deadline must be > 0 seconds or None"),
        ({"max_attempts": 0}, "max_attempts must be an int >= 1"),
        ({"max_pending": 0}, "max_pending must be an int >= 1"),
        ({"max_dead_letters": 0}, "max_dead_letters must be an int >= 1"),
        ({"ack_deadline": True}, "ack_deadline must be > 0 seconds or None"),
    ],
)
def test_bad_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AsyncBroker(**settings)  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(
    failures=st.sets(st.tuples(st.integers(1, 12), st.integers(1, 3), st.integers(1, 3)), max_size=20),
    count=st.integers(1, 12),
)
def test_every_message_ends_acked_in_order_or_dead_lettered(failures: set[tuple[int, int, int]], count: int) -> None:
    """failures holds (message id, attempt, subscriber number) triples that raise."""
    acked: dict[str, list[int]] = {"s1": [], "s2": [], "s3": []}

    def handler_for(name: str) -> Callable[[Delivery], Awaitable[None]]:
        async def handle(delivery: Delivery) -> None:
            await asyncio.sleep(0)  # let the other consumers interleave
            if (delivery.message.id, delivery.attempt, int(name[1])) in failures:
                raise RuntimeError("injected")
            acked[name].append(delivery.message.id)

        return handle

    async def scenario() -> None:
        async with AsyncBroker(max_attempts=3) as broker:
            broker.create_topic("t")
            for name in acked:
                broker.subscribe("t", name, handler_for(name))
            ids = [broker.publish("t", "x").id for _ in range(count)]
            for name in acked:
                await broker.join("t", name)
            for name, got in acked.items():
                dead = {d.message.id for d in broker.dead_letters() if d.subscriber_id == name}
                assert got == sorted(got)
                assert set(got) | dead == set(ids)
                assert not set(got) & dead
                expected_dead = {i for i in ids if all((i, a, int(name[1])) in failures for a in (1, 2, 3))}
                assert dead == expected_dead

    run(scenario)


# Review findings: each test below failed (or hung until GUARD) before its fix.


def test_join_waits_for_the_message_that_replaced_a_dropped_one() -> None:
    """DROP_OLDEST on a one-slot queue must not let join() return early.

    The drop used to call task_done() before the new message was counted, so
    the unfinished count touched zero and woke every join() waiter.
    """

    async def scenario() -> None:
        got: list[int] = []

        async def handler(delivery: Delivery) -> None:
            await asyncio.sleep(0)  # a real handler awaits I/O
            got.append(delivery.message.id)

        async with AsyncBroker(max_pending=1) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", handler)
            await asyncio.sleep(0)  # the consumer now waits on its empty queue

            async def second_publisher() -> None:
                broker.publish("t", "second")  # runs before the consumer wakes

            other = asyncio.create_task(second_publisher())
            broker.publish("t", "first")
            await broker.join("t", "s")
            assert got == [2]
            await other
        assert [d.message.id for d in broker.dead_letters()] == [1]

    run(scenario)


def test_aclose_cancels_every_consumer_even_if_aclose_itself_is_cancelled() -> None:
    """aclose() used to stop consumers one by one; cancelled midway, it orphaned the rest."""

    async def scenario() -> None:
        started = {"a": asyncio.Event(), "b": asyncio.Event()}
        first_cancelled = asyncio.Event()
        finish_cleanup = asyncio.Event()
        cancelled: list[str] = []

        def handler_for(name: str) -> Callable[[Delivery], Awaitable[None]]:
            async def handle(delivery: Delivery) -> None:
                started[name].set()
                try:
                    await asyncio.Event().wait()
                except asyncio.CancelledError:
                    cancelled.append(name)
                    first_cancelled.set()
                    await finish_cleanup.wait()  # a slow cleanup, such as a rollback
                    raise

            return handle

        broker = AsyncBroker()
        broker.create_topic("t")
        for name in started:
            broker.subscribe("t", name, handler_for(name))
        broker.publish("t", "x")
        for event in started.values():
            await event.wait()
        closer = asyncio.create_task(broker.aclose())
        await first_cancelled.wait()
        closer.cancel()  # the caller of aclose() gives up waiting
        await asyncio.wait([closer])
        finish_cleanup.set()
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        _, pending = await asyncio.wait(others, timeout=1)
        assert pending == set()
        assert sorted(cancelled) == ["a", "b"]

    run(scenario)


def test_a_stray_cancelled_error_is_a_failed_attempt_not_the_end_of_the_consumer() -> None:
    """A handler that awaits something another task cancelled gets CancelledError.

    That is not a request to stop this consumer: it used to end the consumer
    task silently, and every later message for the subscriber was stranded.
    """

    async def scenario() -> None:
        attempts: list[tuple[int, int]] = []

        async def handler(delivery: Delivery) -> None:
            attempts.append((delivery.message.id, delivery.attempt))
            if (delivery.message.id, delivery.attempt) == (1, 1):
                shared = asyncio.get_running_loop().create_future()
                shared.cancel()  # e.g. a shared request someone else cancelled
                await shared

        async with AsyncBroker() as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", handler)
            broker.publish("t", "first")
            broker.publish("t", "second")
            await broker.join("t", "s")
        assert attempts == [(1, 1), (1, 2), (2, 1)]

    run(scenario)


@pytest.mark.parametrize(("yield_between", "delivered"), [(False, [4, 5]), (True, [1, 2, 3, 4, 5])])
def test_a_burst_published_without_yielding_overflows_even_a_fast_subscriber(
    yield_between: bool, delivered: list[int]
) -> None:
    """publish() never awaits, so consumers run only when the publisher yields."""

    async def scenario() -> None:
        got: list[int] = []

        async def fast(delivery: Delivery) -> None:
            got.append(delivery.message.id)

        async with AsyncBroker(max_pending=2) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "fast", fast)
            for n in range(5):
                broker.publish("t", str(n))
                if yield_between:
                    await asyncio.sleep(0)
            await broker.join("t", "fast")
        assert got == delivered
        dropped = sorted(set(range(1, 6)) - set(delivered))
        assert [d.message.id for d in broker.dead_letters()] == dropped

    run(scenario)


def test_async_dead_letters_are_bounded_and_counted() -> None:
    async def scenario() -> None:
        async def noop(delivery: Delivery) -> None:
            return None

        async with AsyncBroker(max_pending=1, max_dead_letters=3) as broker:
            broker.create_topic("t")
            broker.subscribe("t", "s", noop)
            for n in range(10):
                broker.publish("t", str(n))  # no await: the consumer never runs
            assert [d.message.id for d in broker.dead_letters()] == [7, 8, 9]
            assert broker.dead_letter_count() == 9

    run(scenario)
