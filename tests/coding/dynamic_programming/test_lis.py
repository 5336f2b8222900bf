"""Longest increasing subsequence: both DPs against plain recursion; what tails is."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.lis import (
    lis_length,
    lis_length_brute_force,
    lis_length_quadratic,
    lis_tails,
)

LISTS = st.lists(st.integers(-6, 6), max_size=14)


@settings(max_examples=200, deadline=None)
@given(LISTS)
def test_matches_plain_recursion(numbers: list[int]) -> None:
    expected = lis_length_brute_force(numbers)
    assert lis_length_quadratic(numbers) == expected
    assert lis_length(numbers) == expected


@settings(max_examples=200, deadline=None)
@given(LISTS)
def test_tails_is_strictly_increasing_and_as_long_as_the_answer(numbers: list[int]) -> None:
    tails = lis_tails(numbers)
    assert all(a < b for a, b in pairwise(tails))
    assert len(tails) == lis_length(numbers)


def is_subsequence(small: list[int], big: list[int]) -> bool:
    position = 0
    for value in big:
        if position < len(small) and small[position] == value:
            position += 1
    return position == len(small)


def test_tails_need_not_be_a_subsequence() -> None:
    numbers = [3, 4, 5, 1]
    assert lis_tails(numbers) == [1, 4, 5]
    assert not is_subsequence(lis_tails(numbers), numbers)
