"""Subarray sum equals k: the prefix-sum map agrees with every start and end."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.arrays_hashing.subarray_sum import (
    subarray_sum,
    subarray_sum_brute_force,
    subarray_sum_no_seed,
)

small_ints = st.integers(min_value=-5, max_value=5)


@settings(max_examples=200, deadline=None)
@given(st.lists(small_ints, max_size=40), st.integers(min_value=-10, max_value=10))
def test_prefix_map_matches_brute_force(nums: list[int], k: int) -> None:
    assert subarray_sum(nums, k) == subarray_sum_brute_force(nums, k)


class NoSliceList(list):
    """A list that refuses to be sliced: a slice is an O(n) copy."""

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        if isinstance(index, slice):
            raise AssertionError("sliced: that copies the list, O(n) extra space")
        return super().__getitem__(index)


def test_brute_force_keeps_o1_extra_space_by_not_slicing() -> None:
    nums = [3, 4, -7, 3, 1, 3, 1, -4]
    assert subarray_sum_brute_force(NoSliceList(nums), 7) == subarray_sum(nums, 7)


def test_without_the_zero_seed_runs_from_index_0_are_missed() -> None:
    assert subarray_sum([5], 5) == 1
    assert subarray_sum_no_seed([5], 5) == 0


def test_k_zero_counts_no_empty_runs() -> None:
    assert subarray_sum([1, 2], 0) == 0
    assert subarray_sum([0], 0) == 1
