"""Adjacency list, grid neighbors and adjacency matrix: the three representations agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.graphs.representation import (
    STEPS_8,
    adjacency_list,
    adjacency_matrix,
    grid_neighbors,
)
from tests.coding.graphs.strategies import graphs, grids


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_list_and_matrix_hold_the_same_edges(graph: tuple[int, list[list[int]]]) -> None:
    n, edges = graph
    listed = adjacency_list(n, edges)
    matrix = adjacency_matrix(n, edges)
    assert sorted(listed) == list(range(n))  # isolated nodes have keys too
    for a in range(n):
        assert {b for b in range(n) if matrix[a][b]} == set(listed[a])
        for b in listed[a]:
            assert a in listed[b]  # undirected: stored both ways


@settings(max_examples=200, deadline=None)
@given(grids(max_side=5))
def test_grid_neighbors_are_inside_and_adjacent(grid: list[list[int]]) -> None:
    rows = len(grid)
    cols = len(grid[0]) if grid else 0
    for r in range(rows):
        for c in range(cols):
            four = set(grid_neighbors(grid, r, c))
            eight = set(grid_neighbors(grid, r, c, steps=STEPS_8))
            expected = {
                (x, y)
                for x in range(rows)
                for y in range(cols)
                if (x, y) != (r, c) and abs(x - r) <= 1 and abs(y - c) <= 1
            }
            assert eight == expected
            assert four == {(x, y) for x, y in expected if x == r or y == c}


@pytest.mark.parametrize("edge", [[0, 3], [-1, 0], [0], [0, 1, 2]])
def test_bad_edges_are_refused(edge: list[int]) -> None:
    with pytest.raises(ValueError, match="must be two nodes"):
        adjacency_list(3, [edge])


def test_negative_node_count_is_refused() -> None:
    with pytest.raises(ValueError, match="n must be"):
        adjacency_list(-1, [])
