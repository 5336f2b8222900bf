"""Climbing stairs: the smallest problem that shows overlapping subproblems.

You climb `steps` stairs, one or two at a time. How many different orders of
moves reach the top? The plain recursion solves the same smaller staircase
again and again; the counters below show how often.
"""

from __future__ import annotations

from collections import Counter
from functools import cache


# --8<-- [start:brute_force]
def climb_ways_brute_force(steps: int) -> int:
    """Plain recursion: the last move was 1 stair or 2.

    Time O(phi^n) calls (phi is about 1.618), space O(n) for the recursion.
    """
    if steps < 0:
        raise ValueError("steps must be zero or more")
    if steps <= 1:
        return 1  # zero stairs: one way, do nothing; one stair: one move
    return climb_ways_brute_force(steps - 1) + climb_ways_brute_force(steps - 2)


# --8<-- [end:brute_force]


# --8<-- [start:counted]
def calls_per_subproblem(steps: int, *, cached: bool) -> Counter[int]:
    """How many times each staircase size is solved, without and with a cache."""
    calls: Counter[int] = Counter()

    def ways(stairs: int) -> int:
        calls[stairs] += 1  # counts a real evaluation, never a cache hit
        if stairs <= 1:
            return 1
        return ways(stairs - 1) + ways(stairs - 2)

    if cached:
        ways = cache(ways)  # the recursive calls find the cached name too
    ways(steps)
    return calls


# --8<-- [end:counted]


# --8<-- [start:optimal]
def climb_ways(steps: int) -> int:
    """Ways to climb `steps` stairs taking 1 or 2 at a time.

    ways(i) = ways(i - 1) + ways(i - 2): keep only the last two values.
    Time O(n), space O(1).
    """
    if steps < 0:
        raise ValueError("steps must be zero or more")
    two_back, one_back = 1, 1  # ways(0), ways(1)
    for _ in range(steps - 1):
        two_back, one_back = one_back, two_back + one_back
    return one_back


# --8<-- [end:optimal]


if __name__ == "__main__":
    # --8<-- [start:demo]
    naive = calls_per_subproblem(6, cached=False)
    print(sorted(naive.items()))  # (stairs, times solved)
    #> [(0, 5), (1, 8), (2, 5), (3, 3), (4, 2), (5, 1), (6, 1)]
    print(sorted(calls_per_subproblem(6, cached=True).items()))
    #> [(0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)]
    for steps in (10, 20, 25):
        plain = calls_per_subproblem(steps, cached=False).total()
        memo = calls_per_subproblem(steps, cached=True).total()
        print(
            f"n={steps}: {climb_ways(steps)} ways, {plain:,} calls plain, {memo} cached"
        )
        #> n=10: 89 ways, 177 calls plain, 11 cached
        #> n=20: 10946 ways, 21,891 calls plain, 21 cached
        #> n=25: 121393 ways, 242,785 calls plain, 26 cached
    # --8<-- [end:demo]
