"""Input checks shared by the interval problems on docs/coding/intervals-greedy.md."""

from __future__ import annotations

from collections.abc import Sequence


def require_intervals(intervals: Sequence[Sequence[int]], *, closed: bool) -> None:
    """Raise ValueError unless every interval is a [start, end] pair in order.

    Closed intervals may be a single point (start == end); half-open ones
    [start, end) must not be empty (start < end).
    """
    for interval in intervals:
        if len(interval) != 2:
            raise ValueError(f"each interval is [start, end], not {list(interval)}")
        start, end = interval
        if end < start or (not closed and end == start):
            relation = "<=" if closed else "<"
            raise ValueError(
                f"each interval needs start {relation} end: {list(interval)}"
            )
