"""Does the list hold a duplicate? Sort, then compare neighbors: O(n log n) time."""

from __future__ import annotations

from itertools import pairwise
from typing import Any


# --8<-- [start:solution]
def has_duplicate_sorted(values: list[Any]) -> bool:
    """True if two positions hold equal values. Needs `<` on the items; O(n) extra space.

    After sorting, equal values sit side by side, so one pass over neighbors finds them.
    `sorted` copies, so the caller's list keeps its order.
    """
    ordered = sorted(values)
    return any(left == right for left, right in pairwise(ordered))


# --8<-- [end:solution]


if __name__ == "__main__":
    print(has_duplicate_sorted([3, 1, 4, 1, 5]), has_duplicate_sorted([2, 7, 1, 8]))
    #> True False
