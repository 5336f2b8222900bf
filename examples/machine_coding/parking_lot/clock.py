"""Time comes in through a callable, so fees are testable without sleeping."""

from __future__ import annotations

import time
from collections.abc import Callable

# --8<-- [start:clock]
Clock = Callable[[], float]
"""Returns seconds as a float. Production passes time.monotonic; tests pass a ManualClock."""

SYSTEM_CLOCK: Clock = time.monotonic


class ManualClock:
    """A clock that only moves when you tell it to."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward; going backwards is refused."""
        if seconds < 0:
            raise ValueError(f"time cannot go backwards (advance by {seconds})")
        self._now += seconds


# --8<-- [end:clock]
