"""The k-way merge agrees with concatenate-and-sort and with heapq.merge."""

from __future__ import annotations

import heapq

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.merge_k_sorted import merge_k_sorted, merge_k_sorted_brute_force

SORTED_LISTS = st.lists(st.lists(st.integers(-20, 20), max_size=12).map(sorted), max_size=8)


@settings(max_examples=200, deadline=None)
@given(SORTED_LISTS)
def test_matches_brute_force_and_the_library(lists: list[list[int]]) -> None:
    merged = merge_k_sorted(lists)
    assert merged == merge_k_sorted_brute_force(lists) == list(heapq.merge(*lists))


def test_inputs_are_not_changed() -> None:
    lists = [[1, 3], [2]]
    merge_k_sorted(lists)
    assert lists == [[1, 3], [2]]


@pytest.mark.parametrize("solution", [merge_k_sorted, merge_k_sorted_brute_force])
def test_an_unsorted_list_is_refused(solution) -> None:
    with pytest.raises(ValueError, match=r"lists\[1\] is not sorted"):
        solution([[1, 2], [3, 1]])
