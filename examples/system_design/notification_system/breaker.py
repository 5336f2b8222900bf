"""A circuit breaker per provider: stop calling one that keeps failing, probe it later.

Closed: calls go through and consecutive failures are counted. `threshold`
failures in a row open it: calls are refused for `cooldown_ms`, so workers
move to the next provider at once instead of waiting on timeouts. After the
cool-down it is half-open: one probe call goes through; success closes it,
failure opens it again for another cool-down.

`allow()` hands out a `Permit`, and `record()` takes it back, so a result
counts only for the state it was issued in: a call allowed while closed that
finishes after the breaker opened changes nothing, and only the current
probe can close it. A probe whose caller never reports (it crashed, or
raised something unexpected) is abandoned after `probe_timeout_ms` and the
next caller probes instead. Workers share one breaker per provider, so every
method holds a lock. Time comes from an injected clock in milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

State = Literal["closed", "open", "half-open"]


@dataclass(frozen=True)
class Permit:
    """Leave to make one call; hand it back to `record` with the result."""

    token: int
    probe: bool


# --8<-- [start:breaker]
class CircuitBreaker:
    def __init__(
        self,
        clock: Callable[[], int],
        *,
        threshold: int = 5,
        cooldown_ms: int = 30_000,
        probe_timeout_ms: int = 10_000,
    ) -> None:
        if min(threshold, cooldown_ms, probe_timeout_ms) < 1:
            raise ValueError("threshold, cooldown_ms, probe_timeout_ms must be >= 1")
        self._clock, self._threshold = clock, threshold
        self._cooldown, self._probe_timeout = cooldown_ms, probe_timeout_ms
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: int | None = None
        self._token = 0  # changes on every open, close and probe
        self._probe: tuple[int, int] | None = None  # (token, deadline ms)
        self.events: list[tuple[int, str]] = []  # (ms, what happened), for dashboards

    @property
    def state(self) -> State:
        with self._lock:
            return self._state(self._clock())

    def _state(self, now: int) -> State:
        if self._opened_at is None:
            return "closed"
        return "half-open" if now - self._opened_at >= self._cooldown else "open"

    def allow(self) -> Permit | None:
        """A permit to call now, or None. Half-open: one probe at a time."""
        with self._lock:
            now = self._clock()
            state = self._state(now)
            if state == "closed":
                return Permit(self._token, probe=False)
            if state == "open" or (self._probe and now < self._probe[1]):
                return None
            self._token += 1  # a probe past its deadline is abandoned
            self._probe = (self._token, now + self._probe_timeout)
            return Permit(self._token, probe=True)

    def record(self, permit: Permit, ok: bool) -> None:
        with self._lock:
            now = self._clock()
            if permit.probe:
                if self._probe is None or permit.token != self._probe[0]:
                    return  # an abandoned probe reporting late
                self._probe = None
                self._token += 1
                if ok:
                    self._failures, self._opened_at = 0, None
                    self.events.append((now, "probe ok: closed"))
                else:
                    self._opened_at = now
                    self.events.append((now, "probe failed: open again"))
            elif permit.token == self._token and self._opened_at is None:
                self._failures = 0 if ok else self._failures + 1
                if self._failures >= self._threshold:
                    self._opened_at, self._token = now, self._token + 1
                    self.events.append(
                        (now, f"{self._failures} failures in a row: open")
                    )
            # else: allowed while closed, finished after it opened: ignored

    # --8<-- [end:breaker]
