"""The template counts exactly the pairs a double loop counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.arrays_hashing.template import (
    count_pairs_summing_to,
    count_subarrays_summing_to,
    has_duplicate,
)

small_ints = st.integers(min_value=-20, max_value=20)


@settings(max_examples=200, deadline=None)
@given(st.lists(small_ints, max_size=30), small_ints)
def test_pairs_summing_to_target_match_a_double_loop(
    nums: list[int], target: int
) -> None:
    expected = sum(
        1 for j in range(len(nums)) for i in range(j) if nums[i] + nums[j] == target
    )
    assert count_pairs_summing_to(nums, target) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(small_ints, max_size=30), small_ints)
def test_subarrays_summing_to_k_match_every_slice(nums: list[int], k: int) -> None:
    expected = sum(
        1
        for i in range(len(nums))
        for j in range(i + 1, len(nums) + 1)
        if sum(nums[i:j]) == k
    )
    assert count_subarrays_summing_to(nums, k) == expected


@given(st.lists(st.text(max_size=2), max_size=20))
def test_has_duplicate_agrees_with_a_set(items: list[str]) -> None:
    assert has_duplicate(items) == (len(set(items)) < len(items))


def test_a_value_is_never_its_own_partner() -> None:
    assert count_pairs_summing_to([3], 6) == 0
    assert count_pairs_summing_to([3, 3], 6) == 1
