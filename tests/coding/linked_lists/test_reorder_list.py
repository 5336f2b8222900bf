"""The in-place reorder against relinking a Python list of nodes, and no cycle left behind."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.reorder_list import end_of_first_half, reorder_list, reorder_list_brute_force
from examples.coding.nodes import build_list, iterate_list, list_values

values = st.lists(st.integers(-20, 20), max_size=40)


@given(values)
@settings(max_examples=200, deadline=None)
def test_reorder_matches_the_brute_force(items: list[int]) -> None:
    fast, slow = build_list(items), build_list(items)
    reorder_list(fast)
    reorder_list_brute_force(slow)
    # iterate_list raises on a cycle, so a forgotten cut fails here instead of hanging
    assert list(iterate_list(fast, limit=len(items))) == list_values(slow)
    assert list_values(slow)[:1] == items[:1]


def test_the_first_half_keeps_the_extra_node() -> None:
    assert end_of_first_half(build_list([1, 2, 3, 4, 5])).val == 3  # type: ignore[arg-type]
    assert end_of_first_half(build_list([1, 2, 3, 4])).val == 2  # type: ignore[arg-type]
