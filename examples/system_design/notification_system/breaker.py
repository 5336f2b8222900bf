"""A circuit breaker per provider: stop calling one that keeps failing, probe it later.

Closed: calls go through and consecutive failures are counted. `threshold`
failures in a row open it: calls are refused for `cooldown_ms`, so workers
move to the next provider at once instead of waiting on timeouts. After the
cool-down it is half-open: one probe call goes through; success closes it,
failure opens it again for another cool-down. Time comes from an injected
clock in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

State = Literal["closed", "open", "half-open"]


# --8<-- [start:breaker]
class CircuitBreaker:
    def __init__(
        self, clock: Callable[[], int], *, threshold: int = 5, cooldown_ms: int = 30_000
    ) -> None:
        if threshold < 1 or cooldown_ms < 1:
            raise ValueError("threshold and cooldown_ms must be at least 1")
        self._clock, self._threshold, self._cooldown = clock, threshold, cooldown_ms
        self._failures = 0
        self._opened_at: int | None = None
        self._probing = False
        self.events: list[tuple[int, str]] = []  # (ms, what happened), for dashboards

    @property
    def state(self) -> State:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self._cooldown:
            return "half-open"
        return "open"

    def allow(self) -> bool:
        """May a call go to this provider now? In half-open, only one probe at a time."""
        state = self.state
        if state == "closed":
            return True
        if state == "half-open" and not self._probing:
            self._probing = True
            return True
        return False

    def record(self, ok: bool) -> None:
        self._probing = False
        now = self._clock()
        if ok:
            if self._opened_at is not None:
                self.events.append((now, "probe ok: closed"))
            self._failures, self._opened_at = 0, None
            return
        self._failures += 1
        if self._opened_at is not None:
            self._opened_at = now
            self.events.append((now, "probe failed: open again"))
        elif self._failures >= self._threshold:
            self._opened_at = now
            self.events.append((now, f"{self._failures} failures in a row: open"))

    # --8<-- [end:breaker]
