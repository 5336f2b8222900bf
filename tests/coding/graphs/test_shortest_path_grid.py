"""Shortest clear path: BFS levels against relaxation until nothing improves."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.graphs.shortest_path_grid import (
    shortest_clear_path,
    shortest_clear_path_brute_force,
)
from tests.coding.graphs.strategies import grids


@settings(max_examples=200, deadline=None)
@given(grids())
def test_matches_brute_force(grid: list[list[int]]) -> None:
    assert shortest_clear_path(grid) == shortest_clear_path_brute_force(grid)


def test_open_grid_walks_the_diagonal() -> None:
    assert shortest_clear_path([[0] * 7 for _ in range(7)]) == 7


def test_open_rectangle_needs_its_longer_side() -> None:
    assert shortest_clear_path([[0] * 9 for _ in range(3)]) == 9


@pytest.mark.parametrize("solve", [shortest_clear_path, shortest_clear_path_brute_force])
def test_ragged_grid_is_refused(solve) -> None:
    with pytest.raises(ValueError, match="same length"):
        solve([[0, 0], [0]])
