"""Random grids and graphs for the graph tests: empty, tiny, dense and sparse ones."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def grids(draw: st.DrawFn, values: tuple[int, ...] = (0, 1), max_side: int = 6) -> list[list[int]]:
    """A rectangular grid, 0 to max_side rows of 1 to max_side columns."""
    rows = draw(st.integers(0, max_side))
    cols = draw(st.integers(1, max_side))
    cell = st.sampled_from(values)
    return [draw(st.lists(cell, min_size=cols, max_size=cols)) for _ in range(rows)]


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 10) -> tuple[int, list[list[int]]]:
    """(n, edges) with repeated edges and self-loops allowed."""
    n = draw(st.integers(0, max_nodes))
    if n == 0:
        return 0, []
    node = st.integers(0, n - 1)
    edges = draw(st.lists(st.lists(node, min_size=2, max_size=2), max_size=2 * n))
    return n, edges
