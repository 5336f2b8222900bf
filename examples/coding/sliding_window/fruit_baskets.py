"""Pick fruit from a row of trees, one per tree, into two baskets of one kind each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


# --8<-- [start:optimal]
def max_fruits(trees: Sequence[int]) -> int:
    """The longest window with at most two kinds: O(n) time, O(1) space."""
    counts: Counter[int] = Counter()
    left = best = 0
    for right, kind in enumerate(trees):
        counts[kind] += 1
        while len(counts) > 2:
            counts[trees[left]] -= 1
            if counts[trees[left]] == 0:
                del counts[trees[left]]
            left += 1
        best = max(best, right - left + 1)
    return best


# --8<-- [end:optimal]


def max_fruits_brute_force(trees: Sequence[int]) -> int:
    """Every start, extended while two kinds or fewer: O(n^2) time."""
    best = 0
    for start in range(len(trees)):
        kinds: set[int] = set()
        for end in range(start, len(trees)):
            kinds.add(trees[end])
            if len(kinds) > 2:
                break
            best = max(best, end - start + 1)
    return best


if __name__ == "__main__":
    print(max_fruits([1, 2, 3, 2, 2]))
    #> 4
