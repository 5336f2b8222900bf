"""The practice problems against their brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.move_zeros import move_zeros, move_zeros_brute_force
from examples.coding.two_pointers.sorted_squares import sorted_squares, sorted_squares_brute_force
from examples.coding.two_pointers.trapping_rain_water import trapped_water, trapped_water_brute_force

LISTS = st.lists(st.integers(-30, 30), max_size=40)


@settings(max_examples=200, deadline=None)
@given(LISTS.map(sorted))
def test_sorted_squares(numbers: list[int]) -> None:
    assert sorted_squares(numbers) == sorted_squares_brute_force(numbers)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0, 0, 1, -2, 3]), max_size=30))
def test_move_zeros(numbers: list[int]) -> None:
    mine, theirs = list(numbers), list(numbers)
    move_zeros(mine)
    move_zeros_brute_force(theirs)
    assert mine == theirs


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10), max_size=40))
def test_trapped_water(heights: list[int]) -> None:
    assert trapped_water(heights) == trapped_water_brute_force(heights)


@pytest.mark.parametrize("function", [trapped_water, trapped_water_brute_force])
def test_trapped_water_refuses_negative_heights(function) -> None:
    with pytest.raises(ValueError, match="zero or more"):
        function([2, -1, 2])
