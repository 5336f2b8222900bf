"""Retry spacing for a notification worker: capped exponential backoff, full jitter.

The policy values below are illustrative design choices for two channels, not
measured facts. What the file shows is the arithmetic a reviewer can check:
how fast the ceiling grows, where the cap bites, and when the deadline stops
retries so a stale message goes to the dead-letter queue instead.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass


# --8<-- [start:policy]
@dataclass(frozen=True)
class RetryPolicy:
    """How long a worker waits before each retry of one delivery.

    Attributes:
        base_delay_s: ceiling of the wait before the first retry, in seconds.
        max_delay_s: no single wait is longer than this (except for Retry-After).
        max_retries: retries after the first attempt; then the message is dead-lettered.
        deadline_s: no retry starts later than this many seconds after the first
            attempt started. The attempts' own time counts, not only the waits.
    """

    base_delay_s: float
    max_delay_s: float
    max_retries: int
    deadline_s: float

    def __post_init__(self) -> None:
        for name in ("base_delay_s", "max_delay_s", "deadline_s"):
            value = getattr(self, name)
            if not (value > 0 and math.isfinite(value)):  # refuses NaN too
                raise ValueError(f"{name} must be a positive, finite number")
        if self.max_delay_s < self.base_delay_s:
            raise ValueError("max_delay_s must be at least base_delay_s")
        if type(self.max_retries) is not int or self.max_retries < 0:
            raise ValueError("max_retries must be a whole number, 0 or more")

    def ceiling(self, retry: int) -> float:
        """Longest wait before retry number `retry` (1-based): base * 2**(retry-1), capped."""
        if retry < 1:
            raise ValueError("retry numbers start at 1")
        ceiling = self.base_delay_s
        for _ in range(retry - 1):
            if ceiling >= self.max_delay_s:
                break  # stop doubling at the cap: no overflow, whatever `retry` is
            ceiling *= 2
        return min(ceiling, self.max_delay_s)

    def ceilings(self) -> list[float]:
        """The ceiling before every retry the policy allows, in order."""
        return [self.ceiling(r) for r in range(1, self.max_retries + 1)]

    def delay(self, retry: int, rng: random.Random | None) -> float:
        """Full jitter: any wait from 0 to the ceiling, so workers that failed together
        do not retry together. With `rng` None, the plain ceiling (no jitter)."""
        ceiling = self.ceiling(retry)
        return ceiling if rng is None else rng.uniform(0, ceiling)

    def next_wait(
        self,
        retry: int,
        elapsed_s: float,
        rng: random.Random | None,
        retry_after_s: float | None = None,
    ) -> float | None:
        """The wait before retry number `retry`, or None: dead-letter the message.

        `elapsed_s` is the time since the first attempt started, read from the
        worker's clock. `retry_after_s` is the provider's Retry-After, if its
        429 or 503 sent one: the worker never retries sooner than asked.
        """
        if not elapsed_s >= 0:  # refuses NaN too
            raise ValueError("elapsed_s must not be negative")
        if retry > self.max_retries:
            return None
        wait = self.delay(retry, rng)
        if retry_after_s is not None:
            wait = max(wait, retry_after_s)
        if elapsed_s + wait > self.deadline_s:
            return None
        return wait

    def schedule(
        self, rng: random.Random | None, attempt_s: float = 0.0
    ) -> list[float]:
        """Every wait, if every attempt fails after `attempt_s` seconds (a timeout)."""
        if not attempt_s >= 0:
            raise ValueError("attempt_s must not be negative")
        waits: list[float] = []
        elapsed = attempt_s  # the first attempt has just failed
        while (wait := self.next_wait(len(waits) + 1, elapsed, rng)) is not None:
            waits.append(wait)
            elapsed += wait + attempt_s
        return waits

    # --8<-- [end:policy]


# --8<-- [start:channels]
# Illustrative choices: an OTP is useless once its code expires, often within
# minutes, while a receipt email can arrive hours late and still be worth sending.
POLICIES = {
    "sms_otp": RetryPolicy(
        base_delay_s=1, max_delay_s=16, max_retries=6, deadline_s=30
    ),
    "email_receipt": RetryPolicy(
        base_delay_s=30, max_delay_s=1800, max_retries=8, deadline_s=6 * 3600
    ),
}
# --8<-- [end:channels]

if __name__ == "__main__":
    # --8<-- [start:demo]
    rng = random.Random(7)  # seeded so the page shows the same schedule every run
    sms, email = POLICIES["sms_otp"], POLICIES["email_receipt"]
    sms_waits = sms.schedule(rng)
    email_waits = email.schedule(rng)
    # Full jitter waits half the ceiling on average; the sum of ceilings is the worst case.
    print(f"sms ceilings {sms.ceilings()}, sum {sum(sms.ceilings())} s")
    #> sms ceilings [1, 2, 4, 8, 16, 16], sum 47 s
    # Each wait is rounded for display; the sum is of the exact waits.
    print(f"sms seeded waits {[round(w, 1) for w in sms_waits]}")
    #> sms seeded waits [0.3, 0.3, 2.6, 0.6, 8.6, 5.9]
    print(f"sms last retry starts at {sum(sms_waits):.1f} s")
    #> sms last retry starts at 18.2 s
    print(f"sms waits without jitter {sms.schedule(None)}")
    #> sms waits without jitter [1, 2, 4, 8]
    print(f"sms waits if each attempt takes 5 s {sms.schedule(None, attempt_s=5)}")
    #> sms waits if each attempt takes 5 s [1, 2, 4]
    print(f"email ceilings {email.ceilings()}")
    #> email ceilings [30, 60, 120, 240, 480, 960, 1800, 1800]
    print(f"email worst case {sum(email.ceilings()) / 60} min")
    #> email worst case 91.5 min
    print(f"email seeded waits {[round(w, 1) for w in email_waits]}")
    #> email seeded waits [1.7, 30.4, 4.5, 104.1, 33.5, 87.1, 764.1, 1488.3]
    # --8<-- [end:demo]
