"""Four bugs interval code ships. Every function here is wrong on purpose."""

from __future__ import annotations


# --8<-- [start:wrong_key]
def merge_sorted_by_end(intervals: list[list[int]]) -> list[list[int]]:
    """BUG: sorted by end, a later interval can start before the last run."""
    merged: list[list[int]] = []
    for start, end in sorted(intervals, key=lambda interval: interval[1]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)  # the run's start stays put
        else:
            merged.append([start, end])
    return merged


# --8<-- [end:wrong_key]


# --8<-- [start:aliasing]
def merge_aliased(intervals: list[list[int]]) -> list[list[int]]:
    """BUG: appends the caller's own lists, then grows them in place."""
    merged: list[list[int]] = []
    for interval in sorted(intervals):  # sorted() copies the outer list only
        if merged and interval[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], interval[1])  # writes into the input
        else:
            merged.append(interval)  # should be [start, end]: a new list
    return merged


# --8<-- [end:aliasing]


# --8<-- [start:tie]
def rooms_starts_first(meetings: list[list[int]]) -> int:
    """BUG: at equal times, starts sort before ends, so back to back clashes."""
    events = [(start, -1) for start, _ in meetings]  # -1 here marks a start
    events += [(end, +1) for _, end in meetings]  # +1 marks an end
    in_use = rooms = 0
    for _, kind in sorted(events):
        in_use += 1 if kind == -1 else -1
        rooms = max(rooms, in_use)
    return rooms


# --8<-- [end:tie]


# --8<-- [start:last_run]
def merge_forgets_last(intervals: list[list[int]]) -> list[list[int]]:
    """BUG: the run still open when the loop ends is never appended."""
    if not intervals:
        return []
    ordered = sorted(intervals)
    merged: list[list[int]] = []
    start, end = ordered[0]
    for next_start, next_end in ordered[1:]:
        if next_start <= end:
            end = max(end, next_end)
        else:
            merged.append([start, end])
            start, end = next_start, next_end
    return merged  # should append [start, end] first


# --8<-- [end:last_run]


if __name__ == "__main__":
    from examples.coding.intervals_greedy.merge_intervals import merge_intervals

    # --8<-- [start:demo_key]
    print(merge_sorted_by_end([[2, 3], [4, 5], [1, 10]]))  # [1, 10] covers all
    #> [[2, 3], [4, 10]]
    # --8<-- [end:demo_key]
    # --8<-- [start:demo_alias]
    calendar = [[1, 3], [2, 6], [8, 10]]
    merge_aliased(calendar)
    print(calendar)  # the caller's first interval changed
    #> [[1, 6], [2, 6], [8, 10]]
    calendar = [[1, 3], [2, 6], [8, 10]]
    merge_intervals(calendar)
    print(calendar)
    #> [[1, 3], [2, 6], [8, 10]]
    # --8<-- [end:demo_alias]
    # --8<-- [start:demo_tie]
    print(rooms_starts_first([[1, 2], [2, 3]]))  # one room is enough
    #> 2
    # --8<-- [end:demo_tie]
    # --8<-- [start:demo_last]
    print(merge_forgets_last([[1, 3], [2, 4], [6, 8]]))  # [6, 8] is gone
    #> [[1, 4]]
    # --8<-- [end:demo_last]
