"""Run a measurement several times and keep the median and the range of the runs.

One run can land on a busy moment of a shared machine; the median of several
runs does not care about one bad run, and the range (slowest to fastest run)
says how far to trust the median. Every measured row of the reference table
is a `Spread` made here.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass

MIN_RUNS = 3  # fewer runs have no median worth the name


@dataclass(frozen=True)
class Spread:
    """The median of `runs` values and the lowest and highest of them."""

    median: float
    low: float
    high: float
    runs: int

    def scaled(self, factor: float) -> Spread:
        """The same spread in another unit (seconds to microseconds: 1e6)."""
        if not (factor > 0 and math.isfinite(factor)):
            raise ValueError(f"factor must be positive and finite, got {factor!r}")
        return Spread(
            self.median * factor, self.low * factor, self.high * factor, self.runs
        )


def spread_of(values: list[float]) -> Spread:
    """Median and range of measured values; each must be positive and finite."""
    if len(values) < MIN_RUNS:
        raise ValueError(f"need at least {MIN_RUNS} values, got {len(values)}")
    for value in values:
        if not (value > 0 and math.isfinite(value)):
            raise ValueError(
                f"a measurement must be positive and finite, got {value!r}"
            )
    return Spread(statistics.median(values), min(values), max(values), len(values))


def repeat(run_once: Callable[[], float], runs: int) -> Spread:
    """Call `run_once` (which returns one measurement) `runs` times."""
    if runs < MIN_RUNS:
        raise ValueError(f"runs must be at least {MIN_RUNS}, got {runs}")
    return spread_of([run_once() for _ in range(runs)])
