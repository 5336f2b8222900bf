"""Time as a dependency: every limiter asks a Clock, never the system directly.

A Clock is any zero-argument callable that returns seconds as a float. Only
differences between readings matter, so production uses `time.monotonic`
(which NTP corrections cannot move backwards), and tests and demos use
`ManualClock`, which moves only when told to. Nothing ever sleeps.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import TypeAlias

# --8<-- [start:clock]
Clock: TypeAlias = Callable[[], float]
"""Returns seconds from an arbitrary origin; only differences are meaningful."""

system_clock: Clock = time.monotonic


class ManualClock:
    """A fake clock for tests and demos: time stands still until you move it."""

    def __init__(self, start: float = 0.0) -> None:
        if not math.isfinite(start):
            raise ValueError(f"start must be a finite number of seconds, got {start!r}")
        self._now = float(start)
        self._lock = threading.Lock()

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move forward by `seconds` (zero is allowed, negative is not)."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(
                f"can only advance by a finite, non-negative amount, got {seconds!r}"
            )
        with self._lock:
            self._now += seconds

    def set(self, when: float) -> None:
        """Jump to the absolute time `when`, which may not be in the past."""
        if not math.isfinite(when):
            raise ValueError(f"time must be finite, got {when!r}")
        with self._lock:
            if when < self._now:
                raise ValueError(
                    f"clocks do not go backwards: now={self._now}, asked for {when}"
                )
            self._now = float(when)


# --8<-- [end:clock]
