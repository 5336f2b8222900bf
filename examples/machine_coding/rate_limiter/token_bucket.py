"""Token bucket: tokens refill at a steady rate; each request spends some."""

from __future__ import annotations

from dataclasses import dataclass

from examples.machine_coding.rate_limiter.keyed import KeyedLimiter
from examples.machine_coding.rate_limiter.ticks import ceil_div


# --8<-- [start:token_bucket]
@dataclass(slots=True)
class Bucket:
    # Tokens counted in 1/window-ths of a token, so that each tick adds exactly
    # `limit` of them: a whole token is `window` credit, a full bucket holds
    # limit * window. Integers, so refills never drift or round.
    credit: int
    updated_at: int


class TokenBucketLimiter(KeyedLimiter[Bucket]):
    """A bucket of `limit` tokens that refills completely in `window` seconds.

    Allows bursts up to `limit`, then a sustained `limit / window` per second.
    Tokens are computed lazily from elapsed time: no timer, no background thread.
    """

    def _fresh(self, now: int) -> Bucket:
        return Bucket(credit=self._limit * self._window, updated_at=now)

    def _catch_up(self, state: Bucket, now: int) -> None:
        refill = (now - state.updated_at) * self._limit
        state.credit = min(self._limit * self._window, state.credit + refill)
        state.updated_at = now

    def _room(self, state: Bucket, now: int) -> int:
        return state.credit // self._window  # whole tokens

    def _spend(self, state: Bucket, now: int, cost: int) -> None:
        state.credit -= cost * self._window

    def _fits_at(self, state: Bucket, now: int, cost: int) -> int:
        missing = cost * self._window - state.credit
        return now + ceil_div(missing, self._limit) if missing > 0 else now

    def _full_at(self, state: Bucket, now: int) -> int:
        return now + ceil_div(self._limit * self._window - state.credit, self._limit)


# --8<-- [end:token_bucket]
