"""Quantiles from cumulative histogram buckets, as PromQL's histogram_quantile does.

Buckets are (upper bound, cumulative count) pairs, as a scrape exposes them:
`le="0.1"` counts every observation <= 0.1 s. Inside the bucket that holds the
wanted rank, the observations are assumed to be spread evenly. Prometheus also
merges duplicate bounds and repairs counts that are not monotonic; this
version expects clean buckets, such as those of one scrape.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


# --8<-- [start:quantile]
def histogram_quantile(q: float, buckets: Sequence[tuple[float, float]]) -> float:
    """Estimate quantile `q` (0..1) by linear interpolation inside one bucket."""
    if math.isnan(q):
        return math.nan
    if q < 0:
        return -math.inf
    if q > 1:
        return math.inf
    ordered = sorted(buckets)
    if len(ordered) < 2 or ordered[-1][0] != math.inf:
        return math.nan  # needs a +Inf bucket and at least one finite one
    total = ordered[-1][1]
    if total == 0:
        return math.nan
    rank = q * total
    # The first bucket whose cumulative count reaches the rank.
    index = next(i for i, (_, count) in enumerate(ordered) if count >= rank)
    if index == len(ordered) - 1:
        return ordered[-2][0]  # in the +Inf bucket: all we know is "above this"
    upper, count = ordered[index]
    if index == 0:
        if upper <= 0:
            return upper
        lower, below = 0.0, 0.0  # durations: the first bucket starts at zero
    else:
        lower, below = ordered[index - 1]
    if count == below:  # only when q == 0 and the first bucket is empty:
        return math.nan  # Prometheus computes 0 * (0 / 0) here, which is NaN
    estimate = lower + (upper - lower) * (rank - below) / (count - below)
    # With the rank at the bucket's top, float rounding can put the estimate
    # one ulp above `upper`, outside the bucket that holds the rank: clamp.
    return min(estimate, upper)


# --8<-- [end:quantile]


def exact_quantile(q: float, samples: Sequence[float]) -> float:
    """Nearest rank: the smallest sample with a share q of samples at or below it."""
    if not samples or not 0 < q <= 1:
        raise ValueError("need samples and 0 < q <= 1")
    ordered = sorted(samples)
    return ordered[math.ceil(q * len(ordered)) - 1]


def buckets_of(
    samples: Sequence[float], bounds: Sequence[float]
) -> list[tuple[float, float]]:
    """Cumulative (upper bound, count) pairs, as a histogram with `bounds` holds."""
    edges = [*sorted(bounds), math.inf]
    return [(edge, float(sum(1 for s in samples if s <= edge))) for edge in edges]
