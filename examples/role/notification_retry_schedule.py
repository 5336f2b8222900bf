"""Retry spacing for a notification worker: capped exponential backoff, full jitter.

The policy values below are illustrative design choices for two channels, not
measured facts. What the file shows is the arithmetic a reviewer can check:
how fast the ceiling grows, where the cap bites, and when the deadline stops
retries so a stale message goes to the dead-letter queue instead.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

# Past this many doublings the cap has long since applied; stopping here keeps
# the float arithmetic finite for absurd retry numbers.
_MAX_DOUBLINGS = 62


@dataclass(frozen=True)
class RetryPolicy:
    """How long a worker waits before each retry of one delivery.

    Attributes:
        base_delay_s: ceiling of the wait before the first retry, in seconds.
        max_delay_s: no single wait is longer than this.
        max_retries: retries after the first attempt; then the message is dead-lettered.
        deadline_s: total waiting allowed; a late OTP is worse than no OTP.
    """

    base_delay_s: float
    max_delay_s: float
    max_retries: int
    deadline_s: float

    def __post_init__(self) -> None:
        if self.base_delay_s <= 0:
            raise ValueError("base_delay_s must be positive")
        if self.max_delay_s < self.base_delay_s:
            raise ValueError("max_delay_s must be at least base_delay_s")
        if self.max_retries < 0:
            raise ValueError("max_retries must not be negative")
        if self.deadline_s <= 0:
            raise ValueError("deadline_s must be positive")

    # --8<-- [start:policy]
    def ceiling(self, retry: int) -> float:
        """Longest wait before retry number `retry` (1-based): base * 2**(retry-1), capped."""
        if retry < 1:
            raise ValueError("retry numbers start at 1")
        doublings = min(retry - 1, _MAX_DOUBLINGS)
        return min(self.max_delay_s, self.base_delay_s * 2**doublings)

    def ceilings(self) -> list[float]:
        """The ceiling before every retry the policy allows, in order."""
        return [self.ceiling(r) for r in range(1, self.max_retries + 1)]

    def delay(self, retry: int, rng: random.Random | None) -> float:
        """Full jitter: any wait from 0 to the ceiling, so workers that failed together
        do not retry together. With `rng` None, the plain ceiling (no jitter)."""
        ceiling = self.ceiling(retry)
        return ceiling if rng is None else rng.uniform(0, ceiling)

    def schedule(self, rng: random.Random | None) -> list[float]:
        """Waits before each retry; stops at max_retries or before the deadline passes."""
        waits: list[float] = []
        waited = 0.0
        for retry in range(1, self.max_retries + 1):
            wait = self.delay(retry, rng)
            if waited + wait > self.deadline_s:
                break
            waited += wait
            waits.append(wait)
        return waits

    # --8<-- [end:policy]


# --8<-- [start:channels]
# Illustrative choices: an OTP is useless after a minute or two, while a
# receipt email can arrive hours late and still be worth sending.
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
    sms_waits = [round(w, 1) for w in sms.schedule(rng)]
    email_waits = [round(w, 1) for w in email.schedule(rng)]
    # Full jitter waits half the ceiling on average; the sum of ceilings is the worst case.
    print(f"sms ceilings {sms.ceilings()}, sum {sum(sms.ceilings())} s")
    #> sms ceilings [1, 2, 4, 8, 16, 16], sum 47 s
    print(f"sms seeded waits {sms_waits}, sum {sum(sms_waits):.1f} s")
    #> sms seeded waits [0.3, 0.3, 2.6, 0.6, 8.6, 5.9], sum 18.3 s
    print(f"email ceilings {email.ceilings()}")
    #> email ceilings [30, 60, 120, 240, 480, 960, 1800, 1800]
    print(f"email worst case {sum(email.ceilings()) / 60} min")
    #> email worst case 91.5 min
    print(f"email seeded waits {email_waits}")
    #> email seeded waits [1.7, 30.4, 4.5, 104.1, 33.5, 87.1, 764.1, 1488.3]
    # --8<-- [end:demo]
