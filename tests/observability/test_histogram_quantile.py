from __future__ import annotations

import math
import random

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from examples.observability.histogram_quantile import (
    buckets_of,
    exact_quantile,
    histogram_quantile,
)
from examples.observability.percentiles_demo import latencies
from examples.observability.service_metrics import LATENCY_BUCKETS

INF = math.inf


def test_interpolates_linearly_inside_the_bucket() -> None:
    buckets = [(0.1, 10), (0.5, 30), (INF, 40)]
    # rank 20 is the 10th of the 20 observations in (0.1, 0.5]: halfway.
    assert histogram_quantile(0.5, buckets) == pytest.approx(0.3)
    # rank 5 is in the first bucket, which starts at 0 for a positive bound.
    assert histogram_quantile(0.125, buckets) == pytest.approx(0.05)
    # rank 10 is the last observation of that bucket: its upper bound.
    assert histogram_quantile(0.25, buckets) == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("q", "buckets"),
    [
        (80 / 92, [(1.9054088429951668, 80.0), (INF, 92.0)]),
        (77 / 122, [(0.1, 27.0), (2.9503433674599044, 77.0), (INF, 122.0)]),
    ],
)
def test_a_rank_at_the_top_of_a_bucket_is_its_bound_not_one_ulp_past(q, buckets):
    """Float rounding put these estimates one ulp above the bucket's bound."""
    upper = buckets[-2][0]
    assert q * buckets[-1][1] == buckets[-2][1]  # the rank is the bucket's count
    assert histogram_quantile(q, buckets) == upper


def test_a_rank_in_the_inf_bucket_returns_the_highest_finite_bound() -> None:
    assert histogram_quantile(0.99, [(0.1, 10), (0.5, 30), (INF, 40)]) == 0.5


def test_bucket_order_does_not_matter() -> None:
    buckets = [(0.1, 10.0), (0.5, 30.0), (INF, 40.0), (0.25, 12.0)]
    shuffled = random.Random(1).sample(buckets, len(buckets))  # noqa: S311 (test data)
    assert histogram_quantile(0.9, buckets) == histogram_quantile(0.9, shuffled)


def test_a_non_positive_lowest_bucket_returns_its_bound() -> None:
    assert histogram_quantile(0.1, [(-1.0, 5), (0.0, 8), (INF, 10)]) == -1.0


@pytest.mark.parametrize(
    ("q", "buckets", "expected"),
    [
        (-0.1, [(1.0, 1), (INF, 1)], -INF),
        (1.1, [(1.0, 1), (INF, 1)], INF),
        (0.5, [(1.0, 1), (2.0, 2)], math.nan),  # no +Inf bucket
        (0.5, [(INF, 4)], math.nan),  # nothing finite to interpolate with
        (0.5, [(1.0, 0), (INF, 0)], math.nan),  # no observations
        (math.nan, [(1.0, 1), (INF, 1)], math.nan),
        (0.0, [(1.0, 0), (2.0, 3), (INF, 3)], math.nan),  # empty first bucket: 0/0
        (0.0, [(1.0, 2), (2.0, 3), (INF, 3)], 0.0),  # the first bucket's start
    ],
)
def test_edge_cases_follow_prometheus(q, buckets, expected) -> None:
    result = histogram_quantile(q, buckets)
    assert (math.isnan(result) and math.isnan(expected)) or result == expected


def test_exact_quantile_uses_nearest_rank_and_rejects_bad_input() -> None:
    assert exact_quantile(0.5, [3.0, 1.0, 2.0, 4.0]) == 2.0
    assert exact_quantile(1.0, [3.0, 1.0]) == 3.0
    for q, samples in ((0.5, []), (0.0, [1.0]), (1.5, [1.0])):
        with pytest.raises(ValueError):
            exact_quantile(q, samples)


bounds = st.lists(
    st.floats(0.001, 10, allow_nan=False), min_size=1, max_size=12, unique=True
).map(sorted)
samples = st.lists(st.floats(0.0001, 20, allow_nan=False), min_size=1, max_size=300)
quantiles = st.floats(0.01, 1.0)


@given(bounds, samples, quantiles)
def test_estimate_and_exact_value_share_a_bucket(bounds, samples, q) -> None:
    """The error is at most one bucket's width: that is what bucket choice buys."""
    exact = exact_quantile(q, samples)
    assume(exact <= bounds[-1])  # beyond the last bound only "above it" is known
    estimate = histogram_quantile(q, buckets_of(samples, bounds))
    edges = [0.0, *bounds]
    upper = next(b for b in bounds if exact <= b)
    lower = edges[edges.index(upper) - 1]
    assert lower <= estimate <= upper
    assert lower < exact <= upper


@given(bounds, samples, quantiles, quantiles)
def test_estimate_never_decreases_with_q(bounds, samples, q1, q2) -> None:
    buckets = buckets_of(samples, bounds)
    low, high = sorted((q1, q2))
    assert histogram_quantile(low, buckets) <= histogram_quantile(high, buckets)


def test_the_average_of_p99s_is_not_the_fleet_p99_but_summed_buckets_are_close():
    rng = random.Random(3)  # noqa: S311 (seeded test data)
    fast = [latencies(rng, 9_000, 0.04, 0.002) for _ in range(2)]
    slow = latencies(rng, 2_000, 0.09, 0.06)
    servers = [*fast, slow]
    fleet = exact_quantile(0.99, [t for s in servers for t in s])
    average = sum(exact_quantile(0.99, s) for s in servers) / len(servers)
    assert abs(average - fleet) / fleet > 0.3
    per_server = [buckets_of(s, LATENCY_BUCKETS) for s in servers]
    summed = [
        (le, sum(b[i][1] for b in per_server))
        for i, (le, _) in enumerate(per_server[0])
    ]
    estimate = histogram_quantile(0.99, summed)
    upper = next(b for b in LATENCY_BUCKETS if fleet <= b)
    lower = max([0.0, *(b for b in LATENCY_BUCKETS if b < upper)])
    assert lower <= estimate <= upper  # within the bucket that holds the truth
