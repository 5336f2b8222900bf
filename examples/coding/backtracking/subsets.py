"""Subsets: every subset of a list of distinct values (the power set)."""

from __future__ import annotations


# --8<-- [start:optimal]
def subsets(nums: list[int]) -> list[list[int]]:
    """Every subset of `nums`, each in the input's order, the empty one first.

    Each node of the search is a subset: record it, then try every later
    index as the next member. Time O(n * 2^n): 2^n subsets, each copied in
    O(n). Extra space O(n) for the path, besides the output.
    Raises ValueError on repeated values (see subsets_with_duplicates).
    """
    if len(set(nums)) != len(nums):
        raise ValueError("values must be distinct; use subsets_with_duplicates")
    result: list[list[int]] = []
    path: list[int] = []

    def explore(start: int) -> None:
        result.append(path.copy())  # every node is an answer
        for i in range(start, len(nums)):
            path.append(nums[i])  # choose nums[i]
            explore(i + 1)  # only later indices: no subset twice
            path.pop()  # un-choose

    explore(0)
    return result


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def subsets_brute_force(nums: list[int]) -> list[list[int]]:
    """Read each of the 2^n bitmasks as a subset: bit i set means nums[i] is in.

    Time O(n * 2^n), extra space O(n). No recursion at all.
    """
    n = len(nums)
    return [[nums[i] for i in range(n) if mask >> i & 1] for mask in range(1 << n)]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(subsets([1, 2, 3]))
    #> [[], [1], [1, 2], [1, 2, 3], [1, 3], [2], [2, 3], [3]]
    print(subsets_brute_force([1, 2, 3]))
    #> [[], [1], [2], [1, 2], [3], [1, 3], [2, 3], [1, 2, 3]]
    # --8<-- [end:demo]
