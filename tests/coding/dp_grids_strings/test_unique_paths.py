"""Unique paths: the one-row DP matches walking every path, and the binomial on open grids."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dp_grids_strings.unique_paths import (
    unique_paths,
    unique_paths_with_obstacles,
    unique_paths_with_obstacles_brute_force,
)


@st.composite
def grids(draw: st.DrawFn, max_side: int = 5) -> list[list[int]]:
    rows = draw(st.integers(0, max_side))
    cols = draw(st.integers(1, max_side))
    cell = st.sampled_from([0, 0, 0, 1])  # mostly open, so paths exist
    return [[draw(cell) for _ in range(cols)] for _ in range(rows)]


@settings(max_examples=200, deadline=None)
@given(grids())
def test_matches_walking_every_path(grid: list[list[int]]) -> None:
    assert unique_paths_with_obstacles(grid) == unique_paths_with_obstacles_brute_force(grid)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30))
def test_closed_form_matches_the_dp_on_open_grids(rows: int, cols: int) -> None:
    open_grid = [[0] * cols for _ in range(rows)]
    assert unique_paths(rows, cols) == unique_paths_with_obstacles(open_grid)


def test_large_counts_do_not_overflow() -> None:
    assert unique_paths(100, 100) == unique_paths_with_obstacles([[0] * 100 for _ in range(100)])
    assert unique_paths(100, 100) > 2**63


@pytest.mark.parametrize("grid", [[[0, 0], [0]], [[0, 2]], [[0, -1]], [[], [0]]])
def test_bad_grids_are_refused(grid: list[list[int]]) -> None:
    with pytest.raises(ValueError):
        unique_paths_with_obstacles(grid)


def test_negative_size_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        unique_paths(-1, 3)
