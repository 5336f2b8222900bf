"""Fixed window: one counter per key per aligned window [k*w, (k+1)*w)."""

from __future__ import annotations

from dataclasses import dataclass

from examples.machine_coding.rate_limiter.keyed import KeyedLimiter
from examples.machine_coding.rate_limiter.ticks import window_start


# --8<-- [start:fixed_window]
@dataclass(slots=True)
class WindowCount:
    ends_at: int  # the first tick after the window this count belongs to
    used: int


class FixedWindowLimiter(KeyedLimiter[WindowCount]):
    """At most `limit` units in each aligned window; O(1) time and memory per key.

    Cheap and easy to explain, but a client can spend `limit` at the end of
    one window and `limit` again at the start of the next: 2x in a moment.
    """

    def _fresh(self, now: int) -> WindowCount:
        return WindowCount(ends_at=self._window_end(now), used=0)

    def _catch_up(self, state: WindowCount, now: int) -> None:
        if now >= state.ends_at:  # a new window starts with nothing used
            state.ends_at, state.used = self._window_end(now), 0

    def _room(self, state: WindowCount, now: int) -> int:
        return self._limit - state.used

    def _spend(self, state: WindowCount, now: int, cost: int) -> None:
        state.used += cost

    def _fits_at(self, state: WindowCount, now: int, cost: int) -> int:
        # The next window starts empty, and cost <= limit always fits there.
        return now if state.used + cost <= self._limit else state.ends_at

    def _full_at(self, state: WindowCount, now: int) -> int:
        return state.ends_at if state.used else now

    def _window_end(self, now: int) -> int:
        """The one place window edges are computed: the end of the window holding `now`."""
        return window_start(now, self._window) + self._window


# --8<-- [end:fixed_window]
