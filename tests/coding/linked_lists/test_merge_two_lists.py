"""The splice merge against sorting the concatenated values."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.merge_two_lists import merge_two_lists, merge_two_lists_brute_force
from examples.coding.nodes import build_list, list_values

sorted_values = st.lists(st.integers(-20, 20), max_size=40).map(sorted)


@given(sorted_values, sorted_values)
@settings(max_examples=200, deadline=None)
def test_merge_matches_the_brute_force(first: list[int], second: list[int]) -> None:
    expected = list_values(merge_two_lists_brute_force(build_list(first), build_list(second)))
    assert list_values(merge_two_lists(build_list(first), build_list(second))) == expected


def test_no_new_nodes_are_made_and_ties_take_the_first_list_first() -> None:
    first, second = build_list([1, 3]), build_list([1, 2])
    merged = merge_two_lists(first, second)
    assert merged is first
    assert merged is not None and merged.next is second


class Counted:
    """An int that counts how often it is compared."""

    comparisons = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __lt__(self, other: Counted) -> bool:
        Counted.comparisons += 1
        return self.value < other.value


def test_the_sorting_brute_force_is_linear_on_two_sorted_inputs() -> None:
    """What the page says: CPython's sort merges the two runs instead of sorting from scratch."""
    size = 2_000
    first = build_list([Counted(value) for value in range(0, 2 * size, 2)])  # type: ignore[misc]
    second = build_list([Counted(value) for value in range(1, 2 * size, 2)])  # type: ignore[misc]
    Counted.comparisons = 0
    merge_two_lists_brute_force(first, second)
    assert Counted.comparisons < 3 * 2 * size  # n log2 n would be about 47,000
