"""Longest consecutive sequence: the set walk, the brute force and sorting agree."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.arrays_hashing.longest_consecutive import (
    longest_consecutive,
    longest_consecutive_brute_force,
    longest_consecutive_sorted,
)

nums_lists = st.lists(st.integers(min_value=-15, max_value=15), max_size=40)


@settings(max_examples=200, deadline=None)
@given(nums_lists)
def test_set_walk_matches_brute_force(nums: list[int]) -> None:
    assert longest_consecutive(nums) == longest_consecutive_brute_force(nums)


@settings(max_examples=200, deadline=None)
@given(nums_lists)
def test_set_walk_matches_sorting(nums: list[int]) -> None:
    assert longest_consecutive(nums) == longest_consecutive_sorted(nums)


def test_one_long_run_in_any_order() -> None:
    nums = list(range(1_000, 0, -1))
    assert longest_consecutive(nums) == 1_000
