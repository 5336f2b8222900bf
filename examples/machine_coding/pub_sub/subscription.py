"""One subscriber's cursor on one topic, used by the synchronous Broker.

The Broker holds the lock; nothing in this file is thread-safe on its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from examples.machine_coding.pub_sub.messages import (
    DeadLetter,
    DeadLetterReason,
    Delivery,
    Message,
    OverflowPolicy,
)

Handler = Callable[[Delivery], None]


@dataclass(slots=True)
class InFlight:
    """The one message handed out and not yet acked, and when to give up on it."""

    message: Message
    attempt: int
    deadline: float


# --8<-- [start:subscription]
class Subscription:
    """A bounded FIFO of waiting messages plus at most one message in flight.

    Holding back the next message until the current one is acked (or dead-
    lettered) is what keeps per-topic order intact across redeliveries.
    """

    def __init__(
        self,
        topic: str,
        subscriber_id: str,
        handler: Handler,
        *,
        capacity: int,
        overflow: OverflowPolicy,
    ) -> None:
        self.topic = topic
        self.subscriber_id = subscriber_id
        self.handler = handler
        self._capacity = capacity
        self._overflow = overflow
        self._waiting: deque[Message] = deque()
        self.in_flight: InFlight | None = None

    def backlog(self) -> int:
        """Messages not yet acked: waiting plus in flight."""
        return len(self._waiting) + (self.in_flight is not None)

    def offer(self, message: Message) -> DeadLetter | None:
        """Queue `message`; if the queue is full, return what the policy dropped."""
        if len(self._waiting) < self._capacity:
            self._waiting.append(message)
            return None
        if self._overflow is OverflowPolicy.DROP_NEWEST:
            dropped = message
        else:
            dropped = self._waiting.popleft()
            self._waiting.append(message)
        return DeadLetter(dropped, self.subscriber_id, DeadLetterReason.OVERFLOW, 0)

    def next_delivery(
        self, now: float, ack_deadline: float, max_attempts: int
    ) -> tuple[Delivery | None, DeadLetter | None]:
        """Redeliver an overdue message, dead-letter it, or start the next one."""
        dead = None
        current = self.in_flight
        if current is not None:
            if now < current.deadline:
                return None, None  # still waiting for the ack
            if current.attempt < max_attempts:
                current.attempt += 1
                current.deadline = now + ack_deadline
                return (
                    Delivery(current.message, self.subscriber_id, current.attempt),
                    None,
                )
            dead = DeadLetter(
                current.message,
                self.subscriber_id,
                DeadLetterReason.MAX_ATTEMPTS,
                current.attempt,
            )
            self.in_flight = None
        if not self._waiting:
            return None, dead
        message = self._waiting.popleft()
        self.in_flight = InFlight(message, attempt=1, deadline=now + ack_deadline)
        return Delivery(message, self.subscriber_id, 1), dead


# --8<-- [end:subscription]
