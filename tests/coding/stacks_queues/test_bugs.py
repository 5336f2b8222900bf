"""The buggy versions shown on the page really are wrong, on the inputs the page says."""

from __future__ import annotations

import pytest

from examples.coding.stacks_queues.bugs import (
    is_valid_unguarded,
    largest_rectangle_no_sentinel,
    warmer_days_from_values,
)
from examples.coding.stacks_queues.daily_temperatures import days_until_warmer
from examples.coding.stacks_queues.largest_rectangle import largest_rectangle_area


def test_unguarded_pop_crashes_on_a_stray_closer() -> None:
    with pytest.raises(IndexError):
        is_valid_unguarded(")")


def test_values_on_the_stack_lose_repeated_days() -> None:
    temperatures = [70, 70, 71]
    assert warmer_days_from_values(temperatures) != days_until_warmer(temperatures)


def test_no_sentinel_misses_a_rising_histogram_but_not_one_ending_low() -> None:
    assert largest_rectangle_no_sentinel([1, 2, 3, 4, 5]) == 0 != largest_rectangle_area([1, 2, 3, 4, 5])
    assert largest_rectangle_no_sentinel([2, 4, 1]) == largest_rectangle_area([2, 4, 1])
