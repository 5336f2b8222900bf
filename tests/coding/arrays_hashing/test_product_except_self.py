"""Product except self: two passes agree with multiplying everything else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.arrays_hashing.product_except_self import (
    product_except_self,
    product_except_self_brute_force,
    product_except_self_by_division,
)

nums_lists = st.lists(st.integers(min_value=-9, max_value=9), max_size=20)


@settings(max_examples=200, deadline=None)
@given(nums_lists)
def test_two_passes_match_brute_force(nums: list[int]) -> None:
    assert product_except_self(nums) == product_except_self_brute_force(nums)


@given(nums_lists.filter(lambda nums: 0 not in nums))
def test_division_is_only_right_without_zeros(nums: list[int]) -> None:
    assert product_except_self_by_division(nums) == product_except_self(nums)


def test_division_fails_on_a_zero() -> None:
    with pytest.raises(ZeroDivisionError):
        product_except_self_by_division([2, 0, 4])


def test_the_input_is_not_changed() -> None:
    nums = [1, 2, 3]
    product_except_self(nums)
    assert nums == [1, 2, 3]
