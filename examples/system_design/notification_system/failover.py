"""Send through the first healthy provider; retry with backoff; dead-letter what cannot go.

The rules, and what each one costs:

1. A ledger: a notification id already finished is dropped when the queue
   hands it over again (queues deliver at least once). Here the ledger is a
   dict in one worker; across workers it is the delivery row, claimed
   durably before the call (store.claim_send), since two workers holding
   the same redelivered id would otherwise both send.
2. A refusal (a 503 or 429, a refused connection) is certain, so the
   notification fails over to the next provider at once.
3. An ambiguous answer (a timeout, a 500, 502 or 504) may have sent. With a
   provider that deduplicates on our key, the notification is pinned there
   and retried with the same key. With one that does not (APNs, FCM, SES,
   Twilio), `on_ambiguous` decides: "retry" fails over at once and accepts a
   possible duplicate (right for a one-time code), "dead-letter" stops and
   marks it "unknown" for a person (right for a message that must not double).
4. Every notification expires: past `max_age_ms` since it was first
   submitted it is dead-lettered as "expired", so nothing waits forever, even
   while every breaker is open and no attempt is being spent.

Every wait is capped exponential backoff with full jitter from a seeded
generator; the clock is injected, in milliseconds. One sender is driven by
one thread; the breakers it holds are safe to share.
"""

from __future__ import annotations

import heapq
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from examples.system_design.notification_system.breaker import CircuitBreaker
from examples.system_design.notification_system.providers import (
    ProviderAmbiguous,
    ProviderDown,
    ProviderRejected,
    StandInProvider,
)

OnAmbiguous = Literal["retry", "dead-letter"]


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
    # id -> "not sent" | "unknown" | "expired" | "rejected"
    dead: dict[str, str] = field(default_factory=dict)
    duplicates_dropped: int = 0
    # id -> answers that may have sent (a timeout, a 500, 502 or 504)
    ambiguous: Counter[str] = field(default_factory=Counter)


class FailoverSender:
    def __init__(
        self,
        providers: Sequence[StandInProvider],
        clock: Callable[[], int],
        *,
        policy: RetryPolicy | None = None,
        seed: int = 0,
        breaker: Callable[[], CircuitBreaker] | None = None,
        on_ambiguous: OnAmbiguous = "dead-letter",
        max_age_ms: int = 3_600_000,
    ) -> None:
        if not providers or len({p.name for p in providers}) != len(providers):
            raise ValueError("need one or more providers with distinct names")
        if on_ambiguous not in ("retry", "dead-letter"):
            raise ValueError(
                f"on_ambiguous must be retry or dead-letter: {on_ambiguous!r}"
            )
        if max_age_ms < 1:
            raise ValueError(f"max_age_ms must be at least 1, got {max_age_ms}")
        self._on_ambiguous, self._max_age = on_ambiguous, max_age_ms
        self._first_seen: dict[str, int] = {}
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
        self._first_seen.setdefault(notification_id, self._clock())
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
        nid, out = item.notification_id, self.outcome
        if nid in out.sent or nid in out.dead:
            out.duplicates_dropped += 1  # redelivered by the queue
            return
        if self._clock() - self._first_seen[nid] > self._max_age:
            out.dead[nid] = "expired"  # a code nobody can use any more
            return
        pinned = self._pinned.get(nid)
        for provider in [pinned] if pinned else self._providers:
            breaker = self._breakers[provider.name]
            if self._attempts.get(nid, 0) >= self._policy.max_attempts:
                break
            if (permit := breaker.allow()) is None:
                continue  # open: skip it without spending an attempt
            self._attempts[nid] = self._attempts.get(nid, 0) + 1
            try:
                provider.send(nid, item.body)  # the notification id is the key
            except ProviderRejected:
                breaker.record(permit, ok=True)  # the provider is fine; we are not
                out.dead[nid] = "rejected"
                return
            except ProviderDown:
                breaker.record(permit, ok=False)
                continue  # certainly not sent: fail over now
            except ProviderAmbiguous:
                breaker.record(permit, ok=False)
                out.ambiguous[nid] += 1
                if provider.dedupes:
                    self._pinned[nid] = provider  # retry here, same key, later
                    break
                if self._on_ambiguous == "dead-letter":
                    out.dead[nid] = "unknown"  # a retry could send twice
                    return
                continue  # "retry": fail over now, a duplicate accepted
            breaker.record(permit, ok=True)
            out.sent[nid] = provider.name
            self._pinned.pop(nid, None)
            return
        self._retry_later(item)

    # --8<-- [end:attempt]

    def _retry_later(self, item: _Due) -> None:
        nid = item.notification_id
        tries = self._attempts.get(nid, 0)
        if tries >= self._policy.max_attempts:
            maybe = nid in self.outcome.ambiguous
            self.outcome.dead[nid] = "unknown" if maybe else "not sent"
            return
        wait = self._policy.wait_ms(tries, self._rng)
        self._push(self._clock() + max(1, wait), nid, item.body)

    def _push(self, due_ms: int, notification_id: str, body: str) -> None:
        self._seq += 1
        heapq.heappush(self._due, _Due(due_ms, self._seq, notification_id, body))
