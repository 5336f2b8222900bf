"""Hypothesis strategies for small interval inputs, negatives and repeats included."""

from __future__ import annotations

from hypothesis import strategies as st


def closed_intervals(max_size: int = 12, span: int = 20) -> st.SearchStrategy:
    """Closed [start, end] lists; start == end (a point) allowed."""
    pair = st.tuples(st.integers(-span, span), st.integers(0, span // 2))
    return st.lists(pair.map(lambda p: [p[0], p[0] + p[1]]), max_size=max_size)


def half_open_intervals(max_size: int = 12, span: int = 20) -> st.SearchStrategy:
    """Half-open [start, end) lists; never empty (start < end)."""
    pair = st.tuples(st.integers(-span, span), st.integers(1, span // 2))
    return st.lists(pair.map(lambda p: [p[0], p[0] + p[1]]), max_size=max_size)
