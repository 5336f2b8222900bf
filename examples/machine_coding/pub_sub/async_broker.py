"""The asyncio broker: every subscription owns a queue and a consumer task.

A handler is an `async def` taking a Delivery. Returning is the ack; raising,
or running past the ack deadline, counts as a failed attempt and the same
message is retried until it succeeds or runs out of attempts.

Not thread-safe: call every method from the event loop's thread. publish()
never awaits, so a full or slow subscriber cannot stall the publisher.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType

from examples.machine_coding.clock import Clock
from examples.machine_coding.pub_sub.errors import (
    AlreadySubscribedError,
    NotSubscribedError,
    TopicExistsError,
    UnknownTopicError,
)
from examples.machine_coding.pub_sub.messages import (
    DeadLetter,
    DeadLetterReason,
    Delivery,
    Message,
    OverflowPolicy,
    check_name,
    check_payload,
    check_settings,
)

logger = logging.getLogger(__name__)

AsyncHandler = Callable[[Delivery], Awaitable[None]]


@dataclass(eq=False)
class _Consumer:
    subscriber_id: str
    handler: AsyncHandler
    queue: asyncio.Queue[Message]
    task: asyncio.Task[None] | None = field(default=None)


class AsyncBroker:
    """Topics and subscriptions on one event loop; one consumer task each."""

    def __init__(
        self,
        *,
        clock: Clock = time.monotonic,
        ack_deadline: float | None = 30.0,
        max_attempts: int = 5,
        max_pending: int = 10_000,
        max_dead_letters: int = 10_000,
        overflow: OverflowPolicy = OverflowPolicy.DROP_OLDEST,
    ) -> None:
        if ack_deadline is not None and (
            isinstance(ack_deadline, bool)
            or not math.isfinite(ack_deadline)
            or ack_deadline <= 0
        ):
            raise ValueError(
                f"ack_deadline must be > 0 seconds or None, got {ack_deadline!r}"
            )
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
        self._topics: dict[str, dict[str, _Consumer]] = {}
        self._ids = itertools.count(1)
        self._dead: deque[DeadLetter] = deque(maxlen=max_dead_letters)
        self._dead_count = 0

    async def __aenter__(self) -> AsyncBroker:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def create_topic(self, topic: str) -> None:
        """Create an empty topic; a second create with the same name is an error."""
        check_name("topic", topic)
        if topic in self._topics:
            raise TopicExistsError(f"topic {topic!r} already exists")
        self._topics[topic] = {}

    # --8<-- [start:subscribe]
    def subscribe(self, topic: str, subscriber_id: str, handler: AsyncHandler) -> None:
        """Start a consumer task for this subscriber (call inside a running loop)."""
        check_name("subscriber_id", subscriber_id)
        if not callable(handler):
            raise TypeError(f"handler must be callable, got {type(handler).__name__}")
        consumers = self._consumers_of(topic)
        if subscriber_id in consumers:
            raise AlreadySubscribedError(
                f"{subscriber_id!r} is already subscribed to {topic!r}"
            )
        consumer = _Consumer(subscriber_id, handler, asyncio.Queue(self._max_pending))
        consumer.task = asyncio.get_running_loop().create_task(
            self._consume(consumer), name=f"consumer:{topic}:{subscriber_id}"
        )
        consumers[subscriber_id] = consumer

    # --8<-- [end:subscribe]

    async def unsubscribe(self, topic: str, subscriber_id: str) -> None:
        """Stop the consumer task; its unprocessed messages are dropped."""
        consumer = self._consumers_of(topic).pop(subscriber_id, None)
        if consumer is None:
            raise NotSubscribedError(
                f"{subscriber_id!r} is not subscribed to {topic!r}"
            )
        await _stop(consumer)

    # --8<-- [start:publish]
    def publish(self, topic: str, payload: str | bytes) -> Message:
        """Put the message on every subscriber's queue without awaiting any of them."""
        check_payload(payload)
        consumers = self._consumers_of(topic)
        message = Message(next(self._ids), topic, payload, self._clock())
        for consumer in consumers.values():
            self._offer(consumer, message)
        return message

    def _offer(self, consumer: _Consumer, message: Message) -> None:
        try:
            consumer.queue.put_nowait(message)
            return
        except asyncio.QueueFull:
            pass
        if self._overflow is OverflowPolicy.DROP_NEWEST:
            dropped = message
        else:
            dropped = consumer.queue.get_nowait()
            consumer.queue.put_nowait(message)
            # Settle the dropped one only after the new one is counted: the
            # other order lets the unfinished count touch zero and wake join().
            consumer.queue.task_done()
        self._record_dead(
            DeadLetter(dropped, consumer.subscriber_id, DeadLetterReason.OVERFLOW, 0)
        )

    # --8<-- [end:publish]

    # --8<-- [start:consume]
    async def _consume(self, consumer: _Consumer) -> None:
        """One message at a time, retried in place: per-topic order holds."""
        while True:
            message = await consumer.queue.get()
            try:
                await self._deliver(consumer, message)
            finally:
                consumer.queue.task_done()

    async def _deliver(self, consumer: _Consumer, message: Message) -> None:
        task = asyncio.current_task()
        for attempt in range(1, self._max_attempts + 1):
            delivery = Delivery(message, consumer.subscriber_id, attempt)
            try:
                async with asyncio.timeout(self._ack_deadline):
                    await consumer.handler(delivery)
            except asyncio.CancelledError:
                if task is None or task.cancelling():
                    raise  # unsubscribe() or aclose() is stopping this consumer
                # Nobody cancelled this task: the handler awaited something
                # that was cancelled. A failed attempt, not a reason to die.
                _log_failure(consumer, message, attempt)
            except Exception:  # TimeoutError (past the ack deadline) included
                _log_failure(consumer, message, attempt)
            else:
                return  # returning from the handler is the ack
        self._record_dead(
            DeadLetter(
                message,
                consumer.subscriber_id,
                DeadLetterReason.MAX_ATTEMPTS,
                self._max_attempts,
            )
        )

    # --8<-- [end:consume]

    async def join(self, topic: str, subscriber_id: str) -> None:
        """Wait until this subscriber has settled everything queued so far."""
        consumer = self._consumers_of(topic).get(subscriber_id)
        if consumer is None:
            raise NotSubscribedError(
                f"{subscriber_id!r} is not subscribed to {topic!r}"
            )
        await consumer.queue.join()

    def backlog(self, topic: str, subscriber_id: str) -> int:
        """Messages queued for this subscriber and not yet picked up."""
        consumer = self._consumers_of(topic).get(subscriber_id)
        if consumer is None:
            raise NotSubscribedError(
                f"{subscriber_id!r} is not subscribed to {topic!r}"
            )
        return consumer.queue.qsize()

    def dead_letters(self) -> tuple[DeadLetter, ...]:
        """The newest `max_dead_letters` messages subscribers gave up on, oldest first."""
        return tuple(self._dead)

    def dead_letter_count(self) -> int:
        """Every dead letter ever recorded, including those no longer kept."""
        return self._dead_count

    async def aclose(self) -> None:
        """Cancel every consumer task and wait for them to finish."""
        consumers = [
            c for subscriptions in self._topics.values() for c in subscriptions.values()
        ]
        for subscriptions in self._topics.values():
            subscriptions.clear()
        await _stop(*consumers)

    def _record_dead(self, letter: DeadLetter) -> None:
        self._dead.append(letter)  # the deque evicts the oldest when full
        self._dead_count += 1

    def _consumers_of(self, topic: str) -> dict[str, _Consumer]:
        check_name("topic", topic)
        try:
            return self._topics[topic]
        except KeyError:
            raise UnknownTopicError(
                f"unknown topic {topic!r}; create it first"
            ) from None


def _log_failure(consumer: _Consumer, message: Message, attempt: int) -> None:
    logger.warning(
        "handler %r failed on message %d, attempt %d",
        consumer.subscriber_id,
        message.id,
        attempt,
        exc_info=True,
    )


async def _stop(*consumers: _Consumer) -> None:
    """Cancel every task first, then wait: if our caller is cancelled while
    waiting, no consumer is left running with nobody holding a reference."""
    tasks = [c.task for c in consumers if c.task is not None]
    for task in tasks:
        task.cancel()
    if tasks:
        # wait() never raises the tasks' CancelledError, so a cancellation
        # aimed at *our* caller still propagates instead of being swallowed.
        await asyncio.wait(tasks)
