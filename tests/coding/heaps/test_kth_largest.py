"""Heap, sort and quickselect agree on the kth largest."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.kth_largest import (
    kth_largest,
    kth_largest_by_sorting,
    kth_largest_quickselect,
)

SOLUTIONS = [kth_largest, kth_largest_by_sorting, kth_largest_quickselect]


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_all_three_agree(data: st.DataObject) -> None:
    nums = data.draw(st.lists(st.integers(-20, 20), min_size=1, max_size=40))
    k = data.draw(st.integers(1, len(nums)))
    expected = kth_largest_by_sorting(nums, k)
    assert kth_largest(nums, k) == expected
    assert kth_largest_quickselect(nums, k) == expected


def test_input_is_not_changed() -> None:
    nums = [3, 1, 2]
    for solution in SOLUTIONS:
        solution(nums, 2)
    assert nums == [3, 1, 2]


@pytest.mark.parametrize("solution", SOLUTIONS)
@pytest.mark.parametrize(("nums", "k"), [([], 1), ([1, 2], 0), ([1, 2], 3)])
def test_k_out_of_range_is_refused(solution, nums: list[int], k: int) -> None:
    with pytest.raises(ValueError, match="k must be between"):
        solution(nums, k)
