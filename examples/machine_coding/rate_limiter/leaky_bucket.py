"""Leaky bucket as a queue: admitted requests drain out at a constant rate."""

from __future__ import annotations

from dataclasses import dataclass

from examples.machine_coding.clock import Clock
from examples.machine_coding.rate_limiter.decision import Decision, whole_units
from examples.machine_coding.rate_limiter.keyed import KeyedLimiter


# --8<-- [start:leaky_bucket]
@dataclass(slots=True)
class Queue:
    level: float  # units waiting in the bucket, including the one being served
    updated_at: float


class LeakyBucketLimiter(KeyedLimiter[Queue]):
    """The queue variant: holds up to `limit` units and serves `limit / window` per second.

    An admitted request gets `delay`, the time until the units ahead of it have
    drained; serve it then, and the output is smooth however bursty the input.
    Ignore `delay` and you have the meter variant, which admits exactly what a
    token bucket with the same limit and window admits.
    """

    def __init__(self, limit: int, window: float, *, clock: Clock) -> None:
        super().__init__(limit, window, clock=clock)
        self._rate = self._limit / self._window  # units drained per second

    def _fresh(self, now: float) -> Queue:
        return Queue(level=0.0, updated_at=now)

    def _decide(self, state: Queue, now: float, cost: int) -> Decision:
        state.level = self._level_at(state, now)
        state.updated_at = now
        if state.level + cost <= self._limit:
            delay = state.level / self._rate  # the units ahead must drain first
            state.level += cost
            return Decision(
                allowed=True,
                limit=self._limit,
                remaining=whole_units(self._limit - state.level),
                retry_after=0.0,
                reset_after=state.level / self._rate,
                delay=delay,
            )
        return Decision(
            allowed=False,
            limit=self._limit,
            remaining=whole_units(self._limit - state.level),
            retry_after=(state.level + cost - self._limit) / self._rate,
            reset_after=state.level / self._rate,
        )

    def _level_at(self, state: Queue, now: float) -> float:
        return max(0.0, state.level - (now - state.updated_at) * self._rate)

    def _reset_after(self, state: Queue, now: float) -> float:
        return self._level_at(state, now) / self._rate


# --8<-- [end:leaky_bucket]
