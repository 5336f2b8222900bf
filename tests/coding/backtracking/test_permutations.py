"""Permutations, with and without duplicates, against generate-then-filter brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.backtracking.permutations import (
    permutations,
    permutations_brute_force,
    permutations_library,
)
from examples.coding.backtracking.permutations_with_duplicates import (
    permutations_with_duplicates,
    permutations_with_duplicates_brute_force,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-50, 50), max_size=6, unique=True))
def test_permutations_match_the_n_to_the_n_filter(nums: list[int]) -> None:
    found = permutations(nums)
    assert found == permutations_brute_force(nums)  # both in order of positions
    assert found == permutations_library(nums)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-2, 2), max_size=7))
def test_permutations_with_duplicates_match_itertools_and_a_set(nums: list[int]) -> None:
    assert permutations_with_duplicates(nums) == permutations_with_duplicates_brute_force(nums)


def test_permutations_refuses_repeated_values() -> None:
    with pytest.raises(ValueError, match="distinct"):
        permutations([4, 4])
