"""Property tests: the Broker against a small model of who should get what.

Random operations interleave publishes, subscribes, unsubscribes, delivery
rounds, clock advances, dropped acks and late acks. Afterwards every live
subscription is drained, and the model checks at-least-once delivery,
per-topic order and that unsubscribed subscribers got nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.errors import UnknownDeliveryError
from examples.machine_coding.pub_sub.messages import DeadLetterReason, Delivery, OverflowPolicy

DEADLINE = 10.0
MAX_ATTEMPTS = 3
SUBSCRIBERS = ("s0", "s1", "s2")
TOPICS = ("t0", "t1")
Key = tuple[str, str]  # (subscriber, topic)


@dataclass
class Period:
    """One stretch of time a subscriber was subscribed to a topic."""

    eligible: set[int] = field(default_factory=set)  # published while subscribed
    delivered: list[int] = field(default_factory=list)  # ids, in delivery order
    acked: list[int] = field(default_factory=list)  # ids, in ack order
    in_flight: int | None = None


operations = st.one_of(
    st.tuples(st.just("publish"), st.sampled_from(TOPICS)),
    st.tuples(st.just("dispatch")),
    st.tuples(st.just("advance"), st.floats(0, 2 * DEADLINE)),
    st.tuples(st.just("subscribe"), st.sampled_from(SUBSCRIBERS), st.sampled_from(TOPICS)),
    st.tuples(st.just("unsubscribe"), st.sampled_from(SUBSCRIBERS), st.sampled_from(TOPICS)),
    st.tuples(st.just("late_ack"), st.sampled_from(SUBSCRIBERS), st.sampled_from(TOPICS)),
)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_at_least_once_in_order_and_nothing_after_unsubscribe(data: st.DataObject) -> None:
    clock = ManualClock()
    broker = Broker(clock=clock, ack_deadline=DEADLINE, max_attempts=MAX_ATTEMPTS, max_pending=1_000)
    for topic in TOPICS:
        broker.create_topic(topic)
    live: dict[Key, Period] = {}  # current periods only
    violations: list[str] = []
    draining = False

    def handler_for(key: Key) -> Callable[[Delivery], None]:
        subscriber = key[0]

        def handle(delivery: Delivery) -> None:
            period = live.get(key)
            message_id = delivery.message.id
            if period is None or message_id not in period.eligible:
                violations.append(f"{key} got {message_id} outside its subscription")
                return
            period.delivered.append(message_id)
            period.in_flight = message_id
            if draining or data.draw(st.booleans(), label="ack"):
                broker.ack(subscriber, message_id)
                period.acked.append(message_id)
                period.in_flight = None

        return handle

    def settle_dead_letters(seen: int) -> int:
        letters = broker.dead_letters()
        for letter in letters[seen:]:
            assert letter.reason is DeadLetterReason.MAX_ATTEMPTS
            period = live[(letter.subscriber_id, letter.message.topic)]
            if period.in_flight == letter.message.id:
                period.in_flight = None
        return len(letters)

    dead_seen = 0
    for op in data.draw(st.lists(operations, max_size=60), label="ops"):
        match op:
            case ("publish", topic):
                message = broker.publish(topic, "x")
                for (_, t), period in live.items():
                    if t == topic:
                        period.eligible.add(message.id)
            case ("dispatch",):
                broker.dispatch()
                dead_seen = settle_dead_letters(dead_seen)
            case ("advance", seconds):
                clock.advance(seconds)
            case ("subscribe", subscriber, topic):
                if (subscriber, topic) not in live:
                    broker.subscribe(topic, subscriber, handler_for((subscriber, topic)))
                    live[(subscriber, topic)] = Period()
            case ("unsubscribe", subscriber, topic):
                if live.pop((subscriber, topic), None) is not None:
                    broker.unsubscribe(topic, subscriber)
            case ("late_ack", subscriber, topic):
                period = live.get((subscriber, topic))
                if period is not None and period.in_flight is not None:
                    broker.ack(subscriber, period.in_flight)  # must be accepted
                    period.acked.append(period.in_flight)
                    period.in_flight = None
                else:
                    with pytest.raises(UnknownDeliveryError):
                        broker.ack(subscriber, 10**9)

    draining = True
    for _ in range(200):
        if not any(broker.backlog(t, s) for s, t in live):
            break
        clock.advance(DEADLINE)
        broker.dispatch()
        dead_seen = settle_dead_letters(dead_seen)

    assert violations == []
    dead_by_key: dict[Key, set[int]] = defaultdict(set)
    for letter in broker.dead_letters():
        dead_by_key[(letter.subscriber_id, letter.message.topic)].add(letter.message.id)
    for key, period in live.items():
        assert broker.backlog(key[1], key[0]) == 0
        # At least once: every eligible message reached the subscriber.
        assert set(period.delivered) == period.eligible
        # Order: deliveries never go back in publish order (a redelivery
        # repeats the current id), and acks are strictly increasing.
        assert period.delivered == sorted(period.delivered)
        assert period.acked == sorted(set(period.acked))
        # Every eligible message ends acked or dead-lettered, never both.
        assert set(period.acked) | dead_by_key[key] >= period.eligible
        assert not set(period.acked) & dead_by_key[key]


@settings(max_examples=100, deadline=None)
@given(
    count=st.integers(1, 60),
    capacity=st.integers(1, 5),
    policy=st.sampled_from(OverflowPolicy),
    advances=st.lists(st.floats(0, 3 * DEADLINE), min_size=1, max_size=10),
)
def test_a_never_acking_subscriber_does_not_hold_back_the_others(
    count: int, capacity: int, policy: OverflowPolicy, advances: list[float]
) -> None:
    clock = ManualClock()
    broker = Broker(
        clock=clock,
        ack_deadline=DEADLINE,
        max_attempts=MAX_ATTEMPTS,
        max_pending=capacity,
        overflow=policy,
    )
    broker.create_topic("t")
    healthy: list[int] = []

    def ack_at_once(delivery: Delivery) -> None:
        healthy.append(delivery.message.id)
        broker.ack("healthy", delivery.message.id)

    broker.subscribe("t", "stuck", lambda delivery: None)
    broker.subscribe("t", "healthy", ack_at_once)
    published = []
    for n in range(count):
        published.append(broker.publish("t", str(n)).id)
        broker.dispatch()
        clock.advance(advances[n % len(advances)])
        assert broker.backlog("t", "stuck") <= capacity + 1  # queue plus one in flight
    assert healthy == published  # everything, once, in order
    assert all(letter.subscriber_id == "stuck" for letter in broker.dead_letters())
