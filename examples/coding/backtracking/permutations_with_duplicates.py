"""Permutations with duplicates: every distinct ordering of a list that may repeat values."""

from __future__ import annotations

from itertools import permutations


# --8<-- [start:optimal]
def permutations_with_duplicates(nums: list[int]) -> list[list[int]]:
    """Every distinct ordering of `nums` once, in ascending lexicographic order.

    Sort, so equal values sit together. Among equal values, always use the
    leftmost unused one first: skip values[i] when it equals values[i - 1]
    and values[i - 1] is not in the path. Then equal values appear in the
    path in a fixed order and no ordering is built twice. Every node leads to
    an answer, so there are at most n + 1 nodes per answer, each O(n): time
    O(n^2 * answers); extra space O(n).
    """
    values = sorted(nums)
    result: list[list[int]] = []
    path: list[int] = []
    used = [False] * len(values)

    def explore() -> None:
        if len(path) == len(values):
            result.append(path.copy())
            return
        for i, value in enumerate(values):
            if used[i]:
                continue
            if i > 0 and value == values[i - 1] and not used[i - 1]:
                continue  # its equal twin on the left is free: same subtree
            used[i] = True
            path.append(value)
            explore()
            path.pop()
            used[i] = False

    explore()
    return result


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def permutations_with_duplicates_brute_force(nums: list[int]) -> list[list[int]]:
    """All n! orderings from itertools, deduplicated with a set, then sorted.

    Time O(n * n!) however few distinct orderings there are.
    """
    return [list(order) for order in sorted(set(permutations(nums)))]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(permutations_with_duplicates([2, 1, 1]))
    #> [[1, 1, 2], [1, 2, 1], [2, 1, 1]]
    print(len(permutations_with_duplicates([1, 1, 1, 1, 2, 2, 2, 2])))
    #> 70
    # --8<-- [end:demo]
