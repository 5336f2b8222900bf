"""Plumbing every algorithm shares: validation, one lock, per-key state, eviction.

Each algorithm subclasses `KeyedLimiter` and supplies three small methods:
`_fresh` (the state of a key seen for the first time), `_decide` (admit or
refuse, updating the state only on admission) and `_reset_after` (how long
until the key is back to a full quota). The base class does the rest.
"""

from __future__ import annotations

import math
import threading
from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from examples.machine_coding.clock import Clock
from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.validation import (
    check_cost,
    check_key,
    check_limit,
    check_window,
)

StateT = TypeVar("StateT")

MIN_SWEEP_INTERVAL = 1024


# --8<-- [start:allow]
class KeyedLimiter(ABC, Generic[StateT]):
    """A rate limiter with independent state per key, safe to share between threads.

    One lock guards the whole key table. The critical section is a dict lookup
    and a few arithmetic operations, so one lock costs little and keeps
    eviction simple: no thread can hold a key's state while it is removed.
    """

    def __init__(self, limit: int, window: float, *, clock: Clock) -> None:
        self._limit = check_limit(limit)
        self._window = check_window(window)
        self._clock = clock
        self._lock = threading.Lock()
        self._states: dict[str, StateT] = {}
        self._latest = -math.inf
        self._calls_since_sweep = 0
        self._sweep_due = MIN_SWEEP_INTERVAL

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def window(self) -> float:
        return self._window

    def allow(self, key: str, cost: int = 1) -> Decision:
        """Spend `cost` units of `key`'s quota if available; never blocks on time."""
        check_key(key)
        check_cost(cost, self._limit)
        with self._lock:
            # Read the clock under the lock: two threads that read it outside
            # could apply their timestamps out of order.
            now = self._now()
            state = self._states.get(key)
            if state is None:
                state = self._states[key] = self._fresh(now)
            decision = self._decide(state, now, cost)
            self._maybe_sweep(now)
        return decision

    def _now(self) -> float:
        now = float(self._clock())
        if not math.isfinite(now):
            raise ValueError(
                f"the clock returned {now!r}; limiters need finite seconds"
            )
        # A clock that steps back (a wall clock after an NTP fix) must not
        # reorder events or hand out quota twice: hold time at its maximum.
        self._latest = max(self._latest, now)
        return self._latest

    @abstractmethod
    def _fresh(self, now: float) -> StateT:
        """The state of a key the limiter has not seen (or has evicted)."""

    @abstractmethod
    def _decide(self, state: StateT, now: float, cost: int) -> Decision:
        """Admit or refuse; must not consume quota when it refuses."""

    @abstractmethod
    def _reset_after(self, state: StateT, now: float) -> float:
        """Seconds until `state` is back to a full quota (0 if it already is)."""

    # --8<-- [end:allow]

    # --8<-- [start:eviction]
    @property
    def tracked_keys(self) -> int:
        """How many keys currently hold state."""
        with self._lock:
            return len(self._states)

    def evict_idle(self) -> int:
        """Drop every key whose quota is full again; return how many were dropped.

        An idle key's state equals a fresh one, so dropping it never changes a
        later decision: eviction is invisible to callers.
        """
        with self._lock:
            return self._evict_idle(self._now())

    def _maybe_sweep(self, now: float) -> None:
        # Sweep after as many calls as the table held after the last sweep:
        # each O(keys) sweep is paid for by that many O(1) calls, so allow()
        # stays amortized O(1), and the table holds at most twice the keys
        # that were active at the last sweep (plus MIN_SWEEP_INTERVAL).
        self._calls_since_sweep += 1
        if self._calls_since_sweep >= self._sweep_due:
            self._evict_idle(now)

    def _evict_idle(self, now: float) -> int:
        idle = [
            key
            for key, state in self._states.items()
            if self._reset_after(state, now) <= 0
        ]
        for key in idle:
            del self._states[key]
        self._calls_since_sweep = 0
        self._sweep_due = max(MIN_SWEEP_INTERVAL, len(self._states))
        return len(idle)

    # --8<-- [end:eviction]
