"""The bottom-up skeleton every 1-D dynamic program on this page fills in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


# --8<-- [start:tabulate]
def tabulate(size: int, first: list[T], step: Callable[[list[T], int], T]) -> list[T]:
    """The answers to subproblems 0..size, smallest first.

    `first` holds the base cases (answers 0, 1, ...), and `step(table, i)`
    computes answer i from the table so far.
    Invariant: when step(table, i) runs, table[0..i-1] are final answers and
    table has exactly i entries, so step can read only smaller subproblems.
    Time O(size) calls of step; space O(size): size + 1 answers, not size.
    """
    if size < 0:
        raise ValueError("size must be zero or more")
    if not first:
        raise ValueError("give at least one base case")
    table = list(first)
    for i in range(len(table), size + 1):
        table.append(step(table, i))
    del table[size + 1 :]  # fewer subproblems than base cases: drop the extras
    return table


# --8<-- [end:tabulate]


if __name__ == "__main__":
    # --8<-- [start:demo]
    # Climbing stairs: ways(i) = ways(i - 1) + ways(i - 2).
    print(tabulate(7, [1, 1], lambda ways, i: ways[i - 1] + ways[i - 2]))
    #> [1, 1, 2, 3, 5, 8, 13, 21]

    # House robber: best(i) over the first i houses; take house i - 1 or skip it.
    houses = [2, 7, 9, 3, 1]

    def rob(best: list[int], i: int) -> int:
        return max(best[i - 1], (best[i - 2] if i >= 2 else 0) + houses[i - 1])

    print(tabulate(len(houses), [0], rob))
    #> [0, 2, 7, 11, 11, 12]

    # Fewest coins for every amount up to 6 with coins 1, 3 and 4 (7: unreachable).
    coins, unreachable = [1, 3, 4], 7

    def fewest(few: list[int], a: int) -> int:
        return min([unreachable] + [few[a - c] + 1 for c in coins if c <= a])

    print(tabulate(6, [0], fewest))
    #> [0, 1, 2, 1, 1, 2, 2]
    # --8<-- [end:demo]
