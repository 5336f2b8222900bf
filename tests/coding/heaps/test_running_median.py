"""Two heaps agree with a sorted list after every add."""

from __future__ import annotations

import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.running_median import MedianFinder, MedianFinderSortedList


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-50, 50), max_size=60))
def test_matches_the_sorted_list_after_every_add(stream: list[int]) -> None:
    heaps, sorted_list = MedianFinder(), MedianFinderSortedList()
    for position, num in enumerate(stream, start=1):
        heaps.add(num)
        sorted_list.add(num)
        assert heaps.median() == sorted_list.median() == statistics.median(stream[:position])
        low, high = [-v for v in heaps._low], heaps._high  # the invariant, from inside
        assert len(low) - len(high) in (0, 1)
        assert not low or not high or max(low) <= min(high)


@pytest.mark.parametrize("finder", [MedianFinder, MedianFinderSortedList])
def test_median_of_nothing_is_an_index_error(finder) -> None:
    with pytest.raises(IndexError, match="no numbers yet"):
        finder().median()
