"""Behaviour of the synchronous Broker, bad input included."""

from __future__ import annotations

import contextlib
import math

import pytest

from examples.machine_coding.clock import ManualClock
from examples.machine_coding.pub_sub.broker import Broker
from examples.machine_coding.pub_sub.errors import (
    AlreadySubscribedError,
    NotSubscribedError,
    PubSubError,
    TopicExistsError,
    UnknownDeliveryError,
    UnknownTopicError,
)
from examples.machine_coding.pub_sub.messages import DeadLetterReason, Delivery, OverflowPolicy
from tests.machine_coding.pub_sub.conftest import ACK_DEADLINE, Recorder


def test_publish_fans_out_to_every_subscriber_of_the_topic(broker: Broker) -> None:
    broker.create_topic("refunds")
    a, b, other = Recorder(broker, "a"), Recorder(broker, "b"), Recorder(broker, "other")
    broker.subscribe("orders", "a", a)
    broker.subscribe("orders", "b", b)
    broker.subscribe("refunds", "other", other)
    message = broker.publish("orders", "o-1")
    assert broker.dispatch() == 2
    assert a.deliveries == [Delivery(message, "a", 1)]
    assert b.deliveries == [Delivery(message, "b", 1)]
    assert other.deliveries == []


def test_message_carries_id_topic_payload_and_publish_time(broker: Broker, clock: ManualClock) -> None:
    clock.advance(7.5)
    first = broker.publish("orders", b"\x00raw")
    second = broker.publish("orders", "text")
    assert (first.id, first.topic, first.payload, first.published_at) == (1, "orders", b"\x00raw", 7.5)
    assert second.id == 2


def test_publishing_with_no_subscribers_delivers_nothing(broker: Broker) -> None:
    broker.publish("orders", "lost")
    late = Recorder(broker, "late")
    broker.subscribe("orders", "late", late)
    assert broker.dispatch() == 0
    assert late.deliveries == []


def test_one_message_in_flight_per_subscription_keeps_order(broker: Broker) -> None:
    slow = Recorder(broker, "slow", auto_ack=False)
    broker.subscribe("orders", "slow", slow)
    for n in range(3):
        broker.publish("orders", f"o-{n}")
    broker.dispatch()
    broker.dispatch()
    assert slow.ids() == [1]
    broker.ack("slow", 1)
    broker.dispatch()
    assert slow.ids() == [1, 2]
    assert broker.backlog("orders", "slow") == 2


def test_unacked_message_is_redelivered_only_after_the_deadline(broker: Broker, clock: ManualClock) -> None:
    slow = Recorder(broker, "slow", auto_ack=False)
    broker.subscribe("orders", "slow", slow)
    broker.publish("orders", "o")
    broker.dispatch()
    clock.advance(ACK_DEADLINE - 0.001)
    assert broker.dispatch() == 0
    clock.advance(0.001)
    assert broker.dispatch() == 1
    assert [d.attempt for d in slow.deliveries] == [1, 2]


def test_late_ack_before_the_redelivery_round_still_counts(broker: Broker, clock: ManualClock) -> None:
    slow = Recorder(broker, "slow", auto_ack=False)
    broker.subscribe("orders", "slow", slow)
    broker.publish("orders", "o")
    broker.dispatch()
    clock.advance(ACK_DEADLINE * 5)
    broker.ack("slow", 1)
    assert broker.dispatch() == 0
    assert broker.backlog("orders", "slow") == 0


def test_after_max_attempts_the_message_is_dead_lettered_and_the_next_flows(broker: Broker, clock: ManualClock) -> None:
    slow = Recorder(broker, "slow", auto_ack=False)
    broker.subscribe("orders", "slow", slow)
    poison = broker.publish("orders", "poison")
    broker.publish("orders", "fine")
    for _ in range(3):
        broker.dispatch()
        clock.advance(ACK_DEADLINE)
    assert broker.dead_letters() == ()
    broker.dispatch()
    (dead,) = broker.dead_letters()
    assert (dead.message, dead.subscriber_id, dead.reason, dead.attempts) == (
        poison,
        "slow",
        DeadLetterReason.MAX_ATTEMPTS,
        3,
    )
    assert slow.ids() == [1, 1, 1, 2]
    with pytest.raises(UnknownDeliveryError):
        broker.ack("slow", 1)  # too late: it is a dead letter now
    broker.ack("slow", 2)


def test_nack_redelivers_on_the_next_round_without_waiting(broker: Broker) -> None:
    slow = Recorder(broker, "slow", auto_ack=False)
    broker.subscribe("orders", "slow", slow)
    broker.publish("orders", "o")
    broker.dispatch()
    broker.nack("slow", 1)
    assert broker.dispatch() == 1
    assert [d.attempt for d in slow.deliveries] == [1, 2]


def test_a_raising_handler_is_retried_and_does_not_stop_other_handlers(
    broker: Broker, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    def broken(delivery: Delivery) -> None:
        calls.append(delivery.attempt)
        raise RuntimeError("database down")

    healthy = Recorder(broker, "healthy")
    broker.subscribe("orders", "broken", broken)
    broker.subscribe("orders", "healthy", healthy)
    broker.publish("orders", "o")
    for _ in range(4):
        broker.dispatch()
    assert calls == [1, 2, 3]
    assert healthy.ids() == [1]
    assert [d.reason for d in broker.dead_letters()] == [DeadLetterReason.MAX_ATTEMPTS]
    assert "handler 'broken' failed on message 1" in caplog.text


def test_unsubscribe_stops_delivery_and_drops_unacked(broker: Broker) -> None:
    sub = Recorder(broker, "s", auto_ack=False)
    broker.subscribe("orders", "s", sub)
    broker.publish("orders", "o-1")
    broker.publish("orders", "o-2")
    broker.dispatch()
    broker.unsubscribe("orders", "s")
    broker.publish("orders", "o-3")
    assert broker.dispatch() == 0
    with pytest.raises(UnknownDeliveryError):
        broker.ack("s", 1)
    assert sub.ids() == [1]


def test_resubscribing_starts_fresh(broker: Broker) -> None:
    broker.subscribe("orders", "s", Recorder(broker, "s", auto_ack=False))
    broker.publish("orders", "before")
    broker.unsubscribe("orders", "s")
    again = Recorder(broker, "s")
    broker.subscribe("orders", "s", again)
    after = broker.publish("orders", "after")
    broker.dispatch()
    assert again.ids() == [after.id]


def test_handler_may_publish_from_inside_dispatch(broker: Broker) -> None:
    broker.create_topic("audit")
    audit = Recorder(broker, "audit")
    broker.subscribe("audit", "audit", audit)

    def forward(delivery: Delivery) -> None:
        broker.publish("audit", f"saw {delivery.message.payload}")
        broker.ack("forwarder", delivery.message.id)

    broker.subscribe("orders", "forwarder", forward)
    broker.publish("orders", "o-1")
    broker.dispatch()
    broker.dispatch()
    assert [d.message.payload for d in audit.deliveries] == ["saw o-1"]


@pytest.mark.parametrize(
    ("policy", "expected_ids", "dropped_ids"),
    [
        (OverflowPolicy.DROP_OLDEST, [1, 4, 5], [2, 3]),
        (OverflowPolicy.DROP_NEWEST, [1, 2, 3], [4, 5]),
    ],
)
def test_overflow_policy_drops_into_dead_letters_for_that_subscriber_only(
    clock: ManualClock, policy: OverflowPolicy, expected_ids: list[int], dropped_ids: list[int]
) -> None:
    broker = Broker(clock=clock, ack_deadline=ACK_DEADLINE, max_pending=2, overflow=policy)
    broker.create_topic("t")
    stuck = Recorder(broker, "stuck", auto_ack=False)
    fine = Recorder(broker, "fine")
    broker.subscribe("t", "stuck", stuck)
    broker.subscribe("t", "fine", fine)
    broker.publish("t", "m")
    broker.dispatch()  # stuck now holds #1 in flight; its queue holds 2 more at most
    for n in range(4):
        broker.publish("t", f"m{n}")
        broker.dispatch()
    assert fine.ids() == [1, 2, 3, 4, 5]
    assert [(d.subscriber_id, d.message.id, d.reason) for d in broker.dead_letters()] == [
        ("stuck", i, DeadLetterReason.OVERFLOW) for i in dropped_ids
    ]
    for _ in range(3):
        broker.ack("stuck", stuck.deliveries[-1].message.id)
        broker.dispatch()
    assert stuck.ids() == expected_ids


def test_topics_are_listed_sorted(broker: Broker) -> None:
    broker.create_topic("alerts")
    assert broker.topics() == ["alerts", "orders"]


# Bad input: each error is clear, and the broker is unchanged afterwards.


def test_unknown_topic_is_refused_everywhere(broker: Broker) -> None:
    for call in (
        lambda: broker.publish("nope", "x"),
        lambda: broker.subscribe("nope", "s", lambda d: None),
        lambda: broker.unsubscribe("nope", "s"),
        lambda: broker.backlog("nope", "s"),
    ):
        with pytest.raises(UnknownTopicError, match="unknown topic 'nope'; create it first"):
            call()
    assert broker.topics() == ["orders"]


def test_unknown_topic_error_is_a_key_error_with_a_readable_message() -> None:
    error = UnknownTopicError("unknown topic 'x'")
    assert isinstance(error, KeyError)
    assert isinstance(error, PubSubError)
    assert str(error) == "unknown topic 'x'"


def test_creating_a_topic_twice_is_refused(broker: Broker) -> None:
    with pytest.raises(TopicExistsError, match="topic 'orders' already exists"):
        broker.create_topic("orders")


def test_double_subscribe_is_refused_and_keeps_the_first_handler(broker: Broker) -> None:
    first = Recorder(broker, "s")
    broker.subscribe("orders", "s", first)
    with pytest.raises(AlreadySubscribedError, match="'s' is already subscribed to 'orders'"):
        broker.subscribe("orders", "s", Recorder(broker, "s"))
    broker.publish("orders", "o")
    broker.dispatch()
    assert first.ids() == [1]


def test_unsubscribing_a_stranger_is_refused(broker: Broker) -> None:
    with pytest.raises(NotSubscribedError, match="'ghost' is not subscribed to 'orders'"):
        broker.unsubscribe("orders", "ghost")
    with pytest.raises(NotSubscribedError):
        broker.backlog("orders", "ghost")


def test_ack_or_nack_of_an_unknown_id_is_refused_and_changes_nothing(broker: Broker) -> None:
    sub = Recorder(broker, "s", auto_ack=False)
    broker.subscribe("orders", "s", sub)
    broker.publish("orders", "o")
    broker.dispatch()
    with pytest.raises(UnknownDeliveryError, match="'s' has no message 99 in flight"):
        broker.ack("s", 99)
    with pytest.raises(UnknownDeliveryError):
        broker.ack("someone-else", 1)
    with pytest.raises(UnknownDeliveryError):
        broker.nack("s", 99)
    assert broker.backlog("orders", "s") == 1
    broker.ack("s", 1)
    with pytest.raises(UnknownDeliveryError, match="already acked"):
        broker.ack("s", 1)


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_blank_or_huge_names_are_refused(broker: Broker, name: str) -> None:
    with pytest.raises(ValueError, match="topic must be 1-200 visible characters"):
        broker.create_topic(name)
    with pytest.raises(ValueError, match="subscriber_id must be"):
        broker.subscribe("orders", name, lambda d: None)


def test_wrong_types_are_refused(broker: Broker) -> None:
    with pytest.raises(TypeError, match="topic must be a str, got int"):
        broker.create_topic(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="payload must be str or bytes, got dict"):
        broker.publish("orders", {"mutable": True})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="handler must be callable"):
        broker.subscribe("orders", "s", "not a function")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"ack_deadline": 0}, "ack_deadline must be > 0"),
        ({"ack_deadline": math.inf}, "ack_deadline must be > 0"),
        ({"max_attempts": 0}, "max_attempts must be an int >= 1"),
        ({"max_attempts": True}, "max_attempts must be an int >= 1"),
        ({"max_pending": 0}, "max_pending must be an int >= 1"),
        ({"max_dead_letters": 0}, "max_dead_letters must be an int >= 1"),
        ({"ack_deadline": True}, "ack_deadline must be > 0"),
    ],
)
def test_bad_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Broker(**settings)  # type: ignore[arg-type]


def test_overflow_must_be_a_policy() -> None:
    with pytest.raises(TypeError, match="overflow must be an OverflowPolicy"):
        Broker(overflow="drop_oldest")  # type: ignore[arg-type]


def test_default_clock_is_real_time_and_works() -> None:
    broker = Broker()
    broker.create_topic("t")
    got = []
    broker.subscribe("t", "s", got.append)
    broker.publish("t", "x")
    broker.dispatch()
    assert [d.message.payload for d in got] == ["x"]


# Review findings: each test below failed before the fix it names.


def test_a_stale_attempt_that_fails_late_does_not_cut_short_the_current_one(
    broker: Broker, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Attempt 1 overruns its deadline, attempt 2 starts, then attempt 1 raises.

    The failure belongs to attempt 1: attempt 2 keeps its own deadline instead
    of being redelivered at once (which used to burn an attempt for nothing).
    """
    attempts: list[int] = []

    def handler(delivery: Delivery) -> None:
        attempts.append(delivery.attempt)
        if delivery.attempt == 1:
            clock.advance(ACK_DEADLINE)  # attempt 1 runs past its deadline...
            broker.dispatch()  # ...so another dispatcher redelivers it
            raise RuntimeError("attempt 1 fails late")

    broker.subscribe("orders", "s", handler)
    broker.publish("orders", "o")
    broker.dispatch()
    assert attempts == [1, 2]
    assert broker.dispatch() == 0  # attempt 2 is still within its deadline
    assert "already settled or redelivered" in caplog.text
    clock.advance(ACK_DEADLINE)
    assert broker.dispatch() == 1
    assert attempts == [1, 2, 3]


def test_a_blocking_handler_holds_up_the_rest_of_its_round(broker: Broker) -> None:
    """Handlers of one dispatch() run one after another, in that caller's thread.

    A second dispatcher cannot help: the fast subscriber's delivery is already
    claimed by the round the slow handler belongs to.
    """
    events: list[str] = []

    def slow(delivery: Delivery) -> None:
        events.append("slow starts")
        events.append(f"another dispatch() delivers {broker.dispatch()}")
        events.append("slow ends")
        broker.ack("slow", delivery.message.id)

    def fast(delivery: Delivery) -> None:
        events.append("fast")
        broker.ack("fast", delivery.message.id)

    broker.subscribe("orders", "slow", slow)
    broker.subscribe("orders", "fast", fast)
    broker.publish("orders", "o")
    broker.dispatch()
    assert events == ["slow starts", "another dispatch() delivers 0", "slow ends", "fast"]


def test_a_handler_past_its_deadline_can_be_overtaken_by_later_messages(
    broker: Broker, clock: ManualClock
) -> None:
    """Order holds for when deliveries start, not for when an overrunning call ends."""
    effects: list[tuple[int, int]] = []

    def handler(delivery: Delivery) -> None:
        if (delivery.message.id, delivery.attempt) == (1, 1):
            clock.advance(ACK_DEADLINE)  # attempt 1 overruns its deadline
            broker.dispatch()  # a second dispatcher: #1 again, attempt 2 acks it
            broker.dispatch()  # ...and then #2 goes out
        effects.append((delivery.message.id, delivery.attempt))
        with contextlib.suppress(UnknownDeliveryError):  # attempt 1 acks too late
            broker.ack("s", delivery.message.id)

    broker.subscribe("orders", "s", handler)
    broker.publish("orders", "first")
    broker.publish("orders", "second")
    broker.dispatch()
    assert effects == [(1, 2), (2, 1), (1, 1)]


def test_dead_letters_are_bounded_and_counted(clock: ManualClock) -> None:
    """A stalled subscriber on a busy topic must not grow the dead-letter list forever."""
    broker = Broker(clock=clock, max_pending=1, max_dead_letters=3)
    broker.create_topic("t")
    broker.subscribe("t", "stalled", lambda delivery: None)
    for n in range(10):
        broker.publish("t", str(n))  # no dispatch: the queue holds one message
    assert [d.message.id for d in broker.dead_letters()] == [7, 8, 9]  # the newest
    assert broker.dead_letter_count() == 9  # every one, kept or not


@pytest.mark.parametrize("name", ["orders\n", "a\x00b", "\t"])
def test_names_with_control_characters_are_refused(broker: Broker, name: str) -> None:
    with pytest.raises(ValueError, match="topic must be 1-200 visible characters"):
        broker.create_topic(name)
    assert broker.topics() == ["orders"]
