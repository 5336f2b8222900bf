"""Plumbing every algorithm shares: validation, one lock, per-key state, eviction.

Each algorithm subclasses `KeyedLimiter` and answers a few small questions
about one key's state, all in integer ticks (see ticks.py): how much room
there is now, when a given cost would fit, when the quota is full again.
The base class asks them in one order for every algorithm, so the decision,
`remaining` and every wait come from the same arithmetic and cannot disagree.
"""

from __future__ import annotations

import math
import threading
from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from examples.machine_coding.clock import Clock
from examples.machine_coding.rate_limiter.decision import Decision
from examples.machine_coding.rate_limiter.ticks import (
    TICKS_PER_SECOND,
    seconds_until,
    to_ticks,
)
from examples.machine_coding.rate_limiter.validation import (
    check_cost,
    check_key,
    check_limit,
    check_window,
)

StateT = TypeVar("StateT")

MIN_SWEEP_INTERVAL = 1024
# Readings beyond this many seconds either way are a broken clock (or one that
# counts nanoseconds); with validation.MAX_WINDOW, it keeps every wait finite.
MAX_CLOCK = 1e18


# --8<-- [start:allow]
class KeyedLimiter(ABC, Generic[StateT]):
    """A rate limiter with independent state per key, safe to share between threads.

    One lock guards the whole key table. The critical section is a dict lookup
    and a few integer operations, so one lock costs little and keeps eviction
    simple: no thread can hold a key's state while it is removed.
    """

    def __init__(self, limit: int, window: float, *, clock: Clock) -> None:
        self._limit = check_limit(limit)
        self._window = to_ticks(check_window(window))  # at least 1 tick
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
        """The window in seconds, as enforced: to the nanosecond."""
        return self._window / TICKS_PER_SECOND

    def allow(self, key: str, cost: int = 1) -> Decision:
        """Spend `cost` units of `key`'s quota if available; never blocks on time."""
        check_key(key)
        check_cost(cost, self._limit)
        with self._lock:
            # Read the clock under the lock: two threads that read it outside
            # could apply their timestamps out of order.
            now = self._now()
            tick = to_ticks(now)
            state = self._states.get(key)
            if state is None:
                state = self._states[key] = self._fresh(tick)
            self._catch_up(state, tick)
            room = self._room(state, tick)
            allowed = cost <= room  # the one comparison that decides
            served_at = tick
            if allowed:
                served_at = self._served_at(state, tick)
                self._spend(state, tick, cost)
                room = self._room(state, tick)
            retry_at = tick if allowed else self._fits_at(state, tick, cost)
            next_unit_at = self._fits_at(state, tick, room + 1)  # room < limit here
            full_at = self._full_at(state, tick)
            self._maybe_sweep(tick)
        return Decision(
            allowed=allowed,
            limit=self._limit,
            remaining=room,
            retry_after=seconds_until(now, retry_at, now_tick=tick),
            next_unit_after=seconds_until(now, next_unit_at, now_tick=tick),
            reset_after=seconds_until(now, full_at, now_tick=tick),
            delay=seconds_until(now, served_at, now_tick=tick),
        )

    def _now(self) -> float:
        now = float(self._clock())
        if not -MAX_CLOCK <= now <= MAX_CLOCK:  # also refuses NaN and infinities
            raise ValueError(
                f"the clock returned {now!r}; limiters need finite seconds"
                f" between {-MAX_CLOCK:.0e} and {MAX_CLOCK:.0e}"
            )
        # A clock that steps back (a wall clock after an NTP fix) must not
        # reorder events or hand out quota twice: hold time at its maximum.
        self._latest = max(self._latest, now)
        return self._latest

    # --8<-- [end:allow]

    # --8<-- [start:hooks]
    # What each algorithm answers. Every time is an int tick; every method but
    # _fresh and _catch_up may assume the state has been caught up to `now`.
    @abstractmethod
    def _fresh(self, now: int) -> StateT:
        """The state of a key the limiter has not seen (or has evicted)."""

    @abstractmethod
    def _catch_up(self, state: StateT, now: int) -> None:
        """Bring `state` to `now` (refill, drain, expire, roll over a window)."""

    @abstractmethod
    def _room(self, state: StateT, now: int) -> int:
        """The largest cost that would pass at `now`: what callers see as `remaining`."""

    @abstractmethod
    def _spend(self, state: StateT, now: int, cost: int) -> None:
        """Take `cost` units; called only when `cost <= _room(state, now)`."""

    @abstractmethod
    def _fits_at(self, state: StateT, now: int, cost: int) -> int:
        """The first tick >= now at which `cost` (1 to limit) fits, if nothing is spent."""

    @abstractmethod
    def _full_at(self, state: StateT, now: int) -> int:
        """The first tick at which the key is back to a fresh, full quota."""

    def _served_at(self, state: StateT, now: int) -> int:
        """When to serve a request admitted now: at once, unless a queue says later."""
        return now

    # --8<-- [end:hooks]

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
            return self._evict_idle(to_ticks(self._now()))

    def _maybe_sweep(self, now: int) -> None:
        # Sweep after as many calls as the table held after the last sweep:
        # each O(keys) sweep is paid for by that many O(1) calls, so allow()
        # stays amortized O(1), and the table holds at most twice the keys
        # that were active at the last sweep (plus MIN_SWEEP_INTERVAL).
        self._calls_since_sweep += 1
        if self._calls_since_sweep >= self._sweep_due:
            self._evict_idle(now)

    def _evict_idle(self, now: int) -> int:
        idle = []
        for key, state in self._states.items():
            self._catch_up(state, now)
            if self._full_at(state, now) <= now:
                idle.append(key)
        for key in idle:
            del self._states[key]
        self._calls_since_sweep = 0
        self._sweep_due = max(MIN_SWEEP_INTERVAL, len(self._states))
        return len(idle)

    # --8<-- [end:eviction]
