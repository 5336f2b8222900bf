"""The bugs on the page misbehave exactly as the page says."""

from __future__ import annotations

from math import comb

import pytest

from examples.coding.graphs.bipartite import is_bipartite
from examples.coding.graphs.bugs import (
    bfs_pops_marking_on_dequeue,
    bfs_pops_marking_on_enqueue,
    fill_iterative,
    fill_recursive,
    is_bipartite_from_node_zero,
    land_reached_swapped,
    num_islands_sinking,
    snake,
)
from examples.coding.graphs.number_of_islands import num_islands


@pytest.mark.parametrize("n", range(1, 9))
def test_late_marking_pops_one_copy_per_shortest_path(n: int) -> None:
    # Each cell (i, j) is popped once per monotone path to it: C(i + j, i) copies,
    # and the sum over an n x n grid is C(2n, n) - 1.
    grid = [[0] * n for _ in range(n)]
    assert bfs_pops_marking_on_dequeue(grid) == comb(2 * n, n) - 1
    assert bfs_pops_marking_on_enqueue(grid) == n * n


def test_checking_only_node_zero_misses_the_odd_cycle() -> None:
    edges = [[0, 1], [2, 3], [3, 4], [4, 2]]
    assert is_bipartite_from_node_zero(5, edges) is True
    assert is_bipartite(5, edges) is False


def test_sinking_destroys_the_callers_grid() -> None:
    grid = [[1, 0, 1], [1, 0, 1]]
    assert num_islands_sinking(grid) == 2
    assert num_islands_sinking(grid) == 0
    assert num_islands(grid) == 0


def test_swapped_bounds_undercount_wide_grids_and_crash_on_tall_ones() -> None:
    assert land_reached_swapped([[1, 1, 1], [0, 0, 0]]) == 2
    with pytest.raises(IndexError):
        land_reached_swapped([[1, 1], [1, 1], [1, 1]])
    assert land_reached_swapped([[1, 1], [1, 1]]) == 4  # square grids hide it


@pytest.mark.parametrize("size", [3, 5, 31, 45])
def test_snake_is_one_path_of_the_stated_length(size: int) -> None:
    grid = snake(size)
    land = sum(map(sum, grid))
    assert land == (size + 1) // 2 * size + (size - 1) // 2
    assert fill_iterative(grid, 0, 0) == land


def test_recursive_fill_breaks_past_the_limit_where_the_loop_does_not() -> None:
    assert fill_recursive(snake(31), 0, 0, set()) == 511
    with pytest.raises(RecursionError):
        fill_recursive(snake(45), 0, 0, set())
    assert fill_iterative(snake(45), 0, 0) == 1057
