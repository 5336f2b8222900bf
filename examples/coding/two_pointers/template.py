"""The two shapes of two pointers, as reusable helpers.

`converge` walks two indices toward each other over sorted data.
`compact` walks a read index and a write index in the same direction and
rewrites a list in place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:converge]
def converge(size: int, compare: Callable[[int, int], int]) -> tuple[int, int] | None:
    """Find indices i < j with compare(i, j) == 0, moving in from both ends.

    compare(i, j) returns a negative number when the pair is too small (so i
    moves right), a positive one when it is too big (so j moves left), and 0
    when (i, j) is the answer. This is only correct when moving an index can
    never skip an answer: on data sorted ascending, "too small" means no pair
    that uses i can work, and "too big" means no pair that uses j can.
    Time O(size) calls of compare; space O(1).
    """
    left, right = 0, size - 1
    while left < right:  # two distinct indices; left == right would reuse one
        # Invariant: no answer uses an index below left or above right.
        verdict = compare(left, right)
        if verdict == 0:
            return left, right
        if verdict < 0:
            left += 1
        else:
            right -= 1
    return None


# --8<-- [end:converge]


# --8<-- [start:compact]
def compact(values: list[T], keep: Callable[[T, list[T], int], bool]) -> int:
    """Keep, in order and in place, the values that keep() accepts; return how many.

    keep(value, values, write) sees the candidate and the kept prefix
    values[:write], so a rule can look at what it already kept (for example
    "differs from values[write - 1]"). After the call values[:count] holds the
    kept values; the slots after it hold leftovers. Time O(n) calls of keep;
    space O(1).
    """
    write = 0
    for read in range(len(values)):
        # Invariant: values[:write] is the answer for values[:read], and write <= read.
        if keep(values[read], values, write):
            values[write] = values[read]
            write += 1
    return write


# --8<-- [end:compact]


if __name__ == "__main__":
    # --8<-- [start:demo]
    prices = [3, 8, 11, 15, 21]
    print(converge(len(prices), lambda i, j: prices[i] + prices[j] - 26))
    #> (2, 3)
    readings = [1, 1, 2, 2, 2, 5]
    count = compact(readings, lambda value, kept, w: w == 0 or value != kept[w - 1])
    print(count, readings[:count])
    #> 3 [1, 2, 5]
    # --8<-- [end:demo]
