"""Sliding-window counter: two fixed-window counts, the older one weighted down."""

from __future__ import annotations

import math
from dataclasses import dataclass

from examples.machine_coding.rate_limiter.decision import Decision, whole_units
from examples.machine_coding.rate_limiter.keyed import KeyedLimiter


# --8<-- [start:sliding_counter]
@dataclass(slots=True)
class TwoWindows:
    index: int  # the aligned window `current` belongs to
    current: int
    previous: int  # what the window before `index` used


class SlidingCounterLimiter(KeyedLimiter[TwoWindows]):
    """Approximates a sliding window in O(1) memory per key.

    estimate = previous * (share of the previous window still inside the
    sliding window) + current. It assumes the previous window's requests were
    spread evenly; when they were bunched at its end, up to 2x `limit` can
    pass in some interval of `window` seconds (never more than `limit` in one
    aligned window).
    """

    def _fresh(self, now: float) -> TwoWindows:
        return TwoWindows(index=self._index(now), current=0, previous=0)

    def _decide(self, state: TwoWindows, now: float, cost: int) -> Decision:
        index = self._index(now)
        state.previous, state.current = self._counts_at(state, index)
        state.index = index
        estimate = state.previous * self._previous_weight(index, now) + state.current
        if estimate + cost <= self._limit:
            state.current += cost
            return Decision(
                allowed=True,
                limit=self._limit,
                remaining=whole_units(self._limit - estimate - cost),
                retry_after=0.0,
                reset_after=self._reset_after(state, now),
            )
        return Decision(
            allowed=False,
            limit=self._limit,
            remaining=whole_units(self._limit - estimate),
            retry_after=self._wait_for(state, now, cost),
            reset_after=self._reset_after(state, now),
        )

    def _wait_for(self, state: TwoWindows, now: float, cost: int) -> float:
        start = state.index * self._window
        room = self._limit - cost - state.current
        if room >= 0:
            # Enough of the previous window slides out before this one ends.
            return start + self._window * (1 - room / state.previous) - now
        # Only the next window helps; there, this window's count is `previous`.
        fraction = 1 - (self._limit - cost) / state.current
        return start + self._window * (1 + fraction) - now

    def _reset_after(self, state: TwoWindows, now: float) -> float:
        index = self._index(now)
        previous, current = self._counts_at(state, index)
        if current:
            return max(0.0, (index + 2) * self._window - now)
        if previous:
            return max(0.0, (index + 1) * self._window - now)
        return 0.0

    def _counts_at(self, state: TwoWindows, index: int) -> tuple[int, int]:
        """(previous, current) as seen from window `index`, without mutating."""
        if index == state.index:
            return state.previous, state.current
        if index == state.index + 1:
            return state.current, 0
        return 0, 0

    def _previous_weight(self, index: int, now: float) -> float:
        elapsed = (now - index * self._window) / self._window
        return 1.0 - min(max(elapsed, 0.0), 1.0)

    def _index(self, now: float) -> int:
        return math.floor(now / self._window)


# --8<-- [end:sliding_counter]
