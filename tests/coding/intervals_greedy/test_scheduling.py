"""Removals and arrows: the earliest-end greedy against trying every subset."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.intervals_greedy.arrows import min_arrows, min_arrows_brute_force
from examples.coding.intervals_greedy.non_overlapping import (
    min_removals,
    min_removals_brute_force,
    min_removals_by_start,
)
from examples.coding.intervals_greedy.template import select_by_end
from tests.coding.intervals_greedy.strategies import closed_intervals, half_open_intervals


@settings(max_examples=200, deadline=None)
@given(half_open_intervals(max_size=9))
def test_min_removals_matches_every_subset(intervals) -> None:
    best = min_removals_brute_force(intervals)
    assert min_removals(intervals) == best
    assert len(intervals) - len(select_by_end(intervals, touching_overlaps=False)) == best
    assert min_removals_by_start(intervals) >= best  # never better, sometimes worse


def test_sorting_by_start_is_wrong_on_a_long_first_interval() -> None:
    long_first = [[1, 10], [2, 3], [4, 5]]
    assert min_removals_brute_force(long_first) == 1
    assert min_removals(long_first) == 1
    assert min_removals_by_start(long_first) == 2


@settings(max_examples=200, deadline=None)
@given(closed_intervals(max_size=8))
def test_min_arrows_matches_every_set_of_ends(balloons) -> None:
    best = min_arrows_brute_force(balloons)
    assert min_arrows(balloons) == best
    # The fewest arrows equals the most balloons no two of which share a point.
    assert len(select_by_end(balloons, touching_overlaps=True)) == best


@pytest.mark.parametrize(
    "function", [min_removals, min_removals_brute_force, min_removals_by_start]
)
def test_removals_refuse_empty_intervals(function) -> None:
    with pytest.raises(ValueError, match="start < end"):
        function([[3, 3]])


@pytest.mark.parametrize("function", [min_arrows, min_arrows_brute_force])
def test_arrows_refuse_backwards_balloons(function) -> None:
    with pytest.raises(ValueError, match="start <= end"):
        function([[3, 1]])
