"""Minimum path sum: the one-row DP matches trying every path, negatives included."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dp_grids_strings.min_path_sum import min_path_sum, min_path_sum_brute_force


@st.composite
def cost_grids(draw: st.DrawFn) -> list[list[int]]:
    rows, cols = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    return [[draw(st.integers(-9, 9)) for _ in range(cols)] for _ in range(rows)]


@settings(max_examples=200, deadline=None)
@given(cost_grids())
def test_matches_trying_every_path(grid: list[list[int]]) -> None:
    assert min_path_sum(grid) == min_path_sum_brute_force(grid)


@pytest.mark.parametrize("grid", [[], [[]], [[1, 2], [3]]])
def test_bad_grids_are_refused(grid: list[list[int]]) -> None:
    with pytest.raises(ValueError):
        min_path_sum(grid)
