"""k-sum against every combination of k positions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.two_pointers.k_sum import k_sum, k_sum_brute_force
from examples.coding.two_pointers.three_sum import three_sum


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-6, 6), max_size=12), st.integers(2, 4), st.integers(-10, 10))
def test_matches_brute_force(numbers: list[int], k: int, target: int) -> None:
    assert sorted(k_sum(numbers, k, target)) == k_sum_brute_force(numbers, k, target)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(-8, 8), max_size=20))
def test_k_of_3_and_target_0_is_three_sum(numbers: list[int]) -> None:
    assert sorted(k_sum(numbers, 3, 0)) == sorted(three_sum(numbers))


@pytest.mark.parametrize("k", [1, 0, -2])
def test_k_below_2_is_refused(k: int) -> None:
    with pytest.raises(ValueError, match="at least 2"):
        k_sum([1, 2, 3], k, 3)


def test_recursion_goes_k_minus_1_levels_deep() -> None:
    # What the page says: k = 300 is fine, k = 1,200 passes the default limit of 1,000.
    assert k_sum([1] * 300, 300, 300) == [[1] * 300]
    with pytest.raises(RecursionError):
        k_sum([1] * 1_200, 1_200, 1_200)
