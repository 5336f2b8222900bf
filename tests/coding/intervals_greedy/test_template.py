"""The template's two skeletons against brute force on small inputs."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings

from examples.coding.intervals_greedy.template import max_overlap, select_by_end
from tests.coding.intervals_greedy.strategies import closed_intervals


def clash(a: list[int], b: list[int], closed: bool) -> bool:
    if closed:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def largest_compatible(intervals: list[list[int]], closed: bool) -> int:
    for size in range(len(intervals), 0, -1):
        for subset in combinations(intervals, size):
            if not any(clash(a, b, closed) for a, b in combinations(subset, 2)):
                return size
    return 0


@settings(max_examples=150, deadline=None)
@given(closed_intervals(max_size=9))
def test_select_by_end_keeps_a_largest_compatible_set(intervals) -> None:
    # Point intervals [x, x] are fine closed; half-open needs start < end.
    half_open = [i for i in intervals if i[0] < i[1]]
    for closed, data in ((True, intervals), (False, half_open)):
        kept = select_by_end(data, touching_overlaps=closed)
        assert not any(clash(a, b, closed) for a, b in combinations(kept, 2))
        assert len(kept) == largest_compatible(data, closed)


@settings(max_examples=200, deadline=None)
@given(closed_intervals())
def test_max_overlap_counts_the_busiest_point(intervals) -> None:
    # Closed: the busiest point is some start. Half-open: the busiest unit is a start too.
    starts = [start for start, _ in intervals]
    closed = max((sum(s <= t <= e for s, e in intervals) for t in starts), default=0)
    half_open_data = [i for i in intervals if i[0] < i[1]]
    half_open = max(
        (sum(s <= t < e for s, e in half_open_data) for t, _ in half_open_data), default=0
    )
    assert max_overlap(intervals, closed=True) == closed
    assert max_overlap(half_open_data, closed=False) == half_open


def test_the_tie_rule_decides_touching() -> None:
    assert max_overlap([[1, 2], [2, 3]], closed=True) == 2
    assert max_overlap([[1, 2], [2, 3]], closed=False) == 1


def test_the_template_refuses_empty_half_open_intervals() -> None:
    # [5, 5) holds no time: the heap would give it a room, the sweep would not.
    with pytest.raises(ValueError, match="start < end"):
        max_overlap([[1, 1]], closed=False)
    with pytest.raises(ValueError, match="start < end"):
        select_by_end([[1, 2], [2, 2]], touching_overlaps=False)
    assert max_overlap([[1, 1]], closed=True) == 1  # a closed point is fine


def test_the_template_refuses_backwards_intervals() -> None:
    with pytest.raises(ValueError, match="start <= end"):
        max_overlap([[3, 1]], closed=True)
    with pytest.raises(ValueError, match="start <= end"):
        select_by_end([[3, 1]], touching_overlaps=True)
