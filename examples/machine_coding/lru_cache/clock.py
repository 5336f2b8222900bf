"""Time as a dependency: production passes time.monotonic, tests pass a ManualClock."""

from __future__ import annotations

import math
from collections.abc import Callable

# --8<-- [start:clock]
Clock = Callable[[], float]  # returns seconds; only differences matter


class ManualClock:
    """A clock that moves only when told to, so expiry tests never sleep."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward; time never goes backward."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(
                f"can only advance by a finite, non-negative amount, got {seconds}"
            )
        self._now += seconds


# --8<-- [end:clock]
