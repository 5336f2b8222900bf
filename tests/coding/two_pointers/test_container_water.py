"""Container with most water: moving the shorter line never loses the best pair."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.container_water import max_area, max_area_brute_force


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=40))
def test_matches_every_pair_brute_force(heights: list[int]) -> None:
    assert max_area(heights) == max_area_brute_force(heights)


@pytest.mark.parametrize("function", [max_area, max_area_brute_force])
def test_negative_heights_are_refused(function) -> None:
    with pytest.raises(ValueError, match="zero or more"):
        function([3, -1, 3])
