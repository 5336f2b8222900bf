"""Merge and insert: the sort-and-scan against the merge-any-pair brute force."""

from __future__ import annotations

import copy
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.intervals_greedy.insert_interval import (
    insert_interval,
    insert_interval_brute_force,
)
from examples.coding.intervals_greedy.merge_intervals import (
    merge_intervals,
    merge_intervals_brute_force,
)
from tests.coding.intervals_greedy.strategies import closed_intervals


@settings(max_examples=200, deadline=None)
@given(closed_intervals())
def test_merge_matches_brute_force_and_leaves_input_alone(intervals) -> None:
    before = copy.deepcopy(intervals)
    merged = merge_intervals(intervals)
    assert merged == merge_intervals_brute_force(intervals)
    assert intervals == before
    # Merged runs are sorted and never touch (touching ones would have merged).
    assert all(a[1] < b[0] for a, b in pairwise(merged))


def test_merge_returns_new_lists() -> None:
    intervals = [[1, 3], [2, 6]]
    merged = merge_intervals(intervals)
    merged[0][0] = 99
    assert intervals == [[1, 3], [2, 6]]


@settings(max_examples=200, deadline=None)
@given(closed_intervals(), st.integers(-25, 25), st.integers(0, 10))
def test_insert_matches_append_and_merge(intervals, start, length) -> None:
    disjoint = merge_intervals(intervals)  # sorted, none touching
    new = [start, start + length]
    assert insert_interval(disjoint, new) == insert_interval_brute_force(disjoint, new)


@pytest.mark.parametrize("function", [merge_intervals, merge_intervals_brute_force])
def test_merge_refuses_backwards_intervals(function) -> None:
    with pytest.raises(ValueError, match="start <= end"):
        function([[1, 2], [5, 4]])


def test_merge_refuses_a_non_pair() -> None:
    with pytest.raises(ValueError, match=r"\[start, end\]"):
        merge_intervals([[1, 2, 3]])


@pytest.mark.parametrize("bad", [[[5, 6], [1, 2]], [[1, 2], [2, 3]], [[1, 4], [3, 5]]])
def test_insert_refuses_unsorted_or_touching_input(bad) -> None:
    with pytest.raises(ValueError, match="sorted and disjoint"):
        insert_interval(bad, [0, 1])


def test_insert_refuses_a_backwards_new_interval() -> None:
    with pytest.raises(ValueError, match="start <= end"):
        insert_interval([[1, 2]], [5, 3])
