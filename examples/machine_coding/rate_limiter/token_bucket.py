"""Token bucket: tokens refill at a steady rate; each request spends some."""

from __future__ import annotations

from dataclasses import dataclass

from examples.machine_coding.clock import Clock
from examples.machine_coding.rate_limiter.decision import Decision, whole_units
from examples.machine_coding.rate_limiter.keyed import KeyedLimiter


# --8<-- [start:token_bucket]
@dataclass(slots=True)
class Bucket:
    tokens: float
    updated_at: float


class TokenBucketLimiter(KeyedLimiter[Bucket]):
    """A bucket of `limit` tokens that refills completely in `window` seconds.

    Allows bursts up to `limit`, then a sustained `limit / window` per second.
    Tokens are computed lazily from elapsed time: no timer, no background thread.
    """

    def __init__(self, limit: int, window: float, *, clock: Clock) -> None:
        super().__init__(limit, window, clock=clock)
        self._rate = self._limit / self._window  # tokens per second

    def _fresh(self, now: float) -> Bucket:
        return Bucket(tokens=float(self._limit), updated_at=now)

    def _decide(self, state: Bucket, now: float, cost: int) -> Decision:
        state.tokens = self._tokens_at(state, now)
        state.updated_at = now
        if state.tokens >= cost:
            state.tokens -= cost
            return Decision(
                allowed=True,
                limit=self._limit,
                remaining=whole_units(state.tokens),
                retry_after=0.0,
                reset_after=(self._limit - state.tokens) / self._rate,
            )
        return Decision(
            allowed=False,
            limit=self._limit,
            remaining=whole_units(state.tokens),
            retry_after=(cost - state.tokens) / self._rate,
            reset_after=(self._limit - state.tokens) / self._rate,
        )

    def _tokens_at(self, state: Bucket, now: float) -> float:
        return min(
            float(self._limit), state.tokens + (now - state.updated_at) * self._rate
        )

    def _reset_after(self, state: Bucket, now: float) -> float:
        return (self._limit - self._tokens_at(state, now)) / self._rate


# --8<-- [end:token_bucket]
