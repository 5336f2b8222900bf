"""The classic non-terminating binary search: lo = mid with a mid that rounds down.

Both functions look for the LAST index in [lo, hi] where a predicate is true
(true, ..., true, false, ...), assuming it is true at lo. They count their
iterations and give up after `max_steps`, so the bug shows as an error
instead of a hung process.
"""

from __future__ import annotations

from collections.abc import Callable


class DidNotFinish(RuntimeError):
    """The search stopped making progress."""


# --8<-- [start:buggy]
def last_true_rounding_down(
    lo: int, hi: int, predicate: Callable[[int], bool], max_steps: int = 200
) -> int:
    """BUGGY: when hi == lo + 1 and predicate(lo) holds, mid == lo forever."""
    steps = 0
    while lo < hi:
        steps += 1
        if steps > max_steps:
            raise DidNotFinish(f"stuck at lo={lo}, hi={hi} after {max_steps} steps")
        mid = lo + (hi - lo) // 2  # rounds down: mid can equal lo
        if predicate(mid):
            lo = mid  # no progress when mid == lo
        else:
            hi = mid - 1
    return lo


# --8<-- [end:buggy]


# --8<-- [start:fixed]
def last_true(
    lo: int, hi: int, predicate: Callable[[int], bool], max_steps: int = 200
) -> int:
    """Fixed: round mid up, so lo < mid <= hi and both branches shrink the range."""
    steps = 0
    while lo < hi:
        steps += 1
        if steps > max_steps:
            raise DidNotFinish(f"stuck at lo={lo}, hi={hi} after {max_steps} steps")
        mid = lo + (hi - lo + 1) // 2  # rounds up
        if predicate(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


# --8<-- [end:fixed]


if __name__ == "__main__":
    # --8<-- [start:demo]
    prices = [10, 20, 30]

    def at_most_20(i: int) -> bool:
        return prices[i] <= 20

    print(last_true(0, 2, at_most_20))
    #> 1
    try:
        last_true_rounding_down(0, 2, at_most_20)
    except DidNotFinish as error:
        print(error)
        #> stuck at lo=1, hi=2 after 200 steps
    # --8<-- [end:demo]
