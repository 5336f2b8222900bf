"""Subsets, with and without duplicates, against the bitmask brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.backtracking.subsets import subsets, subsets_brute_force
from examples.coding.backtracking.subsets_with_duplicates import (
    subsets_with_duplicates,
    subsets_with_duplicates_brute_force,
)


def as_set(found: list[list[int]]) -> list[tuple[int, ...]]:
    return sorted(tuple(sorted(s)) for s in found)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-20, 20), max_size=9, unique=True))
def test_subsets_match_bitmasks(nums: list[int]) -> None:
    found = subsets(nums)
    assert len(found) == 2 ** len(nums)
    assert as_set(found) == as_set(subsets_brute_force(nums))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-3, 3), max_size=10))
def test_subsets_with_duplicates_match_bitmasks_and_a_set(nums: list[int]) -> None:
    found = subsets_with_duplicates(nums)
    assert len(set(map(tuple, found))) == len(found)  # no subset twice
    assert sorted(found) == subsets_with_duplicates_brute_force(nums)


def test_subsets_refuses_repeated_values() -> None:
    with pytest.raises(ValueError, match="distinct"):
        subsets([1, 2, 1])


def test_inputs_are_unchanged() -> None:
    nums = [3, 1, 3]
    subsets_with_duplicates(nums)
    assert nums == [3, 1, 3]
