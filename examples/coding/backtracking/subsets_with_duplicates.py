"""Subsets with duplicates: every distinct subset of a list that may repeat values."""

from __future__ import annotations


# --8<-- [start:optimal]
def subsets_with_duplicates(nums: list[int]) -> list[list[int]]:
    """Every distinct subset of `nums` once, each sorted ascending.

    Sort, so equal values sit together. At one depth (one call of explore),
    a value equal to the sibling just tried would start the same subsets
    again, so skip it. Deeper down the same value is allowed: that is how
    [2, 2] gets built. Time O(n * 2^n) in the worst case (all distinct), and
    O(n * output) in general. Extra space O(n) besides the output.
    """
    values = sorted(nums)
    result: list[list[int]] = []
    path: list[int] = []

    def explore(start: int) -> None:
        result.append(path.copy())
        for i in range(start, len(values)):
            if i > start and values[i] == values[i - 1]:
                continue  # an equal sibling at this depth: same subtree again
            path.append(values[i])
            explore(i + 1)
            path.pop()

    explore(0)
    return result


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def subsets_with_duplicates_brute_force(nums: list[int]) -> list[list[int]]:
    """All 2^n bitmasks of the sorted list, with a set dropping the repeats.

    Time O(n * 2^n) whatever the output size: [1] * 20 has 21 distinct
    subsets and this still builds 2^20 of them.
    """
    values = sorted(nums)
    n = len(values)
    seen = {
        tuple(values[i] for i in range(n) if mask >> i & 1) for mask in range(1 << n)
    }
    return [list(subset) for subset in sorted(seen)]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(subsets_with_duplicates([2, 1, 2]))
    #> [[], [1], [1, 2], [1, 2, 2], [2], [2, 2]]
    print(len(subsets_with_duplicates([5] * 20)))
    #> 21
    # --8<-- [end:demo]
