"""Pair with a target sum: the two-pointer answer is valid and exists exactly when a pair does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.pair_sum_sorted import pair_with_sum, pair_with_sum_brute_force

SORTED_LISTS = st.lists(st.integers(-50, 50), max_size=30).map(sorted)


@settings(max_examples=200, deadline=None)
@given(SORTED_LISTS, st.integers(-100, 100))
def test_agrees_with_brute_force_on_whether_a_pair_exists(numbers: list[int], target: int) -> None:
    found = pair_with_sum(numbers, target)
    expected = pair_with_sum_brute_force(numbers, target)
    assert (found is None) == (expected is None)
    if found is not None:
        i, j = found
        assert 0 <= i < j < len(numbers)
        assert numbers[i] + numbers[j] == target


@settings(max_examples=200, deadline=None)
@given(SORTED_LISTS, st.integers(-100, 100))
def test_finds_the_smallest_first_index(numbers: list[int], target: int) -> None:
    # Moving left past i is safe only if i pairs with nothing, so i is the smallest usable index.
    found, expected = pair_with_sum(numbers, target), pair_with_sum_brute_force(numbers, target)
    if found is not None and expected is not None:
        assert found[0] == expected[0]


def test_unsorted_input_is_refused() -> None:
    with pytest.raises(ValueError, match="sorted"):
        pair_with_sum([1, 5, 2, 4], 6)


def test_does_not_use_one_element_twice() -> None:
    assert pair_with_sum([2, 3, 5], 10) is None
