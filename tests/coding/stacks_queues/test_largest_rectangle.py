"""The one-pass stack agrees with trying every pair of edges."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.largest_rectangle import (
    largest_rectangle_area,
    largest_rectangle_area_brute_force,
)


@given(st.lists(st.integers(0, 8), max_size=40))
@settings(max_examples=200, deadline=None)
def test_matches_brute_force(heights: list[int]) -> None:
    assert largest_rectangle_area(heights) == largest_rectangle_area_brute_force(heights)


@given(st.lists(st.integers(0, 8), min_size=1, max_size=30))
@settings(max_examples=100, deadline=None)
def test_sorted_heights_are_found_without_a_later_short_bar(heights: list[int]) -> None:
    """A rising histogram never pops before the end: the case a missing sentinel gets wrong."""
    rising = sorted(heights)
    expected = max(height * (len(rising) - i) for i, height in enumerate(rising))
    assert largest_rectangle_area(rising) == expected


@pytest.mark.parametrize("function", [largest_rectangle_area, largest_rectangle_area_brute_force])
def test_negative_heights_are_refused(function) -> None:
    with pytest.raises(ValueError, match="0 or more"):
        function([3, -1, 2])
