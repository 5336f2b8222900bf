"""Meeting rooms II: the fewest rooms that hold every meeting."""

from __future__ import annotations

import heapq

from examples.coding.intervals_greedy.checks import require_intervals


# --8<-- [start:optimal]
def min_rooms(meetings: list[list[int]]) -> int:
    """Fewest rooms for half-open meetings [start, end), with a heap of end times.

    A room freed at 10 can hold a meeting that starts at 10.
    Time O(n log n), space O(n).
    """
    require_intervals(meetings, closed=False)
    ends: list[int] = []  # one end time per room opened; the earliest on top
    for start, end in sorted(meetings):
        if ends and ends[0] <= start:  # the room that frees first is free now
            heapq.heapreplace(ends, end)
        else:  # every room is busy at `start`: open one
            heapq.heappush(ends, end)
    return len(ends)


# --8<-- [end:optimal]


# --8<-- [start:sweep]
def min_rooms_sweep(meetings: list[list[int]]) -> int:
    """Fewest rooms, by a sweep over +1/-1 events. Time O(n log n), space O(n)."""
    require_intervals(meetings, closed=False)
    events = [(start, +1) for start, _ in meetings]
    events += [(end, -1) for _, end in meetings]
    events.sort()  # at one time, (10, -1) sorts before (10, +1): ends first
    in_use = rooms = 0
    for _, change in events:
        in_use += change
        rooms = max(rooms, in_use)
    return rooms


# --8<-- [end:sweep]


# --8<-- [start:brute_force]
def min_rooms_brute_force(meetings: list[list[int]]) -> int:
    """Count the meetings in every unit of time [t, t + 1); integer times only.

    Time O(T + L), where T is the span from the first start to the last end
    and L the sum of the lengths (at most n * T); space O(T).
    """
    require_intervals(meetings, closed=False)
    if not meetings:
        return 0
    first = min(start for start, _ in meetings)
    last = max(end for _, end in meetings)
    busy = [0] * (last - first)  # busy[t - first]: meetings during [t, t + 1)
    for start, end in meetings:
        for t in range(start, end):
            busy[t - first] += 1
    return max(busy)


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    day = [[0, 30], [5, 10], [15, 20], [10, 15]]
    print(min_rooms(day), min_rooms_sweep(day), min_rooms_brute_force(day))
    #> 2 2 2
    print(min_rooms([[1, 2], [2, 3], [3, 4]]))  # back to back: one room
    #> 1
    # --8<-- [end:demo]
