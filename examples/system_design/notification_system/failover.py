"""Send through the first healthy provider; retry with backoff; dead-letter what cannot go.

Three rules keep a notification from being lost or sent twice:

1. Our own ledger: a notification id already sent is dropped when the queue
   hands it over again (queues deliver at least once).
2. A refusal ("down") is certain, so the same notification fails over to the
   next provider at once.
3. A timeout is not certain, so the notification is pinned to that provider
   and retried there with the same idempotency key, which the provider
   deduplicates. A provider that cannot deduplicate turns a timeout into a
   dead letter marked "unknown" for a person, instead of a guess.

Every wait is capped exponential backoff with full jitter from a seeded
generator; the clock is injected, in milliseconds.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from examples.system_design.notification_system.breaker import CircuitBreaker
from examples.system_design.notification_system.providers import (
    ProviderDown,
    ProviderTimeout,
    StandInProvider,
)


@dataclass(frozen=True)
class RetryPolicy:
    base_ms: int = 500
    cap_ms: int = 60_000
    max_attempts: int = 8  # provider calls per notification, across providers

    def __post_init__(self) -> None:
        if not 0 < self.base_ms <= self.cap_ms or self.max_attempts < 1:
            raise ValueError("need 0 < base_ms <= cap_ms and max_attempts >= 1")

    def wait_ms(self, retry: int, rng: random.Random) -> int:
        """Full jitter: uniform in [0, min(cap, base * 2**retry)]."""
        return rng.randint(0, min(self.cap_ms, self.base_ms * 2**retry))


@dataclass(order=True)
class _Due:
    due_ms: int
    seq: int
    notification_id: str = field(compare=False)
    body: str = field(compare=False)


@dataclass
class Outcome:
    sent: dict[str, str] = field(default_factory=dict)  # id -> provider name
    dead: dict[str, str] = field(default_factory=dict)  # id -> "not sent" | "unknown"
    duplicates_dropped: int = 0


class FailoverSender:
    def __init__(
        self,
        providers: Sequence[StandInProvider],
        clock: Callable[[], int],
        *,
        policy: RetryPolicy | None = None,
        seed: int = 0,
        breaker: Callable[[], CircuitBreaker] | None = None,
    ) -> None:
        if not providers or len({p.name for p in providers}) != len(providers):
            raise ValueError("need one or more providers with distinct names")
        self._providers = list(providers)  # in order of preference
        self._clock = clock
        self._policy = policy or RetryPolicy()
        self._rng = random.Random(seed)
        make = breaker or (lambda: CircuitBreaker(clock))
        self._breakers = {p.name: make() for p in providers}
        self._due: list[_Due] = []
        self._seq = 0
        self._attempts: dict[str, int] = {}
        self._pinned: dict[str, StandInProvider] = {}
        self.outcome = Outcome()

    def breaker(self, name: str) -> CircuitBreaker:
        return self._breakers[name]

    def submit(self, notification_id: str, body: str) -> None:
        """Enqueue a send (the queue may hand the same id over more than once)."""
        if not notification_id:
            raise ValueError("notification_id is required")
        self._push(self._clock(), notification_id, body)

    def pending(self) -> int:
        return len(self._due)

    def run_due(self) -> int:
        """Attempt every send that is due now; return how many were attempted."""
        now, count = self._clock(), 0
        while self._due and self._due[0].due_ms <= now:
            self._attempt(heapq.heappop(self._due))
            count += 1
        return count

    # --8<-- [start:attempt]
    def _attempt(self, item: _Due) -> None:
        nid = item.notification_id
        if nid in self.outcome.sent or nid in self.outcome.dead:
            self.outcome.duplicates_dropped += 1  # redelivered by the queue
            return
        pinned = self._pinned.get(nid)
        choices = [pinned] if pinned else self._providers
        for provider in choices:
            breaker = self._breakers[provider.name]
            if self._attempts.get(nid, 0) >= self._policy.max_attempts:
                break
            if not breaker.allow():
                continue  # open: skip it without spending an attempt
            self._attempts[nid] = self._attempts.get(nid, 0) + 1
            try:
                provider.send(nid, item.body)  # the notification id is the key
            except ProviderDown:
                breaker.record(ok=False)
                continue  # certainly not sent: fail over now
            except ProviderTimeout:
                breaker.record(ok=False)
                if not provider.dedupes:
                    self.outcome.dead[nid] = "unknown"  # a retry could send twice
                    return
                self._pinned[nid] = provider  # retry here, same key, later
                break
            breaker.record(ok=True)
            self.outcome.sent[nid] = provider.name
            self._pinned.pop(nid, None)
            return
        self._retry_later(item)

    # --8<-- [end:attempt]

    def _retry_later(self, item: _Due) -> None:
        nid = item.notification_id
        tries = self._attempts.get(nid, 0)
        if tries >= self._policy.max_attempts:
            self.outcome.dead[nid] = "unknown" if nid in self._pinned else "not sent"
            return
        wait = self._policy.wait_ms(tries, self._rng)
        self._push(self._clock() + max(1, wait), nid, item.body)

    def _push(self, due_ms: int, notification_id: str, body: str) -> None:
        self._seq += 1
        heapq.heappush(self._due, _Due(due_ms, self._seq, notification_id, body))
