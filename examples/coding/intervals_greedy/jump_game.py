"""Jump game: can you reach the last index? Greedy reach against a DP table."""

from __future__ import annotations


def _require_steps(steps: list[int]) -> None:
    if not steps:
        raise ValueError("steps must not be empty: there is no index to start on")
    if any(step < 0 for step in steps):
        raise ValueError("steps must be zero or more")


# --8<-- [start:optimal]
def can_jump(steps: list[int]) -> bool:
    """From index 0, steps[i] is the longest jump from i. Can you reach the end?

    Time O(n), space O(1).
    """
    _require_steps(steps)
    last = len(steps) - 1
    reach = 0
    for i, step in enumerate(steps):
        # Invariant: the indices reachable using 0..i-1 are exactly 0..reach.
        if i > reach:  # a gap: no earlier index jumps this far
            return False
        reach = max(reach, i + step)
        if reach >= last:
            return True
    return reach >= last


# --8<-- [end:optimal]


# --8<-- [start:brute_force]
def can_jump_dp(steps: list[int]) -> bool:
    """reachable[j]: some reachable i < j jumps to j or past it.

    Time O(n^2) (each j scans the indices before it), space O(n).
    """
    _require_steps(steps)
    reachable = [True] + [False] * (len(steps) - 1)
    for j in range(1, len(steps)):
        reachable[j] = any(reachable[i] and i + steps[i] >= j for i in range(j))
    return reachable[-1]


# --8<-- [end:brute_force]


if __name__ == "__main__":
    # --8<-- [start:demo]
    print(can_jump([2, 3, 1, 1, 4]))
    #> True
    print(can_jump([3, 2, 1, 0, 4]))  # every path lands on the 0 at index 3
    #> False
    # --8<-- [end:demo]
