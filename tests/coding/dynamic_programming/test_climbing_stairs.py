"""Climbing stairs: the call counts on the page, and the O(1) loop against plain recursion."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.dynamic_programming.climbing_stairs import (
    calls_per_subproblem,
    climb_ways,
    climb_ways_brute_force,
)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 20))
def test_matches_plain_recursion(steps: int) -> None:
    assert climb_ways(steps) == climb_ways_brute_force(steps)


@pytest.mark.parametrize("steps", [0, 1, 2, 6, 15])
def test_plain_recursion_calls_grow_like_the_answer(steps: int) -> None:
    # Each leaf returns 1, so the answer counts the leaves; a binary call tree
    # in which every inner call makes exactly two calls has 2L - 1 calls in all.
    calls = calls_per_subproblem(steps, cached=False)
    assert calls.total() == 2 * climb_ways(steps) - 1


def test_plain_recursion_solves_small_staircases_many_times() -> None:
    calls = calls_per_subproblem(6, cached=False)
    assert calls[2] == 5 and calls[1] == 8


@pytest.mark.parametrize("steps", [2, 6, 30])
def test_cached_solves_each_staircase_once(steps: int) -> None:
    calls = calls_per_subproblem(steps, cached=True)
    assert set(calls.values()) == {1}
    assert calls.total() == steps + 1


@pytest.mark.parametrize("function", [climb_ways, climb_ways_brute_force])
def test_refuses_negative_steps(function) -> None:
    with pytest.raises(ValueError, match="zero or more"):
        function(-1)
