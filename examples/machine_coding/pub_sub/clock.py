"""Time as a dependency: the broker asks a Clock, tests move a FakeClock by hand."""

from __future__ import annotations

import math
from typing import Protocol


# --8<-- [start:clock]
class Clock(Protocol):
    """Anything that returns the current time in seconds, like time.monotonic."""

    def __call__(self) -> float: ...


class FakeClock:
    """A clock that only moves when a test or demo calls advance()."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = float(start)

    def __call__(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move time forward; going backward would break every deadline."""
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"seconds must be finite and >= 0, got {seconds!r}")
        self._now += seconds


# --8<-- [end:clock]
