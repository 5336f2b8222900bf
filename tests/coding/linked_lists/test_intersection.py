"""The switching walkers against a set of A's nodes, on pairs that do and do not join."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.intersection import (
    build_pair,
    get_intersection_node,
    get_intersection_node_brute_force,
)

parts = st.lists(st.integers(-3, 3), max_size=25)


@given(parts, parts, parts)
@settings(max_examples=200, deadline=None)
def test_finds_the_same_node_as_the_brute_force(a_only: list[int], b_only: list[int], shared: list[int]) -> None:
    first, second, junction = build_pair(a_only, b_only, shared)
    found = get_intersection_node(first, second)
    assert found is get_intersection_node_brute_force(first, second)
    assert found is junction
