"""Leaky bucket as a queue: admitted requests drain out at a constant rate."""

from __future__ import annotations

from dataclasses import dataclass

from examples.machine_coding.rate_limiter.keyed import KeyedLimiter
from examples.machine_coding.rate_limiter.ticks import ceil_div


# --8<-- [start:leaky_bucket]
@dataclass(slots=True)
class Queue:
    # Units waiting (including the one being served), counted in 1/window-ths
    # of a unit so that exactly `limit` of them drain each tick.
    level: int
    updated_at: int


class LeakyBucketLimiter(KeyedLimiter[Queue]):
    """The queue variant: holds up to `limit` units and serves `limit / window` per second.

    An admitted request gets `delay`, the time until the units ahead of it have
    drained; serve it then, and the output is smooth however bursty the input.
    Ignore `delay` and you have the meter variant, which admits exactly what a
    token bucket with the same limit and window admits: its level is always
    the token bucket's missing credit.
    """

    def _fresh(self, now: int) -> Queue:
        return Queue(level=0, updated_at=now)

    def _catch_up(self, state: Queue, now: int) -> None:
        drained = (now - state.updated_at) * self._limit
        state.level = max(0, state.level - drained)
        state.updated_at = now

    def _room(self, state: Queue, now: int) -> int:
        return (self._limit * self._window - state.level) // self._window

    def _served_at(self, state: Queue, now: int) -> int:
        return now + ceil_div(state.level, self._limit)  # the units ahead drain first

    def _spend(self, state: Queue, now: int, cost: int) -> None:
        state.level += cost * self._window

    def _fits_at(self, state: Queue, now: int, cost: int) -> int:
        overflow = state.level + cost * self._window - self._limit * self._window
        return now + ceil_div(overflow, self._limit) if overflow > 0 else now

    def _full_at(self, state: Queue, now: int) -> int:
        return now + ceil_div(state.level, self._limit)


# --8<-- [end:leaky_bucket]
