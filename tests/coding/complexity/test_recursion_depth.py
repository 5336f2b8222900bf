"""The three sums agree; only the recursive ones run out of stack."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.complexity.recursion_depth import total_iterative, total_recursive, total_sliced


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(), max_size=200))
def test_all_sums_agree(values: list[int]) -> None:
    assert total_recursive(values) == total_sliced(values) == total_iterative(values) == sum(values)


def test_recursion_fails_past_the_limit_and_the_loop_does_not() -> None:
    too_long = list(range(sys.getrecursionlimit() + 10))
    with pytest.raises(RecursionError):
        total_recursive(too_long)
    with pytest.raises(RecursionError):
        total_sliced(too_long)
    assert total_iterative(too_long) == sum(too_long)
