"""Sliding-window log: remember every admitted request still inside the window."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from examples.machine_coding.rate_limiter.keyed import KeyedLimiter


# --8<-- [start:sliding_log]
@dataclass(slots=True)
class RequestLog:
    # (admitted_at tick, cost) pairs, oldest first
    entries: deque[tuple[int, int]] = field(default_factory=deque)
    used: int = 0  # the sum of the costs in `entries`, kept so no call re-adds them


class SlidingLogLimiter(KeyedLimiter[RequestLog]):
    """Exact: at most `limit` units in ANY interval of `window` seconds.

    A request admitted at tick t counts until t + window, exclusive. The
    price is memory: up to `limit` entries per key.
    """

    def _fresh(self, now: int) -> RequestLog:
        return RequestLog()

    def _catch_up(self, state: RequestLog, now: int) -> None:
        # Each entry is appended once and popped once: amortized O(1) per call.
        while state.entries and state.entries[0][0] + self._window <= now:
            _, cost = state.entries.popleft()
            state.used -= cost

    def _room(self, state: RequestLog, now: int) -> int:
        return self._limit - state.used

    def _spend(self, state: RequestLog, now: int, cost: int) -> None:
        state.entries.append((now, cost))
        state.used += cost

    def _fits_at(self, state: RequestLog, now: int, cost: int) -> int:
        must_free = state.used + cost - self._limit
        if must_free <= 0:
            return now
        # Walk from the oldest entry until enough units will have expired.
        # cost <= limit, so this stops within `cost` entries.
        freed = 0
        for admitted_at, entry_cost in state.entries:
            freed += entry_cost
            if freed >= must_free:
                return admitted_at + self._window
        raise AssertionError("unreachable: the whole log frees at least `cost` units")

    def _full_at(self, state: RequestLog, now: int) -> int:
        return state.entries[-1][0] + self._window if state.entries else now


# --8<-- [end:sliding_log]
