"""Hypothesis strategies for small directed graphs shared by this folder's tests."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 7, acyclic: bool | None = None) -> tuple[int, list[list[int]]]:
    """(n, edges) on nodes 0..n-1; repeated edges and self-loops allowed unless acyclic.

    acyclic=True draws a DAG (edges go forward in a shuffled order), False or
    None any graph. Random graphs with many edges usually contain a cycle, so
    drawing half of each keeps both outcomes common.
    """
    n = draw(st.integers(0, max_nodes))
    if n == 0:
        return 0, []
    pairs = st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=2 * n)
    raw = draw(pairs)
    if acyclic is None:
        acyclic = draw(st.booleans())
    if not acyclic:
        return n, [list(pair) for pair in raw]
    rank = draw(st.permutations(range(n)))
    edges = [sorted((a, b), key=lambda node: rank[node]) for a, b in raw if a != b]
    return n, edges
