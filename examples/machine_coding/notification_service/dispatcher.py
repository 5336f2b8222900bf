"""The worker: take due deliveries, send them, and decide what happens next.

Nothing runs in the background. A real worker calls `run_due(clock())` in a
loop and sleeps until `next_due_at()`; tests call it with the times they
choose, so every retry lands at a time the test can compute. Every delivery
in one call is judged at that one `now`, so with slow providers a worker keeps
`limit` small enough that `now` stays close to the real time.

Retry spacing reuses RetryPolicy from the role guide's worked example
(examples/role/notification_retry_schedule.py): capped exponential backoff,
full jitter, a retry limit and a deadline on the total wait.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace

from examples.machine_coding.notification_service.errors import UnknownUserError
from examples.machine_coding.notification_service.model import (
    Channel,
    Delivery,
    DeliveryStatus,
)
from examples.machine_coding.notification_service.preferences import (
    UserDirectory,
    hold_reason,
)
from examples.machine_coding.notification_service.providers import (
    PermanentProviderError,
    Provider,
    TransientProviderError,
)
from examples.machine_coding.notification_service.repository import Repository
from examples.role.notification_retry_schedule import RetryPolicy

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeadLetter:
    """A delivery given up on, with why and when, for a human to look at."""

    delivery: Delivery
    reason: str
    at: float


class DeadLetterQueue:
    """Deliveries that used up their retries. Thread-safe (one lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[DeadLetter] = []

    def put(self, entry: DeadLetter) -> None:
        """Add an entry; in production this is a queue with an alert on depth."""
        with self._lock:
            self._entries.append(entry)

    def entries(self) -> list[DeadLetter]:
        """A copy of every entry, oldest first."""
        with self._lock:
            return list(self._entries)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


class Dispatcher:
    """Processes due deliveries. Thread-safe: several threads may call
    run_due at once, because pop_due hands each delivery to one caller only."""

    def __init__(
        self,
        *,
        repository: Repository,
        users: UserDirectory,
        providers: Mapping[Channel, Provider],
        policies: Mapping[Channel, RetryPolicy],
        dead_letters: DeadLetterQueue,
        rng: random.Random,
    ) -> None:
        missing = [c.value for c in Channel if c not in providers or c not in policies]
        if missing:
            raise ValueError(f"no provider or retry policy for: {', '.join(missing)}")
        self._repository = repository
        self._users = users
        self._providers = dict(providers)
        self._policies = dict(policies)
        self._dead_letters = dead_letters
        self._rng = rng  # seeded in tests, so jittered times are reproducible
        self._rng_lock = threading.Lock()

    # --8<-- [start:run_due]
    def run_due(self, now: float, limit: int = 1_000) -> list[Delivery]:
        """Process up to `limit` deliveries due at or before `now`, earliest
        first, and return their new states. A delivery rescheduled for `now`
        or earlier waits for the next call, so one call always terminates."""
        due = self._repository.pop_due(now, limit)
        done: list[Delivery] = []
        try:
            for delivery in due:
                try:
                    done.append(self._process(delivery, now))
                except Exception as error:  # a bug, or the user directory down
                    # A failed attempt of this delivery alone, retried with
                    # backoff. Put back unchanged, it would be the earliest due
                    # again and crash every later call, blocking the queue.
                    logger.exception(
                        "dispatching %s:%s failed", *delivery.key  # id, channel
                    )
                    why = f"dispatcher error: {error!r}"
                    attempts = delivery.attempts + 1
                    done.append(self._retry_or_give_up(delivery, attempts, why, now))
        finally:
            # If even that fails, nothing is lost: every delivery not yet
            # processed goes back in the queue as it was.
            for delivery in due[len(done) :]:
                self._repository.save(delivery)
        return done

    def next_due_at(self) -> float | None:
        """When to call run_due next; None when nothing is scheduled."""
        return self._repository.next_due_at()

    def _process(self, delivery: Delivery, now: float) -> Delivery:
        notification = self._repository.get(delivery.notification_id)
        try:
            user = self._users.get(notification.request.user_id)
        except UnknownUserError:
            return self._finish(
                delivery, status=DeliveryStatus.FAILED, error="user deleted"
            )
        # Preferences may have changed since the request was accepted.
        held = hold_reason(
            user, delivery.channel, notification.category, notification.urgent, now
        )
        if held is not None:
            status, due_at = held
            return self._finish(delivery, status=status, due_at=due_at)
        attempts = delivery.attempts + 1
        provider = self._providers[delivery.channel]
        try:
            message_id = provider.send(
                delivery.address,
                notification.messages[delivery.channel],
                idempotency_key=f"{delivery.notification_id}:{delivery.channel.value}",
            )
        except PermanentProviderError as error:
            return self._finish(
                delivery,
                status=DeliveryStatus.FAILED,
                attempts=attempts,
                error=str(error),
            )
        except TransientProviderError as error:
            wait = error.retry_after_s or 0.0  # the provider's Retry-After, if any
            return self._retry_or_give_up(delivery, attempts, str(error), now, wait)
        except Exception as error:  # not classified: bounded retries, like transient
            return self._retry_or_give_up(delivery, attempts, str(error), now)
        return self._finish(
            delivery,
            status=DeliveryStatus.SENT,
            attempts=attempts,
            last_error=None,  # the error of an earlier attempt no longer applies
            sent_at=now,
            provider_message_id=message_id,
        )

    # --8<-- [end:run_due]

    # --8<-- [start:retry]
    def _retry_or_give_up(
        self,
        delivery: Delivery,
        attempts: int,
        error: str,
        now: float,
        at_least_s: float = 0.0,
    ) -> Delivery:
        """Schedule retry number `attempts` after a jittered backoff (never
        sooner than `at_least_s`), unless the retries or the deadline are used
        up; then dead-letter the delivery."""
        policy = self._policies[delivery.channel]
        if attempts > policy.max_retries:  # attempt 1 plus max_retries retries
            return self._dead_letter(delivery, attempts, error, now, "retries used up")
        with self._rng_lock:
            wait = max(policy.delay(attempts, self._rng), at_least_s)
        if delivery.waited_s + wait > policy.deadline_s:
            return self._dead_letter(delivery, attempts, error, now, "deadline passed")
        return self._finish(
            delivery,
            status=DeliveryStatus.QUEUED,
            attempts=attempts,
            error=error,
            due_at=now + wait,
            waited_s=delivery.waited_s + wait,
        )

    def _dead_letter(
        self, delivery: Delivery, attempts: int, error: str, now: float, why: str
    ) -> Delivery:
        dead = self._finish(
            delivery,
            status=DeliveryStatus.DEAD_LETTERED,
            attempts=attempts,
            error=error,
        )
        self._dead_letters.put(DeadLetter(dead, f"{why}: {error}", now))
        return dead

    # --8<-- [end:retry]

    def _finish(
        self, delivery: Delivery, *, error: str | None = None, **changes: object
    ) -> Delivery:
        """Store the delivery's next state in one atomic replace."""
        if error is not None:
            changes["last_error"] = error
        updated = replace(delivery, **changes)  # type: ignore[arg-type]
        self._repository.save(updated)
        return updated
