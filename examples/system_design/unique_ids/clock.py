"""Millisecond clocks for ID generators: the real wall clock, and one you step by hand.

Time-based IDs (UUIDv7, Snowflake) embed calendar time, so they read the wall
clock (`time.time_ns`), not `time.monotonic`: a monotonic clock has no epoch.
The wall clock is the one that NTP or an operator can step backwards, which is
why the generators here must decide what to do when it does. Tests and demos
pass a `SteppedClock` instead and move it wherever the scenario needs,
backwards included.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeAlias

# --8<-- [start:clock]
MillisClock: TypeAlias = Callable[[], int]
"""Any zero-argument callable returning Unix time in whole milliseconds."""


def wall_clock_ms() -> int:
    """Unix time in milliseconds from the system clock (which can step back)."""
    return time.time_ns() // 1_000_000


class SteppedClock:
    """A clock for tests and demos: it reads `now` until you move it.

    Unlike a production clock it may be set backwards, to rehearse an NTP
    step. `sleep` advances it, so a generator that waits for the next
    millisecond finishes at once instead of spinning forever.
    """

    def __init__(self, start_ms: int) -> None:
        self._now = _check_ms(start_ms, "start_ms")
        self._lock = threading.Lock()
        self.slept_ms = 0  # total time generators spent waiting on this clock

    def __call__(self) -> int:
        return self._now

    def set(self, when_ms: int) -> None:
        """Jump to `when_ms`, earlier or later than now."""
        when_ms = _check_ms(when_ms, "when_ms")
        with self._lock:
            self._now = when_ms

    def advance(self, ms: int) -> None:
        """Move forward by `ms` (zero or more) milliseconds."""
        ms = _check_ms(ms, "ms")
        with self._lock:
            self._now += ms

    def sleep(self, seconds: float) -> None:
        """Stand-in for time.sleep: moves the clock forward, rounding up to 1 ms."""
        if not seconds >= 0:  # also refuses NaN
            raise ValueError(f"cannot sleep for {seconds!r} seconds")
        ms = max(1, round(seconds * 1000))
        with self._lock:
            self._now += ms
            self.slept_ms += ms


# --8<-- [end:clock]


def _check_ms(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int of milliseconds, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be zero or more, got {value}")
    return value
