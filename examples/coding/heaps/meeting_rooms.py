"""Meeting rooms: the fewest rooms that hold every meeting, via a heap of end times."""

from __future__ import annotations

import heapq


def _require_valid(meetings: list[list[int]]) -> None:
    for start, end in meetings:
        if not start < end:
            raise ValueError(f"a meeting must end after it starts: {[start, end]}")


# --8<-- [start:optimal]
def min_meeting_rooms(meetings: list[list[int]]) -> int:
    """Rooms needed for meetings [start, end): one ending at t frees a room for t.

    Time O(n log n) (the sort, then one heap step per meeting), space O(n).
    """
    _require_valid(meetings)
    ends: list[int] = []  # min-heap: when each open room frees up
    for start, end in sorted(meetings):
        # Invariant: len(ends) rooms are open, and ends[0] is the earliest
        # any of them is free again.
        if ends and ends[0] <= start:
            heapq.heapreplace(ends, end)  # reuse the room that frees first
        else:
            heapq.heappush(ends, end)  # every room is busy: open one more
    return len(ends)


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def min_meeting_rooms_brute_force(meetings: list[list[int]]) -> int:
    """The most meetings running at once, checked at every start. Time O(n^2)."""
    _require_valid(meetings)
    return max(
        (sum(s <= start < e for s, e in meetings) for start, _ in meetings),
        default=0,
    )


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    day = [[9, 10], [9, 12], [10, 11], [11, 12], [11, 13]]
    print(min_meeting_rooms(day), min_meeting_rooms_brute_force(day))
    #> 3 3
    print(min_meeting_rooms([[9, 10], [10, 11]]))  # back to back: one room
    #> 1
    # --8<-- [end:demo]
