"""The practice problems against their plain-recursion or every-subarray brute forces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.decode_ways import decode_ways, decode_ways_brute_force
from examples.coding.dynamic_programming.max_product_subarray import max_product, max_product_brute_force
from examples.coding.dynamic_programming.partition_equal_subset import (
    can_partition,
    can_partition_brute_force,
)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", max_size=14) | st.text(alphabet="0126", max_size=14))
def test_decode_ways(digits: str) -> None:
    assert decode_ways(digits) == decode_ways_brute_force(digits)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 12), max_size=12))
def test_can_partition(numbers: list[int]) -> None:
    assert can_partition(numbers) == can_partition_brute_force(numbers)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=15))
def test_max_product(numbers: list[int]) -> None:
    assert max_product(numbers) == max_product_brute_force(numbers)


@pytest.mark.parametrize(
    ("function", "bad", "message"),
    [
        (decode_ways, "1a", "0-9"),
        (decode_ways_brute_force, "x", "0-9"),
        (can_partition, [1, -1], "zero or more"),
        (can_partition_brute_force, [-2], "zero or more"),
        (max_product, [], "empty"),
        (max_product_brute_force, [], "empty"),
    ],
)
def test_bad_input(function, bad, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        function(bad)
