"""Medians and ranges of repeated runs, and the inputs they refuse."""

from __future__ import annotations

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from examples.system_design.latency_reference.repeated import (
    MIN_RUNS,
    Spread,
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
