"""Sliding-window log: remember every admitted request still inside the window."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.keyed import KeyedLimiter


# --8<-- [start:sliding_log]
@dataclass(slots=True)
class RequestLog:
    # (admitted_at, cost) pairs, oldest first
    entries: deque[tuple[float, int]] = field(default_factory=deque)
    used: int = 0  # the sum of the costs in `entries`, kept so no call re-adds them


class SlidingLogLimiter(KeyedLimiter[RequestLog]):
    """Exact: at most `limit` units in ANY interval of `window` seconds.

    A request admitted at time t counts against every request until t + window.
    The price is memory: up to `limit` entries per key.
    """

    def _fresh(self, now: float) -> RequestLog:
        return RequestLog()

    def _decide(self, state: RequestLog, now: float, cost: int) -> Decision:
        self._expire(state, now)
        if state.used + cost <= self._limit:
            state.entries.append((now, cost))
            state.used += cost
            return Decision(
                True, self._limit, self._limit - state.used, 0.0, self._window
            )
        return Decision(
            allowed=False,
            limit=self._limit,
            remaining=self._limit - state.used,
            retry_after=self._wait_for(state, now, cost),
            reset_after=self._reset_after(state, now),
        )

    def _expire(self, state: RequestLog, now: float) -> None:
        # Each entry is appended once and popped once: amortized O(1) per call.
        while state.entries and now - state.entries[0][0] >= self._window:
            _, cost = state.entries.popleft()
            state.used -= cost

    def _wait_for(self, state: RequestLog, now: float, cost: int) -> float:
        # Walk from the oldest entry until enough units will have expired.
        # cost <= limit, so this stops within `cost` entries.
        must_free = state.used + cost - self._limit
        freed = 0
        for admitted_at, entry_cost in state.entries:
            freed += entry_cost
            if freed >= must_free:
                return admitted_at + self._window - now
        raise AssertionError("unreachable: the whole log frees at least `cost` units")

    def _reset_after(self, state: RequestLog, now: float) -> float:
        if not state.entries:
            return 0.0
        return max(0.0, state.entries[-1][0] + self._window - now)


# --8<-- [end:sliding_log]
