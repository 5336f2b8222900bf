"""Each bug on the page fails on the input the page shows."""

from __future__ import annotations

from examples.coding.intervals_greedy.bugs import (
    merge_aliased,
    merge_forgets_last,
    merge_sorted_by_end,
    rooms_starts_first,
)
from examples.coding.intervals_greedy.meeting_rooms_ii import min_rooms
from examples.coding.intervals_greedy.merge_intervals import merge_intervals


def test_sorting_by_end_misses_a_covering_interval() -> None:
    intervals = [[2, 3], [4, 5], [1, 10]]
    assert merge_sorted_by_end(intervals) != merge_intervals(intervals) == [[1, 10]]


def test_aliasing_rewrites_the_callers_interval() -> None:
    calendar = [[1, 3], [2, 6], [8, 10]]
    assert merge_aliased(calendar) == [[1, 6], [8, 10]]  # right answer...
    assert calendar[0] == [1, 6]  # ...wrong side effect


def test_starts_first_counts_back_to_back_as_a_clash() -> None:
    assert rooms_starts_first([[1, 2], [2, 3]]) == 2
    assert min_rooms([[1, 2], [2, 3]]) == 1


def test_forgetting_the_last_run_drops_it() -> None:
    assert merge_forgets_last([[1, 3], [2, 4], [6, 8]]) == [[1, 4]]
    assert merge_intervals([[1, 3], [2, 4], [6, 8]]) == [[1, 4], [6, 8]]
