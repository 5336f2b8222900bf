"""Number of islands against the fill-from-every-cell brute force."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings

from examples.coding.graphs.number_of_islands import num_islands, num_islands_brute_force
from tests.coding.graphs.strategies import grids


@settings(max_examples=200, deadline=None)
@given(grids())
def test_matches_brute_force_and_leaves_the_grid_alone(grid: list[list[int]]) -> None:
    before = copy.deepcopy(grid)
    assert num_islands(grid) == num_islands_brute_force(grid)
    assert grid == before


def test_checkerboard_is_all_single_islands() -> None:
    board = [[(r + c) % 2 for c in range(6)] for r in range(6)]
    assert num_islands(board) == 18


@pytest.mark.parametrize("solve", [num_islands, num_islands_brute_force])
def test_ragged_grid_is_refused(solve) -> None:
    with pytest.raises(ValueError, match="same length"):
        solve([[1, 0], [1]])
