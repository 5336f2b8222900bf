"""Random small graphs for the shortest-path property tests."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def graphs(draw, *, max_nodes: int = 6, low: int = 0, high: int = 9, min_nodes: int = 1):
    """(n, edges): directed [u, v, w] edges, duplicates and self-loops allowed."""
    n = draw(st.integers(min_nodes, max_nodes))
    edge = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.integers(low, high))
    edges = draw(st.lists(edge.map(list), max_size=3 * n))
    return n, edges


@st.composite
def grids(draw, *, max_side: int = 4):
    rows = draw(st.integers(1, max_side))
    cols = draw(st.integers(1, max_side))
    cell = st.integers(0, 1)
    return draw(st.lists(st.lists(cell, min_size=cols, max_size=cols), min_size=rows, max_size=rows))
