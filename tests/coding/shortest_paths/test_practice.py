"""The practice problems against their brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.shortest_paths.count_shortest_paths import (
    count_shortest_paths,
    count_shortest_paths_brute_force,
)
from examples.coding.shortest_paths.grid_eliminations import (
    shortest_with_eliminations,
    shortest_with_eliminations_brute_force,
)
from examples.coding.shortest_paths.minimum_effort import (
    minimum_effort,
    minimum_effort_brute_force,
)
from tests.coding.shortest_paths.strategies import graphs, grids


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_minimum_effort(rows, cols, data) -> None:
    row = st.lists(st.integers(-10, 10), min_size=cols, max_size=cols)
    heights = data.draw(st.lists(row, min_size=rows, max_size=rows))
    assert minimum_effort(heights) == minimum_effort_brute_force(heights)


@settings(max_examples=200, deadline=None)
@given(graphs(low=1, high=3))
def test_count_shortest_paths(graph) -> None:
    n, edges = graph
    assert count_shortest_paths(n, edges) == count_shortest_paths_brute_force(n, edges)


@settings(max_examples=200, deadline=None)
@given(grids(), st.integers(0, 3))
def test_grid_eliminations(grid, k) -> None:
    grid[0][0] = grid[-1][-1] = 0
    assert shortest_with_eliminations(grid, k) == shortest_with_eliminations_brute_force(grid, k)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        count_shortest_paths(2, [[0, 1, 0]])
    with pytest.raises(ValueError):
        minimum_effort([])
    with pytest.raises(ValueError):
        shortest_with_eliminations([[0, 0]], -1)
