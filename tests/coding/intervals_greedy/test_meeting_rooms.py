"""Meeting rooms I and II: heap, sweep line and timeline agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from examples.coding.intervals_greedy.meeting_rooms import (
    can_attend_all,
    can_attend_all_brute_force,
)
from examples.coding.intervals_greedy.meeting_rooms_ii import (
    min_rooms,
    min_rooms_brute_force,
    min_rooms_sweep,
)
from tests.coding.intervals_greedy.strategies import half_open_intervals


@settings(max_examples=200, deadline=None)
@given(half_open_intervals())
def test_can_attend_matches_every_pair(meetings) -> None:
    assert can_attend_all(meetings) == can_attend_all_brute_force(meetings)


@settings(max_examples=200, deadline=None)
@given(half_open_intervals(max_size=20))
def test_heap_sweep_and_timeline_agree(meetings) -> None:
    rooms = min_rooms_brute_force(meetings)
    assert min_rooms(meetings) == rooms
    assert min_rooms_sweep(meetings) == rooms
    assert can_attend_all(meetings) == (rooms <= 1)


@pytest.mark.parametrize(
    "function",
    [can_attend_all, can_attend_all_brute_force, min_rooms, min_rooms_sweep, min_rooms_brute_force],
)
def test_empty_meetings_are_refused(function) -> None:
    with pytest.raises(ValueError, match="start < end"):
        function([[1, 3], [4, 4]])
