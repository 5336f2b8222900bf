"""Intervals and greedy: the two skeletons the problems on the page reuse."""

from __future__ import annotations

from collections.abc import Sequence

from examples.coding.intervals_greedy.checks import require_intervals


# --8<-- [start:select_by_end]
def select_by_end(
    intervals: Sequence[Sequence[int]], *, touching_overlaps: bool
) -> list[list[int]]:
    """The largest set of pairwise non-overlapping intervals, earliest end first.

    touching_overlaps=True reads intervals as closed: [1, 2] and [2, 3] share
    the point 2 and clash. False reads them as half-open: [1, 2) and [2, 3)
    do not. Time O(n log n), space O(n).
    """
    require_intervals(intervals, closed=touching_overlaps)  # half-open: start < end
    kept: list[list[int]] = []
    for start, end in sorted(intervals, key=lambda interval: interval[1]):
        # Invariant (stays ahead): no compatible set drawn from the intervals
        # seen so far is larger than kept, and none as large ends earlier.
        if not kept:
            compatible = True
        elif touching_overlaps:
            compatible = start > kept[-1][1]
        else:
            compatible = start >= kept[-1][1]
        if compatible:
            kept.append([start, end])
    return kept


# --8<-- [end:select_by_end]


# --8<-- [start:max_overlap]
def max_overlap(intervals: Sequence[Sequence[int]], *, closed: bool) -> int:
    """The most intervals that cover one point at the same time (a sweep line).

    Each interval is two events: +1 at its start, -1 at its end. At equal
    times, closed intervals that touch share the point, so starts go first;
    half-open ones do not, so ends go first. Time O(n log n), space O(n).
    """
    require_intervals(intervals, closed=closed)  # an empty [t, t) would count -1
    events = [(start, +1) for start, _ in intervals]
    events += [(end, -1) for _, end in intervals]
    events.sort(key=lambda event: (event[0], -event[1] if closed else event[1]))
    running = best = 0
    for _, change in events:
        running += change  # invariant: intervals open just after this event
        best = max(best, running)
    return best


# --8<-- [end:max_overlap]


if __name__ == "__main__":
    # --8<-- [start:demo]
    talks = [[1, 2], [2, 3], [3, 4], [1, 3]]
    print(select_by_end(talks, touching_overlaps=False))  # [1, 2) then [2, 3)
    #> [[1, 2], [2, 3], [3, 4]]
    print(select_by_end(talks, touching_overlaps=True))  # [1, 2] and [2, 3] clash
    #> [[1, 2], [3, 4]]
    print(max_overlap([[1, 2], [2, 3]], closed=True))  # both cover the point 2
    #> 2
    print(max_overlap([[1, 2], [2, 3]], closed=False))  # one ends as one starts
    #> 1
    # --8<-- [end:demo]
