"""Two sum: the one-pass map agrees with the double loop, and the map-first bug is real."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.arrays_hashing.two_sum import (
    two_sum,
    two_sum_brute_force,
    two_sum_map_first,
)

small_ints = st.integers(min_value=-10, max_value=10)


@settings(max_examples=200, deadline=None)
@given(st.lists(small_ints, max_size=25), st.integers(min_value=-20, max_value=20))
def test_one_pass_matches_brute_force(nums: list[int], target: int) -> None:
    assert two_sum(nums, target) == two_sum_brute_force(nums, target)


@settings(max_examples=200, deadline=None)
@given(st.lists(small_ints, max_size=25), st.integers(min_value=-20, max_value=20))
def test_the_answer_is_two_different_indices_that_add_up(
    nums: list[int], target: int
) -> None:
    answer = two_sum(nums, target)
    if answer is not None:
        i, j = answer
        assert i < j
        assert nums[i] + nums[j] == target


def test_the_map_first_version_pairs_a_value_with_itself() -> None:
    assert two_sum_map_first([3, 5], 6) == [0, 0]
    assert two_sum([3, 5], 6) is None


def test_a_repeated_half_is_a_real_pair() -> None:
    assert two_sum([3, 3], 6) == [0, 1]
