"""Digit-by-digit addition against Python's own integers, and digits out of range."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.linked_lists.add_two_numbers import add_two_numbers, add_two_numbers_brute_force
from examples.coding.nodes import build_list, list_values

# Most significant digit last, and no leading zero except the number 0 itself.
digits = st.lists(st.integers(0, 9), max_size=30).filter(lambda ds: len(ds) <= 1 or ds[-1] != 0)


@given(digits, digits)
@settings(max_examples=200, deadline=None)
def test_matches_integer_addition(first: list[int], second: list[int]) -> None:
    expected = list_values(add_two_numbers_brute_force(build_list(first), build_list(second)))
    assert list_values(add_two_numbers(build_list(first), build_list(second))) == expected


@pytest.mark.parametrize(("first", "second"), [([10], [1]), ([1], [-1]), ([1, 2], [3, 99])])
def test_a_node_that_is_not_a_digit_is_refused(first: list[int], second: list[int]) -> None:
    with pytest.raises(ValueError, match="one digit"):
        add_two_numbers(build_list(first), build_list(second))
    with pytest.raises(ValueError, match="one digit"):
        add_two_numbers_brute_force(build_list(first), build_list(second))
