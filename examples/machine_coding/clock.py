"""Time as a dependency, shared by every machine-coding problem.

Code that needs the time (a TTL, an ack deadline, a parking fee, a rate-limit
window) asks a `Clock` it was given instead of calling `time` directly. Then
production passes a real clock, and tests and demos pass a `ManualClock` that
moves only when told to: expiry and refill become exact, and nothing sleeps.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TypeAlias

# --8<-- [start:clock]
Clock: TypeAlias = Callable[[], float]
"""Any zero-argument callable that returns the current time in seconds."""

# Durations need a clock that only moves forward. `time.monotonic` never steps:
# NTP may still speed it up or slow it down a little, but a manual change or an
# NTP step of the system time passes it by. `time.time` follows those steps, so
# a step back lets an entry live that much longer, or a fee come out negative.
# (Code that needs calendar time, such as quiet hours, passes `time.time`.)
system_clock: Clock = time.monotonic


class ManualClock:
    """A clock for tests and demos: time stands still until you move it.

    Safe to share between threads. Writers take the lock because `+=` is a
    read-modify-write; a reader sees one whole float, old or new.
    """

    def __init__(self, start: float = 0.0) -> None:
        if not math.isfinite(start):
            raise ValueError(f"start must be a finite number of seconds, got {start!r}")
        self._now = float(start)
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move forward by `seconds`; zero is allowed, negative is not."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(
                f"can only advance by a finite, non-negative amount, got {seconds!r}"
            )
        with self._lock:
            self._now += seconds

    def set(self, when: float) -> None:
        """Jump to the absolute time `when`, which may not be in the past."""
        if not math.isfinite(when):
            raise ValueError(f"can only set a finite time, got {when!r}")
        with self._lock:
            if when < self._now:
                raise ValueError(
                    f"clocks do not go backwards: now={self._now}, asked for {when}"
                )
            self._now = float(when)


# --8<-- [end:clock]
