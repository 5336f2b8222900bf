"""Does the list hold a duplicate? Remember what you have seen: O(n) expected time."""

from __future__ import annotations

from collections.abc import Hashable, Iterable


# --8<-- [start:solution]
def has_duplicate(values: Iterable[Hashable]) -> bool:
    """True if some value appears twice. Needs hashable items; O(n) extra space.

    Invariant: `seen` holds exactly the values before the current one, all distinct.
    """
    seen: set[Hashable] = set()
    for value in values:
        if value in seen:  # expected O(1): one hash, about one comparison
            return True
        seen.add(value)
    return False


# --8<-- [end:solution]


if __name__ == "__main__":
    print(has_duplicate([3, 1, 4, 1, 5]), has_duplicate([2, 7, 1, 8]))
    #> True False
