"""Does the list hold a duplicate? Compare every pair: O(n^2) time, O(1) extra space."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


# --8<-- [start:solution]
def has_duplicate_pairs(values: Sequence[Hashable]) -> bool:
    """True if two positions hold equal values. Needs only `==` on the items."""
    for i in range(len(values)):
        for j in range(i + 1, len(values)):  # n(n-1)/2 comparisons when all differ
            if values[i] == values[j]:
                return True
    return False


# --8<-- [end:solution]


if __name__ == "__main__":
    print(has_duplicate_pairs([3, 1, 4, 1, 5]), has_duplicate_pairs([2, 7, 1, 8]))
    #> True False
