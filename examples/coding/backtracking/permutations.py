"""Permutations: every ordering of a list of distinct values."""

from __future__ import annotations

from itertools import permutations as all_orderings
from itertools import product


# --8<-- [start:optimal]
def permutations(nums: list[int]) -> list[list[int]]:
    """Every ordering of `nums` (distinct values), in lexicographic order of positions.

    A node is a prefix; its children are the values not used yet, tracked in
    a list of flags so the check is O(1). Time O(n * n!): n! leaves, each
    copied in O(n), and fewer than e * n! nodes in all. Extra space O(n).
    Raises ValueError on repeated values (see permutations_with_duplicates).
    """
    if len(set(nums)) != len(nums):
        raise ValueError("values must be distinct; use permutations_with_duplicates")
    result: list[list[int]] = []
    path: list[int] = []
    used = [False] * len(nums)

    def explore() -> None:
        if len(path) == len(nums):
            result.append(path.copy())
            return
        for i, value in enumerate(nums):
            if used[i]:
                continue
            used[i] = True  # choose
            path.append(value)
            explore()
            path.pop()  # un-choose, in the reverse order
            used[i] = False

    explore()
    return result


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def permutations_brute_force(nums: list[int]) -> list[list[int]]:
    """Every n-tuple of positions (n^n of them), kept if it uses each one once.

    Time O(n * n^n): for n = 8 that is 16.8 million tuples for 40,320 answers.
    """
    n = len(nums)
    return [
        [nums[i] for i in positions]
        for positions in product(range(n), repeat=n)
        if len(set(positions)) == n
    ]


# --8<-- [end:brute_force]


def permutations_library(nums: list[int]) -> list[list[int]]:
    """What production code writes: itertools.permutations, O(n * n!) in C."""
    return [list(order) for order in all_orderings(nums)]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(permutations([1, 2, 3]))
    #> [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]]
    print(permutations([1, 2, 3]) == permutations_library([1, 2, 3]))
    #> True
    # --8<-- [end:demo]
