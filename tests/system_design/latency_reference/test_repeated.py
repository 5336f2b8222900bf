"""Percentiles of single operations, medians and ranges of runs, and the inputs they refuse."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.latency_reference.repeated import (
    MIN_RUNS,
    MIN_SAMPLES,
    Percentiles,
    Spread,
    combined,
    percentile,
    percentiles_of,
    repeat,
    spread_of,
)

positive = st.floats(min_value=1e-12, max_value=1e6, allow_nan=False)


@given(st.lists(positive, min_size=MIN_RUNS, max_size=20))
def test_a_spread_is_the_median_and_the_extremes(values: list[float]) -> None:
    spread = spread_of(values)
    assert spread == Spread(statistics.median(values), min(values), max(values), len(values))
    assert spread.low <= spread.median <= spread.high


def test_repeat_calls_the_measurement_once_per_run() -> None:
    readings = iter([3.0, 1.0, 2.0, 9.0, 4.0])
    assert repeat(lambda: next(readings), 5) == Spread(3.0, 1.0, 9.0, 5)


def test_scaling_changes_the_unit_not_the_shape() -> None:
    assert Spread(2e-6, 1e-6, 4e-6, 3).scaled(1e6) == pytest.approx(Spread(2.0, 1.0, 4.0, 3))
    with pytest.raises(ValueError, match="factor"):
        Spread(1, 1, 1, 3).scaled(0)


@pytest.mark.parametrize(
    "values", [[1.0, 2.0], [1.0, 0.0, 2.0], [1.0, -1.0, 2.0], [1.0, math.nan, 2.0], [1.0, math.inf, 2.0]]
)
def test_too_few_or_impossible_measurements_are_refused(values: list[float]) -> None:
    with pytest.raises(ValueError):
        spread_of(values)


def test_too_few_runs_are_refused_before_any_run() -> None:
    calls = []
    with pytest.raises(ValueError, match="at least 3"):
        repeat(lambda: calls.append(1) or 1.0, 2)
    assert calls == []


@given(st.lists(st.integers(1, 10**9), min_size=MIN_SAMPLES, max_size=400))
def test_percentiles_are_nearest_rank_over_every_sample(samples: list[int]) -> None:
    found = percentiles_of(samples)
    ordered = sorted(samples)
    for share, value in ((0.50, found.p50), (0.99, found.p99)):
        at_or_below = sum(1 for s in ordered if s / 1e9 <= value)
        assert at_or_below >= share * len(ordered), "too few samples at or below"
        assert sum(1 for s in ordered if s / 1e9 < value) < share * len(ordered), "not the smallest such"
    assert found.mean == pytest.approx(statistics.fmean(samples) / 1e9)
    assert found.samples == len(samples)


def test_a_few_stalls_move_the_mean_and_the_p99_but_not_the_p50() -> None:
    samples = [30_000] * 980 + [4_000_000] * 20  # 30 us, and 2% stalls of 4 ms
    found = percentiles_of(samples)
    assert found.p50 == pytest.approx(30e-6)
    assert found.p99 == pytest.approx(4e-3)
    assert found.mean > 3 * found.p50


@pytest.mark.parametrize("bad", [[1] * (MIN_SAMPLES - 1), [0] * MIN_SAMPLES, [1.5] * MIN_SAMPLES, [True] * MIN_SAMPLES])
def test_too_few_or_impossible_samples_are_refused(bad: list) -> None:
    with pytest.raises(ValueError):
        percentiles_of(bad)


def test_percentile_refuses_empty_input_and_odd_shares() -> None:
    with pytest.raises(ValueError):
        percentile([], 0.5)
    with pytest.raises(ValueError, match="share"):
        percentile([1.0], 0)


def test_summaries_from_a_tool_combine_as_medians_and_a_weighted_mean() -> None:
    runs = [Percentiles(1.0, 9.0, 2.0, 100), Percentiles(3.0, 5.0, 4.0, 300), Percentiles(2.0, 7.0, 1.0, 100)]
    assert combined(runs) == Percentiles(2.0, 7.0, (200 + 1200 + 100) / 500, 500)
    with pytest.raises(ValueError, match="runs"):
        combined(runs[:2])
