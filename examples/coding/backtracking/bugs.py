"""Backtracking bugs that pass a quick glance and fail the first real input.

Every function here is wrong on purpose; the page shows each one failing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sized

from examples.coding.backtracking.combination_sum import combination_sum
from examples.coding.backtracking.palindrome_partitioning import palindrome_partitions
from examples.coding.backtracking.permutations_with_duplicates import (
    permutations_with_duplicates,
)


# --8<-- [start:no_copy]
def subsets_no_copy(nums: list[int]) -> list[list[int]]:
    """BUG: appends `path` itself, so every answer is the same list object."""
    result: list[list[int]] = []
    path: list[int] = []

    def explore(start: int) -> None:
        result.append(path)  # should be path.copy()
        for i in range(start, len(nums)):
            path.append(nums[i])
            explore(i + 1)
            path.pop()

    explore(0)
    return result


# --8<-- [end:no_copy]


# --8<-- [start:no_undo]
def subsets_no_undo(nums: list[int]) -> list[list[int]]:
    """BUG: never pops, so each choice leaks into its siblings' subtrees."""
    result: list[list[int]] = []
    path: list[int] = []

    def explore(start: int) -> None:
        result.append(path.copy())
        for i in range(start, len(nums)):
            path.append(nums[i])
            explore(i + 1)  # missing: path.pop()

    explore(0)
    return result


# --8<-- [end:no_undo]


# --8<-- [start:skip_wrong_depth]
def subsets_dup_no_skip(nums: list[int]) -> list[list[int]]:
    """BUG: sorts but never skips, so equal siblings rebuild the same subsets."""
    values = sorted(nums)
    result: list[list[int]] = []
    path: list[int] = []

    def explore(start: int) -> None:
        result.append(path.copy())
        for i in range(start, len(values)):
            path.append(values[i])
            explore(i + 1)
            path.pop()

    explore(0)
    return result


def subsets_dup_skip_across_depths(nums: list[int]) -> list[list[int]]:
    """BUG: `i > 0` skips an equal value even one level down, losing [2, 2]."""
    values = sorted(nums)
    result: list[list[int]] = []
    path: list[int] = []

    def explore(start: int) -> None:
        result.append(path.copy())
        for i in range(start, len(values)):
            if i > 0 and values[i] == values[i - 1]:  # should be i > start
                continue
            path.append(values[i])
            explore(i + 1)
            path.pop()

    explore(0)
    return result


# --8<-- [end:skip_wrong_depth]


# --8<-- [start:depth]
def outcome(search: Callable[[], Sized]) -> str:
    """How many answers a search returns, or that it ran out of stack frames."""
    try:
        return f"{len(search())} answer(s)"
    except RecursionError:
        return "RecursionError"


# --8<-- [end:depth]


if __name__ == "__main__":
    # --8<-- [start:demo_no_copy]
    print(subsets_no_copy([1, 2, 3]))
    #> [[], [], [], [], [], [], [], []]
    # --8<-- [end:demo_no_copy]
    # --8<-- [start:demo_no_undo]
    found = subsets_no_undo([1, 2, 3])
    print(found[:4])  # right so far
    #> [[], [1], [1, 2], [1, 2, 3]]
    print(found[4:])  # [1, 3] belongs here; nothing was popped
    #> [[1, 2, 3, 3], [1, 2, 3, 3, 2], [1, 2, 3, 3, 2, 3], [1, 2, 3, 3, 2, 3, 3]]
    # --8<-- [end:demo_no_undo]
    # --8<-- [start:demo_skip]
    print(subsets_dup_no_skip([2, 1, 2]))
    #> [[], [1], [1, 2], [1, 2, 2], [1, 2], [2], [2, 2], [2]]
    print(subsets_dup_skip_across_depths([2, 1, 2]))
    #> [[], [1], [1, 2], [2]]
    # --8<-- [end:demo_skip]
    # --8<-- [start:demo_depth]
    print(sys.getrecursionlimit())
    #> 1000
    print(outcome(lambda: combination_sum([1], 500)))  # one answer, depth 500
    #> 1 answer(s)
    print(outcome(lambda: combination_sum([1], 1_000)))  # one answer, depth 1,000
    #> RecursionError
    print(outcome(lambda: permutations_with_duplicates([7] * 1_000)))  # one answer
    #> RecursionError
    print(outcome(lambda: palindrome_partitions("abc" * 334)))  # 1,002 pieces
    #> RecursionError
    # --8<-- [end:demo_depth]
