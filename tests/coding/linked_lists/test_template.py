"""remove_where / remove_value against a filtered copy of the values."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.template import remove_value, remove_value_brute_force, remove_where
from examples.coding.nodes import build_list, list_values

values = st.lists(st.integers(-5, 5), max_size=40)


@given(values, st.integers(-5, 5))
@settings(max_examples=200, deadline=None)
def test_remove_value_matches_the_brute_force(items: list[int], target: int) -> None:
    expected = list_values(remove_value_brute_force(build_list(items), target))
    assert list_values(remove_value(build_list(items), target)) == expected


def test_the_kept_nodes_are_the_original_nodes() -> None:
    head = build_list([1, 2, 3])
    assert head is not None and head.next is not None
    third = head.next.next
    result = remove_where(head, lambda value: value == 2)
    assert result is head and head.next is third
