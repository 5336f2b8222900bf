"""The plain window is right only for non-negative numbers; the deque version always is."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.sliding_window.shortest_subarray_at_least import (
    shortest_subarray_at_least,
    shortest_subarray_at_least_brute_force,
    shortest_subarray_at_least_window,
)


@settings(max_examples=200, deadline=None)
@given(nums=st.lists(st.integers(-20, 20), max_size=30), target=st.integers(-30, 60))
def test_deque_version_matches_brute_force_with_negatives(nums: list[int], target: int) -> None:
    assert shortest_subarray_at_least(nums, target) == shortest_subarray_at_least_brute_force(nums, target)


@settings(max_examples=200, deadline=None)
@given(nums=st.lists(st.integers(0, 20), max_size=30), target=st.integers(1, 60))
def test_plain_window_is_right_without_negatives(nums: list[int], target: int) -> None:
    assert shortest_subarray_at_least_window(nums, target) == shortest_subarray_at_least_brute_force(nums, target)


def test_plain_window_misses_the_answer_after_a_negative() -> None:
    nums, target = [3, -4, 2, 5], 7
    assert shortest_subarray_at_least_brute_force(nums, target) == 2  # [2, 5]
    assert shortest_subarray_at_least_window(nums, target) is None


def test_plain_window_reports_a_longer_answer_than_the_best() -> None:
    nums, target = [84, -37, 32, 40, 95], 167
    assert shortest_subarray_at_least(nums, target) == 3  # [32, 40, 95]
    assert shortest_subarray_at_least_window(nums, target) == 5
