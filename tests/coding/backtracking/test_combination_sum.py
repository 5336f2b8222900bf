"""Combination sum against the every-vector-of-counts brute force."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.backtracking.combination_sum import (
    combination_sum,
    combination_sum_brute_force,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 12), max_size=5), st.integers(-3, 20))
def test_matches_brute_force(candidates: list[int], target: int) -> None:
    found = combination_sum(candidates, target)
    assert all(sum(c) == target and c == sorted(c) for c in found)
    assert sorted(found) == sorted(combination_sum_brute_force(candidates, target))


@pytest.mark.parametrize("function", [combination_sum, combination_sum_brute_force])
@pytest.mark.parametrize("bad", [[0], [3, -1]])
def test_refuses_candidates_below_one(function, bad: list[int]) -> None:
    with pytest.raises(ValueError, match="positive"):
        function(bad, 5)
