"""Fixed window: one counter per key per aligned window [k*w, (k+1)*w)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.keyed import KeyedLimiter


# --8<-- [start:fixed_window]
@dataclass(slots=True)
class WindowCount:
    index: int  # which aligned window: floor(now / window)
    used: int


class FixedWindowLimiter(KeyedLimiter[WindowCount]):
    """At most `limit` units in each aligned window; O(1) time and memory per key.

    Cheap and easy to explain, but a client can spend `limit` at the end of
    one window and `limit` again at the start of the next: 2x in a moment.
    """

    def _fresh(self, now: float) -> WindowCount:
        return WindowCount(index=self._index(now), used=0)

    def _decide(self, state: WindowCount, now: float, cost: int) -> Decision:
        index = self._index(now)
        if index != state.index:  # a new window starts with nothing used
            state.index, state.used = index, 0
        until_next_window = max(0.0, (index + 1) * self._window - now)
        if state.used + cost <= self._limit:
            state.used += cost
            return Decision(
                allowed=True,
                limit=self._limit,
                remaining=self._limit - state.used,
                retry_after=0.0,
                reset_after=until_next_window,
            )
        return Decision(
            allowed=False,
            limit=self._limit,
            remaining=self._limit - state.used,
            retry_after=until_next_window,
            reset_after=until_next_window,
        )

    def _reset_after(self, state: WindowCount, now: float) -> float:
        index = self._index(now)
        if state.used == 0 or index != state.index:
            return 0.0
        return max(0.0, (index + 1) * self._window - now)

    def _index(self, now: float) -> int:
        return math.floor(now / self._window)


# --8<-- [end:fixed_window]
