"""Summaries of measurements: percentiles of single operations, medians of runs.

An operation slow enough to time on its own (a round trip, a query, an
fsync) is timed one by one, and its row keeps the p50 and the p99 of every
operation over all runs: the mean of a run would be set by its few stalls.
An operation too fast to time alone (a memory read) is timed in batches; its
row keeps the median of the runs' per-operation means, and the range of runs
says how far to trust it.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass

MIN_RUNS = 3  # fewer runs have no median worth the name
MIN_SAMPLES = 100  # fewer operations have no p99 worth the name


@dataclass(frozen=True)
class Percentiles:
    """The p50, p99 and mean of `samples` single-operation times, in seconds.

    The mean is kept for throughput (one connection does 1 / mean requests a
    second), not for latency.
    """

    p50: float
    p99: float
    mean: float
    samples: int


def percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with `share` of them at or below it."""
    if not ordered:
        raise ValueError("need at least one value")
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share!r}")
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def percentiles_of(nanoseconds: list[int]) -> Percentiles:
    """p50 and p99, in seconds, of operations timed one by one in nanoseconds."""
    if len(nanoseconds) < MIN_SAMPLES:
        raise ValueError(f"need at least {MIN_SAMPLES} samples, got {len(nanoseconds)}")
    if any(
        isinstance(n, bool) or not isinstance(n, int) or n <= 0 for n in nanoseconds
    ):
        raise ValueError("every sample must be a positive whole number of nanoseconds")
    ordered = sorted(nanoseconds)
    return Percentiles(
        percentile(ordered, 0.50) / 1e9,
        percentile(ordered, 0.99) / 1e9,
        sum(ordered) / len(ordered) / 1e9,
        len(ordered),
    )


def combined(runs: list[Percentiles]) -> Percentiles:
    """Runs summarized elsewhere (a C tool prints only percentiles), as one summary.

    The p50 and p99 are the medians of the runs' own; the mean is weighted by
    the runs' sizes. Pooling the raw samples would be better, when one has them.
    """
    if len(runs) < MIN_RUNS:
        raise ValueError(f"need at least {MIN_RUNS} runs, got {len(runs)}")
    total = sum(run.samples for run in runs)
    return Percentiles(
        statistics.median(run.p50 for run in runs),
        statistics.median(run.p99 for run in runs),
        sum(run.mean * run.samples for run in runs) / total,
        total,
    )


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
