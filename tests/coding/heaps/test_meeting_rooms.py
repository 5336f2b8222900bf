"""The heap of end times agrees with counting overlaps at every start."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examples.coding.heaps.meeting_rooms import min_meeting_rooms, min_meeting_rooms_brute_force

MEETINGS = st.lists(
    st.tuples(st.integers(-10, 20), st.integers(1, 8)).map(lambda m: [m[0], m[0] + m[1]]),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(MEETINGS)
def test_matches_brute_force(meetings: list[list[int]]) -> None:
    assert min_meeting_rooms(meetings) == min_meeting_rooms_brute_force(meetings)


@pytest.mark.parametrize("solution", [min_meeting_rooms, min_meeting_rooms_brute_force])
@pytest.mark.parametrize("meeting", [[5, 3], [4, 4]])
def test_a_meeting_must_end_after_it_starts(solution, meeting: list[int]) -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        solution([[1, 2], meeting])
