"""House robber: the four steps from a recursion to two variables, on one problem.

Houses stand in a row, each holding an amount. Take amounts from houses, never
from two neighbors, and return the largest total. (A negative amount is never
worth taking, so skipping every house, 0, is always allowed.)

The state in words: best(i) is the largest total from the first i houses.
The transition: house i - 1 is either skipped, best(i - 1), or taken, which
rules out house i - 2: values[i - 1] + best(i - 2). Base cases: best(0) = 0
and best(1) = max(values[0], 0), which the same rule gives with best(-1) = 0.
"""

from __future__ import annotations

from functools import cache


# --8<-- [start:brute_force]
def house_robber_brute_force(values: list[int]) -> int:
    """Step 1, plain recursion on the state. Time O(phi^n), space O(n) depth."""

    def best(i: int) -> int:  # the largest total from the first i houses
        if i <= 0:
            return 0
        return max(best(i - 1), values[i - 1] + best(i - 2))

    return best(len(values))


# --8<-- [end:brute_force]


# --8<-- [start:memo]
def house_robber_memo(values: list[int]) -> int:
    """Step 2, the same recursion with a cache. Time O(n), space O(n) + O(n) depth."""

    @cache  # a new cache for each call, keyed by i: `values` is fixed within it
    def best(i: int) -> int:
        if i <= 0:
            return 0
        return max(best(i - 1), values[i - 1] + best(i - 2))

    return best(len(values))


# --8<-- [end:memo]


# --8<-- [start:table]
def house_robber_table(values: list[int]) -> int:
    """Step 3, the cache as a list filled smallest first. Time O(n), space O(n)."""
    n = len(values)
    best = [0] * (n + 1)  # best[i] for i = 0..n: n + 1 subproblems
    for i in range(1, n + 1):
        two_back = best[i - 2] if i >= 2 else 0
        best[i] = max(best[i - 1], values[i - 1] + two_back)
    return best[n]


# --8<-- [end:table]


# --8<-- [start:optimal]
def house_robber(values: list[int]) -> int:
    """Step 4, keep only the two entries the transition reads. Time O(n), space O(1)."""
    two_back, one_back = 0, 0  # best(i - 2), best(i - 1)
    for value in values:
        two_back, one_back = one_back, max(one_back, value + two_back)
    return one_back


# --8<-- [end:optimal]


if __name__ == "__main__":
    # --8<-- [start:demo]
    houses = [2, 7, 9, 3, 1]
    for solve in (house_robber_brute_force, house_robber_memo, house_robber_table):
        print(solve.__name__, solve(houses))
        #> house_robber_brute_force 12
        #> house_robber_memo 12
        #> house_robber_table 12
    print(house_robber.__name__, house_robber(houses))  # 2 + 9 + 1
    #> house_robber 12
    # --8<-- [end:demo]

    # --8<-- [start:depth]
    import sys

    print(sys.getrecursionlimit())
    #> 1000
    street = [1] * 1_000
    try:
        house_robber_memo(street)
    except RecursionError as error:
        print("memo, 1,000 houses:", type(error).__name__)
        #> memo, 1,000 houses: RecursionError
    print("memo, 400 houses:", house_robber_memo(street[:400]))
    #> memo, 400 houses: 200
    print("two variables, 1,000,000 houses:", house_robber([1] * 1_000_000))
    #> two variables, 1,000,000 houses: 500000
    # --8<-- [end:depth]
