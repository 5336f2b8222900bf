"""DynamicArray: contents behave like a list, and the copy counts match the arithmetic."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.complexity.dynamic_array import (
    DynamicArray,
    constant_step,
    copies_after,
    doubling,
    like_cpython,
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers()), st.sampled_from([doubling, like_cpython, constant_step(3)]))
def test_holds_what_was_appended(values: list[int], growth) -> None:
    array = DynamicArray(growth)
    for value in values:
        array.append(value)
    assert len(array) == len(values) <= array.capacity
    assert [array[index] for index in range(len(array))] == values


@pytest.mark.parametrize("n", [*range(1, 300), 1_023, 1_024, 1_025, 4_097])
def test_doubling_copies_fewer_than_two_per_append(n: int) -> None:
    copies = copies_after(n)
    assert copies < 2 * n
    assert copies == 2 ** math.ceil(math.log2(n)) - 1 if n > 1 else copies == 0


@pytest.mark.parametrize(("n", "step"), [(1, 4), (10, 4), (64, 64), (65, 64), (1_000, 64), (999, 7)])
def test_constant_step_copies_are_quadratic(n: int, step: int) -> None:
    reallocations = math.ceil(n / step)  # at sizes 0, step, 2*step, ...
    assert copies_after(n, constant_step(step)) == step * reallocations * (reallocations - 1) // 2


def test_like_cpython_stays_near_eight_copies_per_append() -> None:
    # A factor of 9/8 costs about 1 / (9/8 - 1) = 8 copies per append.
    assert 7 < copies_after(200_000, like_cpython) / 200_000 < 9.5


def test_out_of_range_index_is_refused() -> None:
    array = DynamicArray()
    array.append("x")
    with pytest.raises(IndexError, match="index 1 out of range for length 1"):
        array[1]
    with pytest.raises(IndexError):
        array[-1]


def test_bad_growth_is_refused() -> None:
    with pytest.raises(ValueError, match="step must be at least 1"):
        constant_step(0)
    array = DynamicArray(lambda capacity: capacity)
    with pytest.raises(ValueError, match="larger capacity"):
        array.append(1)
    assert len(array) == 0
