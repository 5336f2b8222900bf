"""Space you do not see: every pending recursive call holds a stack frame.

A recursive sum over n items needs n frames, so it is O(n) space and dies near
Python's default limit of 1000 frames; the loop does the same work in O(1) space.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


# --8<-- [start:sums]
def total_recursive(values: Sequence[int], start: int = 0) -> int:
    """O(n) time, O(n) space: one frame per element is waiting when the last one runs."""
    if start == len(values):
        return 0
    return values[start] + total_recursive(values, start + 1)


def total_sliced(values: list[int]) -> int:
    """O(n^2) time and space: each call copies the rest of the list before recursing."""
    if not values:
        return 0
    return values[0] + total_sliced(values[1:])


def total_iterative(values: Sequence[int]) -> int:
    """O(n) time, O(1) extra space."""
    result = 0
    for value in values:
        result += value
    return result


# --8<-- [end:sums]


def main() -> None:
    # --8<-- [start:demo]
    print(sys.getrecursionlimit())
    #> 1000
    for n in (500, 2_000):
        values = list(range(n))
        try:
            print(n, total_recursive(values), total_iterative(values))
            #> 500 124750 124750
        except RecursionError as error:
            print(n, f"RecursionError: {error}", total_iterative(values))
            #> 2000 RecursionError: maximum recursion depth exceeded 1999000
    # --8<-- [end:demo]


if __name__ == "__main__":
    main()
