"""Sliding-window counter: two fixed-window counts, the older one weighted down."""

from __future__ import annotations

from dataclasses import dataclass

from examples.machine_coding.rate_limiter.keyed import KeyedLimiter
from examples.machine_coding.rate_limiter.ticks import window_start


# --8<-- [start:sliding_counter]
@dataclass(slots=True)
class TwoWindows:
    start: int  # the first tick of the aligned window `current` counts
    current: int
    previous: int  # what the window before it used


class SlidingCounterLimiter(KeyedLimiter[TwoWindows]):
    """Approximates a sliding window in O(1) memory per key.

    estimate = previous * (share of the previous window still inside the
    sliding window) + current. It assumes the previous window's requests were
    spread evenly; when they were bunched at its end, up to 2x `limit` can
    pass in some interval of `window` seconds (never more than `limit` in one
    aligned window). Multiplied through by the window length, the estimate
    is an integer, so the comparison with the limit is exact.
    """

    def _fresh(self, now: int) -> TwoWindows:
        return TwoWindows(start=window_start(now, self._window), current=0, previous=0)

    def _catch_up(self, state: TwoWindows, now: int) -> None:
        start = window_start(now, self._window)
        if start != state.start:
            next_one = start == state.start + self._window
            state.previous = state.current if next_one else 0
            state.start, state.current = start, 0

    def _room(self, state: TwoWindows, now: int) -> int:
        # (limit - estimate) * window, with the weight (window - elapsed) / window
        spare = self._limit * self._window - state.previous * self._overlap(state, now)
        return max(0, spare // self._window - state.current)

    def _spend(self, state: TwoWindows, now: int, cost: int) -> None:
        state.current += cost

    def _fits_at(self, state: TwoWindows, now: int, cost: int) -> int:
        window = self._window
        spare = self._limit - cost - state.current
        if spare >= 0:
            if state.previous == 0:
                return now
            # The first elapsed tick at which previous * (window - e) <= spare * window.
            elapsed = max(window - spare * window // state.previous, now - state.start)
            if elapsed < window:
                return state.start + elapsed
        # In the next window this window's count is the one weighted down.
        spare = self._limit - cost
        if state.current == 0:
            return state.start + window
        elapsed = max(0, window - spare * window // state.current)
        return state.start + window + elapsed  # at most two windows away

    def _full_at(self, state: TwoWindows, now: int) -> int:
        if state.current:
            return state.start + 2 * self._window
        if state.previous:
            return state.start + self._window
        return now

    def _overlap(self, state: TwoWindows, now: int) -> int:
        """Ticks of the previous window still inside the sliding window ending at `now`."""
        return self._window - (now - state.start)


# --8<-- [end:sliding_counter]
