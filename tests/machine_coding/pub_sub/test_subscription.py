"""The per-subscription cursor on its own, without the broker's lock or index."""

from __future__ import annotations

from examples.machine_coding.pub_sub.messages import DeadLetterReason, Delivery, Message, OverflowPolicy
from examples.machine_coding.pub_sub.subscription import Subscription


def make(capacity: int = 3, overflow: OverflowPolicy = OverflowPolicy.DROP_OLDEST) -> Subscription:
    return Subscription("t", "s", lambda d: None, capacity=capacity, overflow=overflow)


def msg(message_id: int) -> Message:
    return Message(message_id, "t", str(message_id), 0.0)


def test_next_delivery_walks_the_queue_one_at_a_time() -> None:
    sub = make()
    for i in (1, 2):
        assert sub.offer(msg(i)) is None
    assert sub.next_delivery(now=0, ack_deadline=5, max_attempts=2) == (Delivery(msg(1), "s", 1), None)
    assert sub.next_delivery(now=4.9, ack_deadline=5, max_attempts=2) == (None, None)
    assert sub.next_delivery(now=5, ack_deadline=5, max_attempts=2) == (Delivery(msg(1), "s", 2), None)
    delivery, dead = sub.next_delivery(now=10, ack_deadline=5, max_attempts=2)
    assert delivery == Delivery(msg(2), "s", 1)
    assert dead is not None
    assert (dead.message, dead.reason, dead.attempts) == (msg(1), DeadLetterReason.MAX_ATTEMPTS, 2)
    assert sub.backlog() == 1


def test_empty_subscription_has_nothing_to_deliver() -> None:
    sub = make()
    assert sub.next_delivery(now=0, ack_deadline=5, max_attempts=1) == (None, None)
    assert sub.backlog() == 0


def test_offer_reports_what_the_policy_dropped() -> None:
    oldest = make(capacity=1, overflow=OverflowPolicy.DROP_OLDEST)
    newest = make(capacity=1, overflow=OverflowPolicy.DROP_NEWEST)
    for sub in (oldest, newest):
        sub.offer(msg(1))
    dropped_oldest = oldest.offer(msg(2))
    dropped_newest = newest.offer(msg(2))
    assert dropped_oldest is not None
    assert dropped_newest is not None
    assert (dropped_oldest.message.id, dropped_oldest.reason) == (1, DeadLetterReason.OVERFLOW)
    assert (dropped_newest.message.id, dropped_newest.reason) == (2, DeadLetterReason.OVERFLOW)
    assert oldest.next_delivery(0, 1, 1)[0] == Delivery(msg(2), "s", 1)
    assert newest.next_delivery(0, 1, 1)[0] == Delivery(msg(1), "s", 1)
