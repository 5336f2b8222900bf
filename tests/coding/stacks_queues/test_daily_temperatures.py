"""The stack answer agrees with looking ahead from every day."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.stacks_queues.daily_temperatures import days_until_warmer, days_until_warmer_brute_force


@given(st.lists(st.integers(-10, 10), max_size=50))
@settings(max_examples=200, deadline=None)
def test_matches_brute_force(temperatures: list[int]) -> None:
    assert days_until_warmer(temperatures) == days_until_warmer_brute_force(temperatures)
