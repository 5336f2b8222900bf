"""The synchronous, thread-safe pub/sub broker.

Nothing happens in the background: a caller (a test, a demo, or a worker
thread in a real process) drives delivery by calling dispatch(), and time is
whatever the injected clock says.

Thread safety: every public method may be called from any thread. One lock
guards all state; handlers run outside it, so a handler may call ack(),
nack() or publish() without deadlocking.
"""

from __future__ import annotations

import itertools
import logging
import math
import threading
import time
from collections import deque

from examples.machine_coding.clock import Clock
from examples.machine_coding.pub_sub.errors import (
    AlreadySubscribedError,
    NotSubscribedError,
    TopicExistsError,
    UnknownDeliveryError,
    UnknownTopicError,
)
from examples.machine_coding.pub_sub.messages import (
    DeadLetter,
    Delivery,
    Message,
    OverflowPolicy,
    check_name,
    check_payload,
    check_settings,
)
from examples.machine_coding.pub_sub.subscription import Handler, Subscription

logger = logging.getLogger(__name__)


class Broker:
    """Topics, subscriptions, at-least-once delivery with acks and dead letters."""

    # --8<-- [start:init]
    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        ack_deadline: float = 30.0,
        max_attempts: int = 5,
        max_pending: int = 10_000,
        max_dead_letters: int = 10_000,
        overflow: OverflowPolicy = OverflowPolicy.DROP_OLDEST,
    ) -> None:
        if (
            isinstance(ack_deadline, bool)
            or not math.isfinite(ack_deadline)
            or ack_deadline <= 0
        ):
            raise ValueError(f"ack_deadline must be > 0 seconds, got {ack_deadline!r}")
        check_settings(
            max_attempts=max_attempts,
            max_pending=max_pending,
            max_dead_letters=max_dead_letters,
            overflow=overflow,
        )
        self._clock = clock
        self._ack_deadline = ack_deadline
        self._max_attempts = max_attempts
        self._max_pending = max_pending
        self._overflow = overflow
        self._lock = threading.Lock()
        self._topics: dict[str, dict[str, Subscription]] = {}
        # (subscriber, message id) -> subscription, so ack() is O(1).
        self._in_flight: dict[tuple[str, int], Subscription] = {}
        self._ids = itertools.count(1)
        # Bounded like every other queue here: a stalled subscriber on a busy
        # topic dead-letters every message, forever. The count keeps the total.
        self._dead: deque[DeadLetter] = deque(maxlen=max_dead_letters)
        self._dead_count = 0

    # --8<-- [end:init]

    # --8<-- [start:topics]
    def create_topic(self, topic: str) -> None:
        """Create an empty topic; a second create with the same name is an error."""
        check_name("topic", topic)
        with self._lock:
            if topic in self._topics:
                raise TopicExistsError(f"topic {topic!r} already exists")
            self._topics[topic] = {}

    def subscribe(self, topic: str, subscriber_id: str, handler: Handler) -> None:
        """Start delivering messages published from now on to `handler`."""
        check_name("subscriber_id", subscriber_id)
        if not callable(handler):
            raise TypeError(f"handler must be callable, got {type(handler).__name__}")
        with self._lock:
            subscriptions = self._subscriptions_of(topic)
            if subscriber_id in subscriptions:
                raise AlreadySubscribedError(
                    f"{subscriber_id!r} is already subscribed to {topic!r}"
                )
            subscriptions[subscriber_id] = Subscription(
                topic,
                subscriber_id,
                handler,
                capacity=self._max_pending,
                overflow=self._overflow,
            )

    def unsubscribe(self, topic: str, subscriber_id: str) -> None:
        """Stop deliveries and drop this subscription's unacked messages."""
        with self._lock:
            subscriptions = self._subscriptions_of(topic)
            subscription = subscriptions.pop(subscriber_id, None)
            if subscription is None:
                raise NotSubscribedError(
                    f"{subscriber_id!r} is not subscribed to {topic!r}"
                )
            if subscription.in_flight is not None:
                del self._in_flight[subscriber_id, subscription.in_flight.message.id]

    # --8<-- [end:topics]

    # --8<-- [start:publish]
    def publish(self, topic: str, payload: str | bytes) -> Message:
        """Append a message to every current subscriber's queue; never blocks on them."""
        check_payload(payload)
        with self._lock:
            subscriptions = self._subscriptions_of(topic)
            message = Message(next(self._ids), topic, payload, self._clock())
            for subscription in subscriptions.values():
                dropped = subscription.offer(message)
                if dropped is not None:
                    self._record_dead(dropped)
            return message

    # --8<-- [end:publish]

    # --8<-- [start:dispatch]
    def dispatch(self) -> int:
        """Run one delivery round; return how many deliveries were handed out.

        Under the lock: redeliver or dead-letter every overdue message, and
        give each idle subscription its next message. Outside the lock: call
        the handlers, so a slow handler delays only this round's caller.
        """
        with self._lock:
            now = self._clock()
            claimed: list[tuple[Subscription, Delivery]] = []
            for subscriptions in self._topics.values():
                for subscription in subscriptions.values():
                    delivery, dead = subscription.next_delivery(
                        now, self._ack_deadline, self._max_attempts
                    )
                    if dead is not None:
                        self._record_dead(dead)
                        del self._in_flight[subscription.subscriber_id, dead.message.id]
                    if delivery is not None:
                        self._in_flight[
                            subscription.subscriber_id, delivery.message.id
                        ] = subscription
                        claimed.append((subscription, delivery))
        for subscription, delivery in claimed:
            try:
                subscription.handler(delivery)
            except Exception:
                # One broken handler must not stop the others; the message
                # comes back on the next round and counts as an attempt. Only
                # if this attempt is still the current one: the handler may
                # have acked before raising, or overrun its deadline so that
                # a newer attempt is already out.
                with self._lock:
                    redeliver = self._make_due(
                        subscription.subscriber_id,
                        delivery.message.id,
                        attempt=delivery.attempt,
                    )
                logger.warning(
                    "handler %r failed on message %d (attempt %d); %s",
                    subscription.subscriber_id,
                    delivery.message.id,
                    delivery.attempt,
                    "redelivering" if redeliver else "already settled or redelivered",
                    exc_info=True,
                )
        return len(claimed)

    # --8<-- [end:dispatch]

    # --8<-- [start:ack]
    def ack(self, subscriber_id: str, message_id: int) -> None:
        """Confirm processing; the subscriber's next message becomes deliverable."""
        with self._lock:
            subscription = self._in_flight.pop((subscriber_id, message_id), None)
            if subscription is None:
                raise UnknownDeliveryError(
                    f"{subscriber_id!r} has no message {message_id!r} in flight "
                    "(never delivered, already acked, or dead-lettered)"
                )
            subscription.in_flight = None

    def nack(self, subscriber_id: str, message_id: int) -> None:
        """Give the message back now instead of waiting for the ack deadline."""
        with self._lock:
            if not self._make_due(subscriber_id, message_id):
                raise UnknownDeliveryError(
                    f"{subscriber_id!r} has no message {message_id!r} in flight"
                )

    # --8<-- [end:ack]

    def backlog(self, topic: str, subscriber_id: str) -> int:
        """Unacked messages for one subscription (waiting plus in flight)."""
        with self._lock:
            subscription = self._subscriptions_of(topic).get(subscriber_id)
            if subscription is None:
                raise NotSubscribedError(
                    f"{subscriber_id!r} is not subscribed to {topic!r}"
                )
            return subscription.backlog()

    def dead_letters(self) -> tuple[DeadLetter, ...]:
        """The newest `max_dead_letters` messages subscribers gave up on, oldest first."""
        with self._lock:
            return tuple(self._dead)

    def dead_letter_count(self) -> int:
        """Every dead letter ever recorded, including those no longer kept."""
        with self._lock:
            return self._dead_count

    def topics(self) -> list[str]:
        """Topic names, sorted."""
        with self._lock:
            return sorted(self._topics)

    def _subscriptions_of(self, topic: str) -> dict[str, Subscription]:
        check_name("topic", topic)
        try:
            return self._topics[topic]
        except KeyError:
            raise UnknownTopicError(
                f"unknown topic {topic!r}; create it first"
            ) from None

    def _record_dead(self, letter: DeadLetter) -> None:
        """Keep a dead letter (evicting the oldest if full); the caller holds the lock."""
        self._dead.append(letter)
        self._dead_count += 1

    def _make_due(
        self, subscriber_id: str, message_id: int, *, attempt: int | None = None
    ) -> bool:
        """Mark an in-flight message overdue; the caller holds the lock.

        With `attempt`, only if that attempt is still the one in flight.
        """
        subscription = self._in_flight.get((subscriber_id, message_id))
        if subscription is None or subscription.in_flight is None:
            return False
        if attempt is not None and subscription.in_flight.attempt != attempt:
            return False
        subscription.in_flight.deadline = -math.inf
        return True
